// n8n killed between Record Issued and the learner's email: template 14's runs are held at
// *Email Learner* by a mail server that hangs (no SMTP greeting), so each credential is issued
// and recorded issued, and nothing is sent or recorded about its email. n8n is killed with
// SIGKILL there and restarted; the mail server works again. The operations queue (template 17),
// run after its *resendUnsentAfterMinutes* grace (set small here), emails each of those learners
// once and records it delivered; its next run emails nobody.
import { harness, currentLine, type LoadedWorkflow } from './support/harness';
import { COURSE, ON_TIME, control, until } from './support/cohort';
import {
	ProductionRun,
	operationsQueueTemplate,
	withSettings,
	type LedgerLine,
} from './support/production-run';

const { line, n8nVersion } = currentLine();
const LEARNERS = 3;
/** The queue's grace before it sends a never-sent credential: 6 s instead of 15 minutes. */
const GRACE_MINUTES = 0.1;
const READY = /^Your credential for .* is ready$/;
const RESEND_OUTPUT = 3;

type Hang = { hanging: boolean; held: number };

describe(`a credential issued but never emailed before a crash (templates 14 and 17) on n8n ${n8nVersion}`, () => {
	const run = new ProductionRun();
	let queue: LoadedWorkflow;
	beforeAll(async () => {
		await run.start(line, {}, async (_workflow, n8n) => {
			queue = operationsQueueTemplate();
			withSettings(queue, { resendUnsentAfterMinutes: GRACE_MINUTES });
			await n8n.importWorkflow(queue);
		});
	});
	afterAll(async () => await run.stop());

	const hang = async (method: 'GET' | 'POST' | 'DELETE') =>
		await control<Hang>(run.simulators.urls.mail, 'hang', method);
	const readyMailsTo = async (email: string) =>
		(await run.messages()).filter((m) => m.to.includes(email) && READY.test(m.subject ?? ''));
	const typesOf = (learners: Array<{ id: number }>) =>
		learners.map((l) => run.ledgerTypes(l.id, COURSE));
	async function runQueue() {
		const session = await run.restSession();
		return await run.n8n.runFromTrigger(session, queue.id, 'Every 5 Minutes');
	}

	test('after SIGKILL and a restart the queue emails each learner exactly once, records it delivered, then emails nobody', async () => {
		const learners: Array<{ id: number; email: string; name: string }> = [];
		for (let i = 0; i < LEARNERS; i++)
			learners.push(await run.newLearner('Unmailed', `Crash${i}`, COURSE, 90));

		// Every run reaches Email Learner and waits there for the server's greeting.
		await hang('POST');
		for (const learner of learners) await run.sendCompletion(learner.id, COURSE, ON_TIME);
		await until(
			'every run waiting at Email Learner',
			async () => (await hang('GET')).held >= LEARNERS,
			60_000,
		);
		process.kill(-run.n8n.server!.pid, 'SIGKILL');

		expect(typesOf(learners)).toEqual(learners.map(() => ['decided', 'reserved', 'issued']));
		const issued = run.ledger().filter((e) => e.type === 'issued');
		expect(issued.map((e) => (e.payload as { emailFollows?: boolean }).emailFollows)).toEqual(
			learners.map(() => true),
		);
		for (const learner of learners) expect(await readyMailsTo(learner.email)).toEqual([]);

		await hang('DELETE');
		await run.restart();
		const lastIssuedAt = Math.max(...issued.map((e) => Date.parse(String(e.at))));
		const graceOver = lastIssuedAt + GRACE_MINUTES * 60_000;
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, graceOver - Date.now())));

		const first = await runQueue();
		const resent = (harness.nodeOutput(first, 'List Due Retries', RESEND_OUTPUT) ?? []) as Array<{
			neverSent?: boolean;
			attempt?: number;
		}>;
		expect(resent).toHaveLength(LEARNERS);
		expect(resent.every((item) => item.neverSent === true && item.attempt === 0)).toBe(true);
		await until(
			'every learner emailed',
			async () =>
				(await Promise.all(learners.map((l) => readyMailsTo(l.email)))).every((m) => m.length > 0),
			30_000,
		);
		const delivered = (entries: LedgerLine[]) => entries.filter((e) => e.type === 'delivered');
		for (const learner of learners) {
			const [mail, ...more] = await readyMailsTo(learner.email);
			expect(more).toEqual([]);
			expect(mail.raw).toContain(`Hello ${learner.name},`);
			expect(delivered(run.entriesOf(learner.id, COURSE))).toHaveLength(1);
			expect(await run.issued('accredible', learner.email)).toHaveLength(1);
		}

		// Delivered is recorded: the next run lists nothing, writes nothing and mails nobody.
		const before = run.ledger().length;
		const second = await runQueue();
		expect(harness.nodeOutput(second, 'List Due Retries', RESEND_OUTPUT) ?? []).toEqual([]);
		expect(run.ledger()).toHaveLength(before);
		for (const learner of learners) expect(await readyMailsTo(learner.email)).toHaveLength(1);
	});
});
