// The mail server refuses the learner's email: template 14 issues the credential, records the
// failed delivery (a Failed entry with stage "delivery", the state stays issued) and emails no
// one; the operations queue (template 17) sends it again at each run, records Delivered and the
// supervisor's copy once the server accepts, and after the last attempt escalates it to the
// review queue with one admin email. Nobody is emailed twice and nothing is issued twice.
import { harness, currentLine, type LoadedWorkflow } from './support/harness';
import { ProductionRun, operationsQueueTemplate, type LedgerLine } from './support/production-run';

const { line, n8nVersion } = currentLine();
const COURSE = 12;
const ON_TIME = { timespentminutes: 120 };
const ADMIN = 'credential-admin@academy.example.org';
const READY = /^Your credential for .* is ready$/;

describe(`refused learner emails (templates 14 and 17) on n8n ${n8nVersion}`, () => {
	const run = new ProductionRun();
	let queue: LoadedWorkflow;
	beforeAll(async () => {
		await run.start(line, {}, async (_workflow, n8n) => {
			queue = operationsQueueTemplate();
			await n8n.importWorkflow(queue);
		});
	});
	afterAll(async () => await run.stop());

	async function refuse(recipients: string[]): Promise<void> {
		const url = `${run.simulators.urls.mail}/__control/refuse`;
		await fetch(url, { method: 'DELETE' });
		if (recipients.length === 0) return;
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ recipients }),
		});
		if (!response.ok) throw new Error(`the mail sink refused the refusal: ${response.status}`);
	}

	async function runQueue() {
		const session = await run.restSession();
		return await run.n8n.runFromTrigger(session, queue.id, 'Every 5 Minutes');
	}

	const deliveryFailures = (entries: LedgerLine[]) =>
		entries.filter(
			(e) =>
				e.type === 'failed' &&
				(e.payload as { attributes?: { stage?: string } }).attributes?.stage === 'delivery',
		);
	const mailsTo = async (to: string, subject: RegExp) =>
		(await run.messages()).filter((m) => m.to.includes(to) && subject.test(m.subject ?? ''));

	test('recorded as a failed delivery, sent again by the queue once, escalated after the last attempt', async () => {
		const accepted = await run.newLearner('Refused', 'Once', COURSE, 91);
		const bounced = await run.newLearner('Refused', 'Always', COURSE, 91);
		const supervisor = `supervisor.of.${accepted.id}@example.org`;
		await refuse([accepted.email, bounced.email]);
		await run.sendCompletion(accepted.id, COURSE, { ...ON_TIME, supervisoremail: supervisor });
		await run.sendCompletion(bounced.id, COURSE, ON_TIME);
		for (const learner of [accepted, bounced]) {
			const entries = await run.untilLedger(learner.id, COURSE, 'failed');
			expect(entries.map((e) => e.type)).toEqual(['decided', 'reserved', 'issued', 'failed']);
			const [failure] = deliveryFailures(entries);
			expect(failure.payload).toMatchObject({
				retryable: true,
				attributes: { stage: 'delivery', channel: 'email', platform: 'accredible' },
			});
			// The refusal is kept without the address: the public chain holds no emails.
			expect(JSON.stringify(failure)).not.toContain('@');
			expect(await run.issued('accredible', learner.email)).toHaveLength(1);
		}
		expect(await mailsTo(accepted.email, READY)).toEqual([]);
		expect(await mailsTo(supervisor, /./)).toEqual([]);

		// Still refused: each run records one more failed send, and nothing is delivered.
		const first = await runQueue();
		expect(harness.nodeOutput(first, 'List Due Retries', 3)).toHaveLength(2);
		for (const learner of [accepted, bounced])
			expect(deliveryFailures(run.entriesOf(learner.id, COURSE))).toHaveLength(2);

		// The server takes the first learner's mail again: sent once, recorded, supervisor copied.
		await refuse([bounced.email]);
		await runQueue();
		const delivered = run.entriesOf(accepted.id, COURSE);
		expect(delivered.map((e) => e.type).slice(-2)).toEqual(['failed', 'delivered']);
		const [ready] = await mailsTo(accepted.email, READY);
		expect(ready?.raw).toContain('Hello Refused Once,');
		expect(await mailsTo(supervisor, /^Copy: Refused Once earned a credential/)).toHaveLength(1);
		expect(deliveryFailures(run.entriesOf(bounced.id, COURSE))).toHaveLength(3);

		// The third refusal was the last attempt: escalated to a person, the admin told once.
		await runQueue();
		const escalated = run.entriesOf(bounced.id, COURSE).filter((e) => e.type === 'review');
		expect(escalated.map((e) => (e.payload as { reason: string }).reason)).toEqual([
			'delivery_failed',
		]);
		const key = escalated[0].key;
		const alerts = await mailsTo(ADMIN, /could not be issued or delivered: escalated/);
		expect(alerts.filter((alert) => alert.raw.includes(key))).toHaveLength(1);

		// Nothing more to do: no second email, no new entry, one credential each.
		const before = run.ledger().length;
		const last = await runQueue();
		expect(harness.nodeOutput(last, 'List Due Retries', 3)).toEqual([]);
		expect(run.ledger()).toHaveLength(before);
		expect(await mailsTo(accepted.email, READY)).toHaveLength(1);
		expect(await mailsTo(bounced.email, READY)).toEqual([]);
		expect(await mailsTo(supervisor, /./)).toHaveLength(1);
		expect(
			(await mailsTo(ADMIN, /escalated/)).filter((alert) => alert.raw.includes(key)),
		).toHaveLength(1);
		for (const learner of [accepted, bounced])
			expect(await run.issued('accredible', learner.email)).toHaveLength(1);
	});
});
