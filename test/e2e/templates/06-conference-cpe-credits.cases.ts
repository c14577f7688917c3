// Template 06 in a real n8n, its dry run switched off: one roll-up per attendee and event,
// reserved once in the Credential Ledger, one PDF per attendee (its text read back with Poppler)
// mailed through the SMTP sink and recorded as issued and delivered; the roster and sponsor
// reports from the per-session run. A second run with the same data, in a new n8n process, finds
// every attendee unchanged and mails nothing; Alan, in review, gets one review opened and one
// reviewer mail, not one per run. Corrections, the dry run and the reviewer's form:
// test/e2e/cpe-reconcile. Both runs start from the editor: review calls the workflow itself.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import type { RunData } from '../support/harness';
import type { TemplateCase } from '../support/cases';
import { MAIL_USER } from '../../simulators/mail';
import { runReader } from '../../unit/certificate/support/strict-readers';
import { sinkMessages } from '../support/template-kit';

const FROM = 'cpe-desk@conference.example.org';
const REVIEW_QUEUE = 'cpe-review-queue@conference.example.org';
const ATTENDEES = ['ada@example.com', 'grace@example.com', 'katherine@example.com'];

interface ChainEntry {
	type: string;
	key: string;
	actor?: string;
	payload: Record<string, unknown>;
}

/** What the ledger records as the actor of this template's entries: n8n and the workflow name. */
const ACTOR = 'n8n workflow Conference CPE credits';

/**
 * This template's signed entries in the demo ledger (the embedded store in n8n's user folder),
 * and their lines as text. Other templates run in the same n8n and write to the same ledger:
 * an entry's actor names its workflow.
 */
function chainOf(userFolder: string): { text: string; entries: ChainEntry[] } {
	const lines = readFileSync(
		path.join(userFolder, '.n8n', 'credential-ledger', 'chain.jsonl'),
		'utf8',
	)
		.split('\n')
		.filter(Boolean)
		.filter((line) => (JSON.parse(line) as ChainEntry).actor?.startsWith(ACTOR));
	return { text: lines.join('\n'), entries: lines.map((line) => JSON.parse(line) as ChainEntry) };
}

interface BinaryRef {
	data?: string;
	id?: string;
}

/** The PDF a node output item carries: inline base64, or a file in n8n's binary-data folder. */
export function pdfBytes(
	run: RunData,
	node: string,
	index: number,
	userFolder: string,
	/** The binary property; another file (a dry run's planned changes) is read the same way. */
	property = 'certificate',
	output = 0,
): Buffer {
	const runData = run.data?.resultData?.runData as
		| Record<
				string,
				Array<{ data: { main: Array<Array<{ binary?: Record<string, BinaryRef> }>> } }>
		  >
		| undefined;
	const binary = runData?.[node]?.[0]?.data.main[output][index]?.binary?.[property];
	if (!binary) throw new Error(`no ${property} binary on ${node} item ${index}`);
	if (binary.id) {
		// filesystem mode: the id ends in the file's name; where the folder is differs by release.
		const name = path.basename(binary.id);
		const found = (readdirSync(userFolder, { recursive: true }) as string[]).find(
			(file) => path.basename(file) === name,
		);
		if (!found) throw new Error(`binary ${binary.id} not found under ${userFolder}`);
		return readFileSync(path.join(userFolder, found));
	}
	return Buffer.from(binary.data ?? '', 'base64');
}

/** The PDF's text as Poppler lays the page out, whitespace collapsed. */
export function pdfText(pdf: Buffer): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'template-06-'));
	try {
		const file = path.join(dir, 'certificate.pdf');
		writeFileSync(file, pdf);
		return runReader('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).replace(/\s+/g, ' ');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Settings → dryRun: on in the template, so that a first run only lists what it would send. */
export function setDryRun(workflow: Record<string, unknown>, dryRun: boolean): void {
	const nodes = workflow.nodes as Array<{ name: string; parameters: Record<string, unknown> }>;
	const settings = nodes.find((node) => node.name === 'Settings');
	const fields = (
		settings?.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }
	).assignments;
	const field = fields.find((f) => f.name === 'dryRun');
	if (!field) throw new Error('template 06 has no Settings → dryRun');
	field.value = dryRun;
}

export const cases: TemplateCase = {
	configure: (workflow) => setDryRun(workflow, false),
	execute: [
		{
			fromEditor: 'Run Demo',
			nodeOutputs: {
				'Roster CSV': [{ report: 'roster', rows: 7, fileName: 'spring-cpe-roster.csv' }],
				'Sponsor Report': [{ report: 'sponsor', rows: 7 }],
				'Reserve Certificate': ATTENDEES.map(() => ({ ledger: { status: 'new', attempt: 1 } })),
				'Record Issued': ATTENDEES.map(() => ({ ledger: { recorded: 'issued' } })),
				'Record Delivered': ATTENDEES.map(() => ({ ledger: { recorded: 'delivered' } })),
			},
			check: async (run, output, { simulators, userFolder }) => {
				// One item per attendee and event: the credited sessions and their exact total.
				const rollUps = (index: number) =>
					(output('CPE Credit', index) ?? []).map((json) => {
						const r = json as {
							subject: { attendeeId: string; eventId: string };
							outcome: string;
							credits: string;
							sessionCredits: Array<{ sessionId: string; credits: string }>;
							evidenceDigest: string;
						};
						expect(r.evidenceDigest).toMatch(/^[0-9a-f]{64}$/);
						expect(r).not.toHaveProperty('evidence');
						const lines = r.sessionCredits.map((s) => `${s.sessionId} ${s.credits}`).join(', ');
						return `${r.subject.attendeeId} | ${r.subject.eventId} | ${r.outcome} | ${r.credits} | ${lines}`;
					});
				expect(rollUps(0)).toEqual([
					'ada@example.com | SPRING-CPE-2026 | partial_credit | 4 | KEY 1, A1 2, LIGHTNING 1',
					'grace@example.com | SPRING-CPE-2026 | partial_credit | 1.8 | B1 1.8',
					'katherine@example.com | SPRING-CPE-2026 | partial_credit | 1.6 | B1 1.6',
				]);
				expect(rollUps(1)).toEqual(['alan@example.com | SPRING-CPE-2026 | needs_review | 0 | ']);
				// Nothing in the ledger yet: every credited attendee is issued, Alan goes to review.
				const actions = (output('Reconcile With Ledger') ?? []).map((json) => {
					const { subject, action } = json as { subject: { attendeeId: string }; action: string };
					return `${subject.attendeeId} ${action}`;
				});
				expect(actions).toEqual([
					'ada@example.com issue',
					'grace@example.com issue',
					'katherine@example.com issue',
					'alan@example.com review',
				]);
				expect(output('Record No Credit')).toBeUndefined();

				// One PDF per attendee, its text read back: every credited session and the total.
				const certificates = (output('Certificate') ?? []).map(
					(json) =>
						(json as { certificate: Record<string, unknown> }).certificate as {
							certificateId: string;
							recipientName: string;
							totalCredits: string;
							verificationUrl: string;
							fileName: string;
							sha256: string;
						},
				);
				expect(certificates.map((c) => [c.recipientName, c.totalCredits])).toEqual([
					['Ada Lovelace', '4'],
					['Grace Hopper', '1.8'],
					['Katherine Johnson', '1.6'],
				]);
				const ada = pdfText(pdfBytes(run, 'Certificate', 0, userFolder));
				for (const expected of [
					'SPRING CPE CONFERENCE (DEMO SPONSOR)',
					'Ada Lovelace',
					'Spring CPE Conference 2026',
					'May 14, 2026 Opening keynote: the future of audit Group Live Auditing 1.0',
					'May 14, 2026 Revenue recognition update Group Live Accounting 2.0',
					'Group Live Accounting 1.0',
					'by field of study: Auditing 1.0 · Accounting 3.0',
					'4.0 CPE credits',
					'NASBA Registry Sponsor ID 000000 (demo)',
					'cpe-desk@conference.example.org',
					'Chicago, IL',
					'Dana Lee',
					'50-minute hour',
					`Certificate ID ${certificates[0].certificateId}`,
				])
					expect(ada).toContain(expected);
				// The verification URL is this n8n's verification endpoint (template 19).
				expect(certificates[0].verificationUrl).toMatch(
					new RegExp(
						`^http://127\\.0\\.0\\.1:\\d+/webhook/verify/${certificates[0].certificateId}$`,
					),
				);
				expect(ada).toContain(certificates[0].verificationUrl);

				// The mail sink: one mail per attendee, with their PDF attached.
				const sent = (await sinkMessages(simulators.mail)).filter((m) => m.from === FROM);
				expect(
					sent.map((m) => [
						m.to,
						m.subject,
						m.authenticatedAs,
						m.attachments.map((a) => a.filename),
					]),
				).toEqual(
					ATTENDEES.map((to, i) => [
						[to],
						'Your CPE certificate: Spring CPE Conference 2026',
						MAIL_USER,
						[certificates[i].fileName],
					]),
				);
				for (const m of sent)
					expect(m.attachments[0]).toMatchObject({ contentType: 'application/pdf' });

				// The ledger: per attendee decided, reserved, issued (the certificate ID), delivered;
				// Alan's decision is recorded and his review opened (under the review queue's name);
				// the e-mail addresses and names never reach the signed chain.
				const { text, entries } = chainOf(userFolder);
				const keys = [...new Set(entries.map((e) => e.key))];
				expect(keys.map((key) => entries.filter((e) => e.key === key).map((e) => e.type))).toEqual([
					...ATTENDEES.map(() => ['decided', 'reserved', 'issued', 'delivered']),
					['decided'],
				]);
				expect(output('Ledger: Record Review Opened')).toMatchObject([
					{ subject: { attendeeId: 'alan@example.com' }, ledger: { recorded: 'review' } },
				]);
				expect(entries.filter((e) => e.type === 'issued').map((e) => e.payload.externalId)).toEqual(
					certificates.map((c) => c.certificateId),
				);
				// Each PDF's SHA-256 is on its issued entry, so an audit pack can list it.
				expect(
					entries
						.filter((e) => e.type === 'issued')
						.map((e) => (e.payload.attributes as { sha256?: string } | undefined)?.sha256),
				).toEqual(certificates.map((c) => c.sha256));
				expect(entries.find((e) => e.type === 'decided')?.payload).toMatchObject({
					subject: { eventId: 'SPRING-CPE-2026' },
					credits: '4',
					evidenceDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
				});
				for (const secret of [...ATTENDEES, 'alan@example.com', 'Lovelace'])
					expect(text).not.toContain(secret);

				const sponsor = output('Sponsor Report')?.[0] as {
					sessions: Array<{ sessionId: string; creditsAwarded: string }>;
				};
				expect(sponsor.sessions.map((s) => [s.sessionId, s.creditsAwarded])).toEqual([
					['KEY', '1'],
					['A1', '2'],
					['LIGHTNING', '1'],
					['B1', '3.4'],
				]);
			},
		},
		{
			fromEditor: 'Run Demo',
			// The same data again: every attendee is unchanged, nothing is reserved, rendered or mailed.
			check: async (_run, output, { simulators, userFolder }) => {
				expect(output('Route by Action', 2)).toMatchObject(
					ATTENDEES.map((attendeeId) => ({ subject: { attendeeId }, action: 'unchanged' })),
				);
				expect(output('Reserve Certificate')).toBeUndefined();
				expect(output('Certificate')).toBeUndefined();
				expect(output('Email Certificate')).toBeUndefined();
				const sent = (await sinkMessages(simulators.mail)).filter((m) => m.from === FROM);
				expect(sent).toHaveLength(3);
				expect(chainOf(userFolder).entries).toHaveLength(13);
				// Alan's review is open already: not asked again, so one reviewer mail in two runs.
				expect(output('Review Already Open?', 0)).toMatchObject([
					{ subject: { attendeeId: 'alan@example.com' } },
				]);
				const reviews = (await sinkMessages(simulators.mail)).filter(
					(m) => m.from === REVIEW_QUEUE,
				);
				expect(reviews.map((m) => [m.to, m.subject])).toEqual([
					[['cpe-review@conference.example.org'], expect.stringContaining('alan@example.com')],
				]);
			},
		},
	],
};
