// Template 22 in a real n8n against the Zoom simulator: the registrants and the participant
// report are read page by page (the simulator's page log shows every next_page_token followed),
// every participant reaches Attendance, each registered no-show is recorded No Credit in the
// ledger, and a second run from the Schedule Trigger records nothing twice.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { CheckContext, TemplateCase } from '../support/cases';

/* eslint-disable @typescript-eslint/no-require-imports */
const sample = require('../../simulators/zoom/sample-data') as {
	NO_SHOW_EMAILS: string[];
	sampleParticipants(): Array<{ user_email: string; name: string; status: string }>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

interface PageRead {
	endpoint: string;
	pageToken: string;
	returned: number;
	nextPageToken: string;
}

interface Recorded {
	subject: { attendeeId: string };
	outcome: string;
	ledger: { key: string; alreadyRecorded: boolean };
}

/** The participants who were in the session (waiting-room rows never were), by attendee id. */
const ATTENDED = [
	...new Set(
		sample
			.sampleParticipants()
			.filter((row) => row.status === 'in_meeting')
			.map((row) => row.user_email || `name:${row.name.toLowerCase()}`),
	),
];

/** Every page the Zoom simulator served, and how many OAuth tokens it issued. */
async function zoomLog(
	simulators: CheckContext['simulators'],
): Promise<{ pages: PageRead[]; tokensIssued: number }> {
	const response = await fetch(`${simulators.zoom}/__control/pages`);
	return (await response.json()) as { pages: PageRead[]; tokensIssued: number };
}

/** One run's page reads: each list from the first page, every token followed to the empty one. */
function expectEveryPageRead(pages: PageRead[]) {
	for (const [endpoint, rows] of [
		['registrants', 44],
		['participants', 44],
	] as const) {
		const list = pages.filter((page) => page.endpoint === endpoint);
		expect({ endpoint, tokens: list.map((page) => page.pageToken) }).toEqual({
			endpoint,
			tokens: ['', list[0].nextPageToken],
		});
		expect(list[1].nextPageToken).toBe('');
		expect(list.reduce((sum, page) => sum + page.returned, 0)).toBe(rows);
	}
}

/** How many times each key was written to the signed chain. */
function chainCounts(userFolder: string, keys: string[]): number[] {
	const chain = readFileSync(
		path.join(userFolder, '.n8n', 'credential-ledger', 'chain.jsonl'),
		'utf8',
	);
	const written = chain
		.split('\n')
		.filter(Boolean)
		.map((line) => (JSON.parse(line) as { key: string }).key);
	return keys.map((key) => written.filter((k) => k === key).length);
}

const recorded = (output: (node: string) => unknown[] | undefined, node: string) =>
	(output(node) ?? []) as Recorded[];

export const cases: TemplateCase = {
	// The demo's Settings point at the simulator's default port; here it runs on a free one.
	configure: (workflow, simulators) => {
		const nodes = workflow.nodes as Array<{
			name: string;
			parameters: { assignments?: { assignments: Array<{ name: string; value: unknown }> } };
		}>;
		const settings = nodes.find((node) => node.name === 'Settings');
		for (const field of settings?.parameters.assignments?.assignments ?? [])
			if (field.name === 'zoomApiUrl') field.value = `${simulators.zoom}/v2`;
	},
	execute: {
		check: async (_run, output, { simulators, userFolder }) => {
			// n8n fetched its own token (account_credentials) before reading any page.
			const { pages, tokensIssued } = await zoomLog(simulators);
			expect(tokensIssued).toBeGreaterThanOrEqual(1);
			expect(pages).toHaveLength(4);
			expectEveryPageRead(pages);

			const timelines = (output('Attendance') ?? []) as Array<{ attendeeId: string }>;
			expect(timelines.map((t) => t.attendeeId).sort()).toEqual([...ATTENDED].sort());

			const noCredit = recorded(output, 'Record No Credit');
			expect(noCredit.map((d) => d.subject.attendeeId).sort()).toEqual(
				[...sample.NO_SHOW_EMAILS].sort(),
			);
			for (const decision of noCredit) {
				expect(decision).toMatchObject({
					outcome: 'no_credit',
					ledger: { alreadyRecorded: false },
				});
			}
			expect(
				chainCounts(
					userFolder,
					noCredit.map((d) => d.ledger.key),
				),
			).toEqual(noCredit.map(() => 1));
			// NASBA fifths of a 100-minute webinar: the whole of it, a rejoin's 98 minutes, one hour.
			const credited = new Map(
				recorded(output, 'Record Credit').map((d) => [d.subject.attendeeId, d] as const),
			);
			expect(credited.size).toBe(40);
			expect(
				['ada.lovelace', 'grace.hopper', 'alan.turing'].map((name) => {
					const decision = credited.get(`${name}@example.com`) as Recorded & { credits: string };
					return `${name} ${decision.outcome} ${decision.credits}`;
				}),
			).toEqual([
				'ada.lovelace full_credit 2',
				'grace.hopper partial_credit 1.8',
				'alan.turing partial_credit 1.2',
			]);
			// The guest known only by name goes to a person, not to the ledger.
			expect(
				(output('CPE Credit', 1) ?? []).map((d) => (d as Recorded).subject.attendeeId),
			).toEqual(['name:guest caller']);
		},
	},
	// The Schedule Trigger's run, after the manual one: the same pages again, nothing new recorded.
	poll: {
		check: async (_run, output, { simulators, userFolder }) => {
			const { pages } = await zoomLog(simulators);
			expect(pages).toHaveLength(8);
			expectEveryPageRead(pages.slice(4));
			const decisions = [
				...recorded(output, 'Record Credit'),
				...recorded(output, 'Record No Credit'),
			];
			expect(decisions.length).toBeGreaterThan(30);
			expect(decisions.filter((d) => !d.ledger.alreadyRecorded)).toEqual([]);
			expect(
				chainCounts(
					userFolder,
					decisions.map((d) => d.ledger.key),
				),
			).toEqual(decisions.map(() => 1));
		},
	},
};
