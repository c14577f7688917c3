// n8n killed after a credential is issued and recorded but before its email, in the templates
// whose email carries what the operations queue's cannot (23: the signed Open Badge; 06: the
// attendee's PDF). The mail server hangs (no SMTP greeting), so the run waits at its email step;
// n8n is killed with SIGKILL there, restarted, and the mail server works again. The same
// completion again (23) / the same event run again (06) sends that credential, the same one,
// exactly once and records it delivered; once more sends nothing. Then 06 stopped after
// recording a correction's new certificate, before superseding the old one: the next run
// supersedes it, mailing the new one once if it was never sent and nothing if it was.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { deriveAttendeeEventKey } from '../../nodes/core/domain/ledger';
import { control, until } from './support/cohort';
import { attachment, correct, cpeVariants, ROUTE, type WorkflowJson } from './support/cpe-variants';
import { currentLine, harness, REPO_ROOT, type LoadedWorkflow } from './support/harness';
import { ProductionRun, type LedgerLine, type SinkMessage } from './support/production-run';
import { pdfText, setDryRun } from './templates/06-conference-cpe-credits.cases';

const { line, n8nVersion } = currentLine();
const BADGE_TEMPLATE = '23-completion-to-open-badge-email.json';
const BADGE_LEARNER = 'ana.lima@example.org';
const BADGE_SUBJECT = /^Your Open Badge for /;
const ATTENDEES = ['ada@example.com', 'grace@example.com', 'katherine@example.com'];
const CPE_SUBJECT = /^Your CPE certificate: /;
const CORRECTED_SUBJECT = /^Your corrected CPE certificate: /;
// Grace checked in to B1 at 09:50, not 09:36 (1.8 → 1.6); Ada left A1 at 10:50, not 11:12 (2 → 1.6).
const GRACE_CORRECTED: Array<[string, string]> = [
	[
		'Grace Hopper,grace@example.com,B1,2026-05-14 09:36,in,Room B',
		'Grace Hopper,grace@example.com,B1,2026-05-14 09:50,in,Room B',
	],
];
const ADA_CORRECTED: Array<[string, string]> = [
	...GRACE_CORRECTED,
	[
		'Ada Lovelace,ada@example.com,A1,2026-05-14 11:12,out,Room A',
		'Ada Lovelace,ada@example.com,A1,2026-05-14 10:50,out,Room A',
	],
];

/** Template 06 with an edit, each a workflow of its own (see support/cpe-variants). */
const CPE_VARIANTS = {
	send: () => undefined,
	'dry-run': (workflow) => setDryRun(workflow, true),
	'grace-corrected': (workflow) => correct(workflow, GRACE_CORRECTED),
	'grace-corrected-dry-run': (workflow) => {
		correct(workflow, GRACE_CORRECTED);
		setDryRun(workflow, true);
	},
	// Stopped right after Record Issued of the reissue: nothing superseded, nothing mailed.
	'grace-corrected-stops-after-record-issued': (workflow) => {
		correct(workflow, GRACE_CORRECTED);
		delete workflow.connections['Record Issued'];
	},
	'ada-corrected': (workflow) => correct(workflow, ADA_CORRECTED),
	// The resend path before it superseded: the reissue mailed and delivered, the old one valid.
	'ada-corrected-skips-supersede': (workflow) => {
		correct(workflow, ADA_CORRECTED);
		workflow.connections['Reissue?'].main[0] = [
			{ node: 'Issued and Reissued', type: 'main', index: 0 },
		];
	},
} satisfies Record<string, (workflow: WorkflowJson) => void>;

type Hang = { hanging: boolean; held: number };
type RunSession = { runManually(workflowId: string, triggerName: string): Promise<string> };

function template(fileName: string): LoadedWorkflow {
	const found = harness
		.loadWorkflowDir(path.join(REPO_ROOT, 'workflows'))
		.find((w) => w.fileName === fileName);
	if (!found) throw new Error(`${fileName} is missing`);
	return found;
}

describe(`a credential issued but never emailed before a crash (templates 06 and 23) on n8n ${n8nVersion}`, () => {
	const run = new ProductionRun();
	const badge = template(BADGE_TEMPLATE);
	const folder = mkdtempSync(path.join(tmpdir(), 'unmailed-own-path-'));
	const cpe = cpeVariants(folder, CPE_VARIANTS);
	beforeAll(async () => {
		await run.start(line, {}, async (_workflow, n8n) => {
			await n8n.importWorkflows([badge, ...Object.values(cpe)]);
		});
	});
	afterAll(async () => {
		await run.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	const hang = async (method: 'GET' | 'POST' | 'DELETE') =>
		await control<Hang>(run.simulators.urls.mail, 'hang', method);
	const mailsTo = async (email: string, subject: RegExp): Promise<SinkMessage[]> =>
		(await run.messages()).filter((m) => m.to.includes(email) && subject.test(m.subject ?? ''));
	const entriesUnder = (prefix: string): LedgerLine[] =>
		run.ledger().filter((e) => e.key.startsWith(prefix));
	const typesOf = (entries: LedgerLine[]) => entries.map((e) => e.type);
	/** What was done with one certificate key: its entries but the decision it was reserved with. */
	const stepsOf = (key: string) =>
		typesOf(run.ledger().filter((e) => e.key === key && e.type !== 'decided'));

	/** Starts a run from the editor without waiting; it stops at the hanging mail server. */
	async function startHeldAtEmail(workflow: LoadedWorkflow, held: number): Promise<void> {
		await hang('POST');
		const session = (await run.restSession()) as unknown as RunSession;
		await session.runManually(workflow.id, 'Run Demo');
		await until(
			'the run waiting at its email',
			async () => (await hang('GET')).held >= held,
			90_000,
		);
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

	test('06: the event run again mails each certificate never sent once, the same one, and records it delivered; once more mails nothing', async () => {
		const cpeEntries = () => run.ledger().filter((e) => e.key.startsWith('cpe_'));
		const ofType = (type: string) => cpeEntries().filter((e) => e.type === type);
		const certificateMails = async () =>
			(await run.messages()).filter((m) => CPE_SUBJECT.test(m.subject ?? ''));

		// Email Certificate sends item by item: the first attendee's mail hangs, every
		// certificate is recorded issued by then.
		await startHeldAtEmail(cpe.send, 1);
		const issued = ofType('issued');
		expect(issued).toHaveLength(ATTENDEES.length);
		expect(ofType('delivered')).toEqual([]);
		expect(await certificateMails()).toEqual([]);

		await restartWithMail();
		const plan = await runDemo(cpe['dry-run']);
		const [table] = (harness.nodeOutput(plan, 'Route by Action', ROUTE.dryRun) ?? []) as Array<{
			counts: Record<string, number>;
			changes: Array<{ attendee: string; action: string; certificateId: string }>;
		}>;
		expect(table.counts).toMatchObject({ resend: 3, issue: 0, supersede: 0, unchanged: 0 });
		const certificateOf = new Map(
			issued.map((e) => [e.key, (e.payload as { externalId: string }).externalId]),
		);
		expect(table.changes.map((c) => [c.attendee, c.action])).toEqual(
			ATTENDEES.map((a) => [a, 'resend']),
		);
		expect(new Set(table.changes.map((c) => c.certificateId))).toEqual(
			new Set(certificateOf.values()),
		);

		const reservedBefore = ofType('reserved').length;
		const underIssuedKeys = () => cpeEntries().filter((e) => certificateOf.has(e.key));
		const before = underIssuedKeys().length;
		const again = await runDemo(cpe.send);
		expect(harness.nodeOutput(again, 'Route by Action', ROUTE.resend)).toHaveLength(3);
		expect(harness.nodeOutput(again, 'Reserve Certificate')).toBeUndefined();
		expect(harness.nodeOutput(again, 'Record Issued')).toBeUndefined();
		const mails = await certificateMails();
		expect(mails.map((m) => m.to[0]).sort()).toEqual([...ATTENDEES].sort());
		// The same certificate: the ID the ledger recorded issued is the one mailed.
		for (const mail of mails) {
			const text = mail.raw.replace(/=\r\n/g, '');
			const key = [...certificateOf.keys()].find((k) =>
				text.includes(`(ID ${certificateOf.get(k)})`),
			);
			expect({ to: mail.to[0], mailsIssuedId: key !== undefined }).toEqual({
				to: mail.to[0],
				mailsIssuedId: true,
			});
		}
		// One Delivered per certificate and nothing else under its key; nothing reserved or issued.
		const added = underIssuedKeys().slice(before);
		expect(added.map((e) => e.type)).toEqual(ATTENDEES.map(() => 'delivered'));
		expect(new Set(added.map((e) => e.key))).toEqual(new Set(certificateOf.keys()));
		expect(ofType('issued')).toHaveLength(ATTENDEES.length);
		expect(ofType('reserved')).toHaveLength(reservedBefore);

		// Delivered is recorded: once more every attendee is unchanged, nothing is mailed or written.
		const settled = run.ledger().length;
		const third = await runDemo(cpe.send);
		expect(harness.nodeOutput(third, 'Route by Action', ROUTE.resend) ?? []).toEqual([]);
		expect(harness.nodeOutput(third, 'Unchanged: nothing sent')).toHaveLength(3);
		expect(await certificateMails()).toHaveLength(3);
		expect(run.ledger()).toHaveLength(settled);
	});
	/** The attendee's first certificate key and ID, and the reissue's key. */
	function keysOf(attendee: string) {
		const idOf = (key: string) =>
			(
				run.ledger().find((e) => e.key === key && e.type === 'issued')?.payload as
					| { externalId: string }
					| undefined
			)?.externalId;
		const key = deriveAttendeeEventKey({ attendeeId: attendee, eventId: 'SPRING-CPE-2026' });
		return { key, id: idOf(key), reissue: `${key}.v2`, reissueId: () => idOf(`${key}.v2`) };
	}
	const correctedMails = async (to: string) => await mailsTo(to, CORRECTED_SUBJECT);

	test('06: stopped after recording a correction, the next run supersedes the old certificate and mails the new one once', async () => {
		const grace = keysOf('grace@example.com');
		expect(grace.id).toEqual(expect.any(String));
		await runDemo(cpe['grace-corrected-stops-after-record-issued']);
		expect(stepsOf(grace.reissue)).toEqual(['reserved', 'issued']);
		expect(stepsOf(grace.key)).toEqual(['reserved', 'issued', 'delivered']);
		expect(await correctedMails('grace@example.com')).toEqual([]);

		const plan = await runDemo(cpe['grace-corrected-dry-run']);
		const [table] = (harness.nodeOutput(plan, 'Route by Action', ROUTE.dryRun) ?? []) as Array<{
			changes: Array<{ attendee: string; action: string; certificateId: string }>;
		}>;
		expect(table.changes).toMatchObject([
			{ attendee: 'grace@example.com', action: 'resend', certificateId: grace.reissueId() },
		]);

		const before = run.ledger().length;
		const again = await runDemo(cpe['grace-corrected']);
		expect(harness.nodeOutput(again, 'Route by Action', ROUTE.resend)).toHaveLength(1);
		expect(harness.nodeOutput(again, 'Record Issued')).toBeUndefined();
		const written = run.ledger().slice(before);
		expect(written.map((e) => [e.type, e.key])).toEqual([
			['superseded', grace.key],
			['delivered', grace.reissue],
		]);
		expect(written[0].payload).toMatchObject({
			newKey: grace.reissue,
			newCredential: { externalId: grace.reissueId() },
			reason: 'credits changed: B1 1.8 → 1.6',
		});
		const [mail, ...more] = await correctedMails('grace@example.com');
		expect(more).toEqual([]);
		expect(mail.raw.replace(/=\r\n/g, '')).toContain(
			`It replaces certificate ${grace.id} (1.8 credit(s))`,
		);
		const pdf = pdfText(attachment(mail.raw, `certificate-${grace.reissueId()}.pdf`));
		expect(pdf).toContain(`supersedes certificate ${grace.id} (credits changed: B1 1.8`);

		const settled = run.ledger().length;
		const third = await runDemo(cpe['grace-corrected']);
		expect(harness.nodeOutput(third, 'Unchanged: nothing sent')).toHaveLength(3);
		expect(await correctedMails('grace@example.com')).toHaveLength(1);
		expect(run.ledger()).toHaveLength(settled);
	});

	test('06: a correction mailed but never superseded is superseded by the next run, mailing nothing', async () => {
		const ada = keysOf('ada@example.com');
		await runDemo(cpe['ada-corrected-skips-supersede']);
		expect(stepsOf(ada.reissue)).toEqual(['reserved', 'issued', 'delivered']);
		expect(stepsOf(ada.key)).toEqual(['reserved', 'issued', 'delivered']);
		expect(await correctedMails('ada@example.com')).toHaveLength(1);

		const before = run.ledger().length;
		const mailsBefore = (await run.messages()).length;
		const again = await runDemo(cpe['ada-corrected']);
		expect(harness.nodeOutput(again, 'Route by Action', ROUTE.completeSupersession)).toMatchObject([
			{ action: 'complete_supersession', subject: { attendeeId: 'ada@example.com' } },
		]);
		expect(harness.nodeOutput(again, 'Old certificate superseded: already mailed')).toHaveLength(1);
		const written = run.ledger().slice(before);
		expect(written.map((e) => [e.type, e.key])).toEqual([['superseded', ada.key]]);
		expect(written[0].payload).toMatchObject({
			newKey: ada.reissue,
			reason: 'credits changed: A1 2 → 1.6',
		});
		expect(await run.messages()).toHaveLength(mailsBefore);

		const third = await runDemo(cpe['ada-corrected']);
		expect(harness.nodeOutput(third, 'Unchanged: nothing sent')).toHaveLength(3);
		expect(await run.messages()).toHaveLength(mailsBefore);
		expect(run.ledger()).toHaveLength(before + 1);
	});
});
