// Template 06, two corrections in a row, each run stopped after recording its new certificate:
// the first before its email and its supersession, the second before both supersessions. Three
// certificates of one attendee are then valid at once. The next run with the same data must
// leave one valid, supersede the other two in the order the corrections happened, mail the
// newest once (it was never sent) and nothing else; once more it does nothing. The stops are
// reproduced with the template's own nodes, a connection cut (see support/cpe-variants).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { deriveAttendeeEventKey } from '../../nodes/core/domain/ledger';
import { attachment, correct, cpeVariants, ROUTE, type WorkflowJson } from './support/cpe-variants';
import { currentLine, harness, type LoadedWorkflow } from './support/harness';
import { ProductionRun, type LedgerLine } from './support/production-run';
import { pdfText, setDryRun } from './templates/06-conference-cpe-credits.cases';

const { line, n8nVersion } = currentLine();
const ADA = 'ada@example.com';
const CORRECTED_SUBJECT = /^Your corrected CPE certificate: /;
const DEMO_OUT = 'Ada Lovelace,ada@example.com,A1,2026-05-14 11:12,out,Room A';
/** Ada left A1 (09:30–11:10) at `time`: 10:50 gives 1.6 credits instead of 2, 10:30 gives 1.2. */
const adaLeftA1At = (time: string): Array<[string, string]> => [
	[DEMO_OUT, `Ada Lovelace,ada@example.com,A1,2026-05-14 ${time},out,Room A`],
];

/** n8n stopped right after Record Issued: nothing superseded by that item, nothing mailed. */
const stopAfterRecordIssued = (workflow: WorkflowJson) =>
	delete workflow.connections['Record Issued'];

const VARIANTS = {
	send: () => undefined,
	'first-correction-stops': (workflow) => {
		correct(workflow, adaLeftA1At('10:50'));
		stopAfterRecordIssued(workflow);
	},
	// Stopped before every supersession: the new certificate's and the one the first stop left.
	'second-correction-stops': (workflow) => {
		correct(workflow, adaLeftA1At('10:30'));
		stopAfterRecordIssued(workflow);
		workflow.connections['Route by Action'].main[ROUTE.completeSupersession] = [];
	},
	'second-correction': (workflow) => correct(workflow, adaLeftA1At('10:30')),
	'second-correction-dry-run': (workflow) => {
		correct(workflow, adaLeftA1At('10:30'));
		setDryRun(workflow, true);
	},
} satisfies Record<string, (workflow: WorkflowJson) => void>;

describe(`template 06: two corrections stopped in a row on n8n ${n8nVersion}`, () => {
	const run = new ProductionRun();
	const folder = mkdtempSync(path.join(tmpdir(), 'cpe-stopped-twice-'));
	const cpe = cpeVariants(folder, VARIANTS);
	beforeAll(async () => {
		await run.start(line, {}, async (_workflow, n8n) => {
			await n8n.importWorkflows(Object.values(cpe));
		});
	});
	afterAll(async () => {
		await run.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	const runDemo = async (workflow: LoadedWorkflow) =>
		await run.n8n.runFromTrigger(await run.restSession(), workflow.id, 'Run Demo');
	const base = deriveAttendeeEventKey({ attendeeId: ADA, eventId: 'SPRING-CPE-2026' });
	const keyN = (n: number) => (n === 1 ? base : `${base}.v${n}`);
	const entriesOf = (key: string): LedgerLine[] => run.ledger().filter((e) => e.key === key);
	/** What was done with certificate `n`: its entries but the decision it was reserved with. */
	const stepsOf = (n: number) =>
		entriesOf(keyN(n))
			.map((e) => e.type)
			.filter((t) => t !== 'decided');
	const idOf = (n: number) =>
		(entriesOf(keyN(n)).find((e) => e.type === 'issued')?.payload as { externalId: string })
			.externalId;
	const correctedMails = async () =>
		(await run.messages()).filter(
			(m) => m.to.includes(ADA) && CORRECTED_SUBJECT.test(m.subject ?? ''),
		);

	test('the next run supersedes both old certificates in order and mails the newest once; once more does nothing', async () => {
		await runDemo(cpe.send);
		await runDemo(cpe['first-correction-stops']);
		await runDemo(cpe['second-correction-stops']);
		expect([1, 2, 3].map(stepsOf)).toEqual([
			['reserved', 'issued', 'delivered'],
			['reserved', 'issued'],
			['reserved', 'issued'],
		]);
		expect(await correctedMails()).toEqual([]);

		// The dry run lists the resend of the newest and the supersession the first stop left.
		const plan = await runDemo(cpe['second-correction-dry-run']);
		const [table] = (harness.nodeOutput(plan, 'Route by Action', ROUTE.dryRun) ?? []) as Array<{
			changes: Array<{ attendee: string; action: string; certificateId: string }>;
		}>;
		expect(table.changes.map((c) => [c.attendee, c.action, c.certificateId])).toEqual([
			[ADA, 'resend', idOf(3)],
			[ADA, 'complete_supersession', idOf(2)],
		]);

		const before = run.ledger().length;
		const mailsBefore = (await run.messages()).length;
		const again = await runDemo(cpe['second-correction']);
		expect(harness.nodeOutput(again, 'Route by Action', ROUTE.resend)).toHaveLength(1);
		expect(harness.nodeOutput(again, 'Route by Action', ROUTE.completeSupersession)).toHaveLength(
			1,
		);
		expect(harness.nodeOutput(again, 'Record Issued')).toBeUndefined();
		const written = run.ledger().slice(before);
		expect(written.map((e) => `${e.type} ${e.key}`).sort()).toEqual(
			[`superseded ${keyN(1)}`, `superseded ${keyN(2)}`, `delivered ${keyN(3)}`].sort(),
		);
		const supersededBy = (n: number) =>
			(written.find((e) => e.type === 'superseded' && e.key === keyN(n))?.payload as {
				newKey: string;
				reason: string;
			}) ?? {};
		expect(supersededBy(1)).toMatchObject({
			newKey: keyN(2),
			reason: 'credits changed: A1 2 → 1.6',
		});
		expect(supersededBy(2)).toMatchObject({
			newKey: keyN(3),
			reason: 'credits changed: A1 1.6 → 1.2',
		});

		// One mail, only to Ada, with the newest certificate, which names the one it replaces.
		expect((await run.messages()).length).toBe(mailsBefore + 1);
		const [mail] = await correctedMails();
		const pdf = pdfText(attachment(mail.raw, `certificate-${idOf(3)}.pdf`));
		expect(pdf).toContain(`supersedes certificate ${idOf(2)}`);

		// Settled: one valid certificate, the same data again is unchanged for everyone.
		const settled = run.ledger().length;
		const third = await runDemo(cpe['second-correction']);
		expect(harness.nodeOutput(third, 'Unchanged: nothing sent')).toHaveLength(3);
		expect(harness.nodeOutput(third, 'Route by Action', ROUTE.completeSupersession) ?? []).toEqual(
			[],
		);
		expect((await run.messages()).length).toBe(mailsBefore + 1);
		expect(run.ledger()).toHaveLength(settled);
	});
});
