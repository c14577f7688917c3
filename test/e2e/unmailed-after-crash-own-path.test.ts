// n8n killed after a credential is issued and recorded but before its email, in the templates
// whose email carries what the operations queue's cannot (23: the signed Open Badge; 06: the
// attendee's PDF). The mail server hangs (no SMTP greeting), so the run waits at its email step;
// n8n is killed with SIGKILL there, restarted, and the mail server works again. The same
// completion again (23) / the same event run again (06) sends that credential, the same one,
// exactly once and records it delivered; once more sends nothing.
import * as path from 'node:path';

import { control, until } from './support/cohort';
import { currentLine, harness, REPO_ROOT, type LoadedWorkflow } from './support/harness';
import { ProductionRun, type LedgerLine, type SinkMessage } from './support/production-run';

const { line, n8nVersion } = currentLine();
const BADGE_TEMPLATE = '23-completion-to-open-badge-email.json';
const BADGE_LEARNER = 'ana.lima@example.org';
const BADGE_SUBJECT = /^Your Open Badge for /;

type Hang = { hanging: boolean; held: number };
type RunSession = { runManually(workflowId: string, triggerName: string): Promise<string> };

function template(fileName: string): LoadedWorkflow {
	const found = harness
		.loadWorkflowDir(path.join(REPO_ROOT, 'workflows'))
		.find((w) => w.fileName === fileName);
	if (!found) throw new Error(`${fileName} is missing`);
	return found;
}

/** The decoded bytes of the base64 MIME part named `filename`. */
function attachment(raw: string, filename: string): Buffer {
	const start = raw.search(new RegExp(`filename="?${filename.replace(/\./g, '\\.')}"?\r\n`));
	if (start < 0) throw new Error(`no attachment ${filename} in the message`);
	const headersEnd = raw.indexOf('\r\n\r\n', start);
	const body = raw.slice(headersEnd + 4, raw.indexOf('\r\n--', headersEnd));
	return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

describe(`a credential issued but never emailed before a crash (templates 06 and 23) on n8n ${n8nVersion}`, () => {
	const run = new ProductionRun();
	const badge = template(BADGE_TEMPLATE);
	beforeAll(async () => {
		await run.start(line, {}, async (_workflow, n8n) => {
			await n8n.importWorkflow(badge);
		});
	});
	afterAll(async () => await run.stop());

	const hang = async (method: 'GET' | 'POST' | 'DELETE') =>
		await control<Hang>(run.simulators.urls.mail, 'hang', method);
	const mailsTo = async (email: string, subject: RegExp): Promise<SinkMessage[]> =>
		(await run.messages()).filter((m) => m.to.includes(email) && subject.test(m.subject ?? ''));
	const entriesUnder = (prefix: string): LedgerLine[] =>
		run.ledger().filter((e) => e.key.startsWith(prefix));
	const typesOf = (entries: LedgerLine[]) => entries.map((e) => e.type);

	/** Starts a run from the editor without waiting; it stops at the hanging mail server. */
	async function startHeldAtEmail(workflow: LoadedWorkflow, held: number): Promise<void> {
		await hang('POST');
		const session = (await run.restSession()) as unknown as RunSession;
		await session.runManually(workflow.id, 'Run Demo');
		await until('the run waiting at its email', async () => (await hang('GET')).held >= held, 90_000);
		process.kill(-run.n8n.server!.pid, 'SIGKILL');
	}

	async function restartWithMail(): Promise<void> {
		await hang('DELETE');
		await run.restart();
	}

	const runDemo = async (workflow: LoadedWorkflow) =>
		await run.n8n.runFromTrigger(await run.restSession(), workflow.id, 'Run Demo');

	test('23: the same completion again mails the same signed badge once and records it delivered; once more mails nothing', async () => {
		await startHeldAtEmail(badge, 1);
		const issued = entriesUnder('open-badge|').filter((e) => e.type === 'issued');
		expect(issued).toHaveLength(1);
		const key = issued[0].key;
		expect(typesOf(entriesUnder(key))).toEqual(['decided', 'reserved', 'issued']);
		expect(await mailsTo(BADGE_LEARNER, BADGE_SUBJECT)).toEqual([]);

		await restartWithMail();
		const again = await runDemo(badge);
		const [answer] = (harness.nodeOutput(again, 'Open Badge: Issue') ?? []) as Array<{
			openBadge: { status: string; neverSent: boolean; credentialId: string };
		}>;
		expect(answer.openBadge).toMatchObject({ status: 'already_issued', neverSent: true });
		expect(answer.openBadge.credentialId).toBe(
			(issued[0].payload as { externalId: string }).externalId,
		);
		const sent = await mailsTo(BADGE_LEARNER, BADGE_SUBJECT);
		expect(sent).toHaveLength(1);
		const mailed = JSON.parse(attachment(sent[0].raw, 'badge.json').toString('utf8'));
		expect(mailed.id).toBe(answer.openBadge.credentialId);
		expect(typesOf(entriesUnder(key))).toEqual(['decided', 'reserved', 'issued', 'delivered']);
		// No second badge: one issued entry under any open-badge key, one status position.
		expect(entriesUnder('open-badge|').filter((e) => e.type === 'issued')).toHaveLength(1);

		// Delivered is recorded: once more renders nothing, mails nobody, writes nothing.
		const before = run.ledger().length;
		const third = await runDemo(badge);
		expect(harness.nodeOutput(third, 'Open Badge: Issue')).toMatchObject([
			{ openBadge: { status: 'already_issued', neverSent: false } },
		]);
		expect(harness.nodeOutput(third, 'Certificate')).toBeUndefined();
		expect(await mailsTo(BADGE_LEARNER, BADGE_SUBJECT)).toHaveLength(1);
		expect(run.ledger()).toHaveLength(before);
	});
});
