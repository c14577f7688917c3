// Template 06 run again with corrected data, in a real n8n: the same data changes nothing, one
// corrected scan supersedes exactly one certificate (the new PDF names the one it replaces) with
// one notice, one attendee no longer eligible gets one revocation notice, the dry run lists
// exactly those changes and sends and records nothing, and another event's file is refused
// naming the row. One n8n user folder for the file; each run is an n8n process, as in the editor.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import type { SinkMessage } from '../simulators/mail';
import { createInstanceWithPackage } from './support/describe-workflows';
import type { Instance, LoadedWorkflow, RunData } from './support/harness';
import { currentLine, harness, REPO_ROOT } from './support/harness';
import { startSimulatorsWithCredentials, type RunningSimulators } from './support/simulators';
import { sinkMessages } from './support/template-kit';
import { pdfBytes, pdfText, setDryRun } from './templates/06-conference-cpe-credits.cases';

const TEMPLATE = '06-conference-cpe-credits.json';
const FROM = 'cpe-desk@conference.example.org';

interface Variant {
	dryRun: boolean;
	/** Scan rows replaced in the demo CSV: [demo row, corrected row]. */
	corrections?: Array<[string, string]>;
	eventId?: string;
}

// Grace checked in to B1 at 09:50, not 09:36 (1.8 → 1.6 credits); Katherine left B1 at 09:55,
// not 10:55 (25 minutes: no credit).
const CORRECTED: Array<[string, string]> = [
	[
		'Grace Hopper,grace@example.com,B1,2026-05-14 09:36,in,Room B',
		'Grace Hopper,grace@example.com,B1,2026-05-14 09:50,in,Room B',
	],
	[
		'Katherine Johnson,katherine@example.com,,2026-05-14 10:55,out,Room B',
		'Katherine Johnson,katherine@example.com,,2026-05-14 09:55,out,Room B',
	],
];

const VARIANTS: Record<string, Variant> = {
	send: { dryRun: false },
	'dry-run-corrected': { dryRun: true, corrections: CORRECTED },
	'send-corrected': { dryRun: false, corrections: CORRECTED },
	'another-event': { dryRun: true, corrections: CORRECTED, eventId: 'FALL-CPE-2026' },
};

type Node = { name: string; parameters: Record<string, unknown> };

/** Template 06 as an organiser edits it: the Settings flag, the scans, the schedule's event. */
function variantOf(variant: Variant): Record<string, unknown> {
	const workflow = JSON.parse(readFileSync(path.join(REPO_ROOT, 'workflows', TEMPLATE), 'utf8'));
	setDryRun(workflow, variant.dryRun);
	const attendance = (workflow.nodes as Node[]).find((node) => node.name === 'Attendance');
	if (!attendance) throw new Error('template 06 has no Attendance node');
	for (const [demo, corrected] of variant.corrections ?? []) {
		const csv = String(attendance.parameters.attendanceCsv);
		if (!csv.includes(demo)) throw new Error(`the demo scans have no row "${demo}"`);
		attendance.parameters.attendanceCsv = csv.replace(demo, corrected);
	}
	if (variant.eventId)
		attendance.parameters.schedule = String(attendance.parameters.schedule).replace(
			'eventId: SPRING-CPE-2026',
			`eventId: ${variant.eventId}`,
		);
	return workflow;
}

interface ChainEntry {
	type: string;
	key: string;
	payload: Record<string, unknown>;
}

const { line, n8nVersion } = currentLine();

describe(`template 06 re-run: reconcile with the ledger (n8n ${n8nVersion})`, () => {
	let n8n: Instance;
	let simulators: RunningSimulators;
	let folder: string;
	const flows = new Map<string, LoadedWorkflow>();

	beforeAll(async () => {
		n8n = await createInstanceWithPackage(line);
		simulators = await startSimulatorsWithCredentials(n8n);
		folder = mkdtempSync(path.join(tmpdir(), 'cpe-reconcile-'));
		for (const [name, variant] of Object.entries(VARIANTS))
			writeFileSync(path.join(folder, `${name}.json`), JSON.stringify(variantOf(variant)));
		const loaded = harness.loadWorkflowDir(folder);
		await n8n.importWorkflows(loaded);
		for (const flow of loaded) flows.set(flow.fileName.replace(/\.json$/, ''), flow);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await simulators?.stop();
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	const run = (variant: string) => n8n.execute((flows.get(variant) as LoadedWorkflow).id);
	const output = (result: RunData, node: string, index = 0) =>
		harness.nodeOutput(result, node, index) as Array<Record<string, unknown>> | undefined;
	const chain = (): ChainEntry[] =>
		readFileSync(path.join(n8n.userFolder, '.n8n', 'credential-ledger', 'chain.jsonl'), 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((text) => JSON.parse(text) as ChainEntry);
	const mails = async (): Promise<SinkMessage[]> =>
		(await sinkMessages(simulators.urls.mail)).filter((m) => m.from === FROM);
	const certificateIdOf = (entries: ChainEntry[], key: string) =>
		entries.find((e) => e.key === key && e.type === 'issued')?.payload.externalId;

	test('the event run mails every certificate and files it in the ledger', async () => {
		const result = await run('send');
		expect((await mails()).map((m) => m.to[0])).toEqual([
			'ada@example.com',
			'grace@example.com',
			'katherine@example.com',
		]);
		expect(chain().filter((e) => e.type === 'issued')).toHaveLength(3);
		expect(output(result, 'Record Delivered')).toHaveLength(3);
	});

	test('the same data again: every attendee unchanged, zero mails, nothing written', async () => {
		const before = chain().length;
		const result = await run('send');
		expect(output(result, 'Route by Action', 2)?.map((item) => item.action)).toEqual([
			'unchanged',
			'unchanged',
			'unchanged',
		]);
		expect(await mails()).toHaveLength(3);
		expect(chain()).toHaveLength(before);
	});

	test('the dry run lists exactly the corrected changes and sends and records nothing', async () => {
		const before = chain().length;
		const result = await run('dry-run-corrected');
		const [plan] = output(result, 'Route by Action', 5) ?? [];
		expect(plan).toMatchObject({
			action: 'dry_run',
			counts: { supersede: 1, revoke: 1, unchanged: 1, issue: 0, review: 1, no_credit: 0 },
		});
		const rows = (plan.changes as Array<Record<string, string>>).map(
			(c) => `${c.attendee} | ${c.action} | ${c.oldCredits} → ${c.newCredits} | ${c.reason}`,
		);
		expect(rows).toEqual([
			'grace@example.com | supersede | 1.8 → 1.6 | credits changed: B1 1.8 → 1.6',
			expect.stringMatching(/^katherine@example\.com \| revoke \| 1\.6 → 0 \| no longer eligible/),
		]);
		expect(output(result, 'Reserve Certificate')).toBeUndefined();
		expect(output(result, 'Revoke Certificate')).toBeUndefined();
		expect(await mails()).toHaveLength(3);
		expect(chain()).toHaveLength(before);
	});

	test('the corrected run: one superseded certificate, one notice; one revocation, one notice', async () => {
		const before = chain();
		const result = await run('send-corrected');
		const after = chain();
		const written = after.slice(before.length);
		expect(written.filter((e) => e.type === 'superseded')).toHaveLength(1);
		expect(written.filter((e) => e.type === 'revoked')).toHaveLength(1);
		expect(written.filter((e) => e.type === 'issued')).toHaveLength(1);

		// The superseded one is Grace's first certificate, replaced by a new key and ID.
		const superseded = written.find((e) => e.type === 'superseded') as ChainEntry;
		const oldId = certificateIdOf(after, superseded.key);
		const newKey = superseded.payload.newKey as string;
		const newId = certificateIdOf(after, newKey);
		expect(newKey).toBe(`${superseded.key}.v2`);
		expect(newId).not.toBe(oldId);
		const [certificate] = output(result, 'Certificate') ?? [];
		expect(certificate.certificate).toMatchObject({ certificateId: newId, totalCredits: '1.6' });
		const pdf = pdfText(pdfBytes(result, 'Certificate', 0, n8n.userFolder));
		expect(pdf).toContain(`supersedes certificate ${oldId}`);

		const sent = (await mails()).slice(3);
		expect(sent.map((m) => [m.to[0], m.subject, m.attachments.length])).toEqual([
			['katherine@example.com', 'Your CPE certificate was revoked: Spring CPE Conference 2026', 0],
			['grace@example.com', 'Your corrected CPE certificate: Spring CPE Conference 2026', 1],
		]);
		// The raw messages, quoted-printable soft line breaks undone.
		const raw = await fetch(`${simulators.urls.mail}/__control/messages?raw=1`);
		const bodies = ((await raw.json()) as { messages: SinkMessage[] }).messages
			.slice(3)
			.map((m) => m.raw.replace(/=\r?\n/g, ''));
		expect(bodies[1]).toContain(`It replaces certificate ${oldId}`);
		expect(bodies[0]).toContain('no longer eligible');
	});

	test("another event's file is refused naming the row; nothing is sent or written", async () => {
		const before = chain().length;
		await expect(run('another-event')).rejects.toThrow(
			/Item 0 \(attendee ada@example\.com\) is for event "FALL-CPE-2026", not "SPRING-CPE-2026"/,
		);
		expect(await mails()).toHaveLength(5);
		expect(chain()).toHaveLength(before);
	});
});
