// Template 17, the operations queue, follows the go-live mode the issuing workflow (14) records in
// the ledger, in a real n8n against the Accredible simulator and the mail sink. The ledger is
// seeded as template 14 leaves it: an issuance that failed and an email the server refused, both
// in full mode, then the team switches 14 back to shadow (its next decision says so). In shadow
// the queue issues nothing, emails nobody and records the would-be credential once; after the
// switch to assisted its retry issues once, opens the assisted review with the N that only
// template 14's Settings set (template 17 has no such setting), and every entry it writes names
// the mode.

import type { CredentialLedger, LedgerEntry } from '../../nodes/core/domain/ledger';
import type { EmbeddedStore } from '../../nodes/core/integrations/ledger-storage';
import type { SinkMessage } from '../simulators/mail';
import { createInstanceWithPackage } from './support/describe-workflows';
import {
	currentLine,
	harness,
	restSessions,
	type Instance,
	type RestSession,
} from './support/harness';
import { operationsQueueTemplate } from './support/production-run';
import { openLedgerBeside } from './support/ledger-beside';
import { startSimulatorsWithCredentials, type RunningSimulators } from './support/simulators';

const { line, n8nVersion } = currentLine();
const queue = operationsQueueTemplate();
const RETRY = 'ik_go_live_queue_retry';
const RESEND = 'ik_go_live_queue_resend';
const learner = (n: number) => ({
	id: `L-G${n}`,
	name: `Learner G${n}`,
	email: `g${n}@example.org`,
});
const READY = /^Your credential for .* is ready$/;

let n8n: Instance;
let simulators: RunningSimulators;
let session: RestSession;
let store: EmbeddedStore | undefined;
let ledger: CredentialLedger;

function decision(n: number) {
	return {
		subject: { learnerId: learner(n).id, courseId: '12', businessKey: `moodle|${n}|12` },
		outcome: 'verified',
		reasons: [{ code: 'ALL_CRITERIA_MET' }],
		ruleSetId: 'rules',
		ruleVersion: '1',
		ruleHash: 'c'.repeat(64),
		decidedAt: new Date().toISOString(),
	};
}

/** Template 14 in full mode: learner 1's issuance timed out; learner 2's email was refused. */
async function seedFullModeLeftovers(): Promise<void> {
	const full = { goLiveMode: 'full' };
	const failure = { retryable: true, attributes: { platform: 'accredible' } };
	await ledger.reserve(RETRY, decision(1), { ...full, evidence: { learner: learner(1) } });
	await ledger.record(RETRY, 'failed', { ...failure, error: 'timed out', attempt: 1 }, 'wf', full);
	await ledger.reserve(RESEND, decision(2), { ...full, evidence: { learner: learner(2) } });
	const credential = { platform: 'accredible', externalId: '77002', url: 'https://c.example/2' };
	await ledger.record(RESEND, 'issued', { ...credential, attempt: 1 }, 'wf', full);
	const refused = {
		error: '550 mailbox unavailable',
		retryable: true,
		attributes: { platform: 'accredible', stage: 'delivery', channel: 'email' },
	};
	await ledger.record(RESEND, 'failed', refused, 'wf', full);
}

/** Template 14's next decision after its Settings changed to `mode` (and N and rate, if given). */
async function issuingWorkflowSwitchesTo(
	mode: string,
	n: number,
	sampling: { assistedFirstN?: number; monitoredSampleRate?: number } = {},
): Promise<void> {
	await ledger.recordDecision(`ik_go_live_queue_switch_${n}`, decision(n), {
		goLiveMode: mode,
		...sampling,
	});
}

async function entriesOf(key: string): Promise<LedgerEntry[]> {
	const entries: LedgerEntry[] = [];
	for await (const entry of store!.entries()) if (entry.key === key) entries.push(entry);
	return entries;
}

async function issuedTo(n: number): Promise<unknown[]> {
	const response = await fetch(`${simulators.urls.accredible}/__control/issued`);
	const { items } = (await response.json()) as { items: Array<{ email: string }> };
	return items.filter((item) => item.email.toLowerCase() === learner(n).email);
}

async function mailsTo(n: number): Promise<SinkMessage[]> {
	const response = await fetch(`${simulators.urls.mail}/__control/messages?raw=1`);
	const { messages } = (await response.json()) as { messages: SinkMessage[] };
	return messages.filter((m) => m.to.includes(learner(n).email) && READY.test(m.subject ?? ''));
}

const runQueue = () => n8n.runFromTrigger(session, queue.id, 'Every 5 Minutes');

describe(`the operations queue (17) in the go-live mode of the ledger on n8n ${n8nVersion}`, () => {
	beforeAll(async () => {
		n8n = await createInstanceWithPackage(line);
		simulators = await startSimulatorsWithCredentials(n8n);
		await n8n.importWorkflows([queue]);
		await n8n.start();
		await n8n.waitForHttp('/rest/settings');
		session = restSessions.createSession(n8n.baseUrl);
		await session.setupOwner({
			email: 'owner@example.org',
			password: restSessions.generatePassword(),
		});
		// The test appends beside the running n8n: the folder lock serialises the two processes.
		({ store, ledger } = await openLedgerBeside(n8n.userFolder, simulators.urls));
		await seedFullModeLeftovers();
	});
	afterAll(async () => {
		await store?.close();
		await n8n?.dispose();
		await simulators?.stop();
	});

	test('shadow: the retry issues nothing and records would_issue once; the refused email is not sent again', async () => {
		await issuingWorkflowSwitchesTo('shadow', 3);
		const first = await runQueue();
		const listed = [0, 3].flatMap((output) =>
			harness.nodeOutput(first, 'List Due Retries', output),
		);
		expect(listed.map((item) => (item as { goLiveMode: string }).goLiveMode)).toEqual([
			'shadow',
			'shadow',
		]);
		await runQueue();
		expect(await issuedTo(1)).toEqual([]);
		expect([...(await mailsTo(1)), ...(await mailsTo(2))]).toEqual([]);
		const retry = await entriesOf(RETRY);
		expect(retry.map((e) => e.type)).toEqual(['decided', 'reserved', 'failed', 'would_issue']);
		expect(retry[3].payload).toEqual({ platform: 'accredible', goLiveMode: 'shadow' });
		expect((await entriesOf(RESEND)).map((e) => e.type)).toEqual([
			'decided',
			'reserved',
			'issued',
			'failed',
		]);
		const hour = 3_600_000;
		const [metrics] = await ledger.metrics({
			periodStart: new Date(Date.now() - hour).toISOString(),
			periodEnd: new Date(Date.now() + hour).toISOString(),
		});
		expect(metrics.metrics.wouldIssue.value).toBe(1);
	});

	test("assisted: the retry issues once, opens the assisted review of 14's N, and writes the mode on its entries", async () => {
		// Not the default 50: only template 14's Settings say 3, recorded with its decision.
		await issuingWorkflowSwitchesTo('assisted', 4, { assistedFirstN: 3, monitoredSampleRate: 20 });
		const run = await runQueue();
		const listed = [0, 3].flatMap((output) => harness.nodeOutput(run, 'List Due Retries', output));
		expect(
			listed.map((item) => {
				const { goLiveMode, assistedFirstN, monitoredSampleRate } = item as Record<string, unknown>;
				return [goLiveMode, assistedFirstN, monitoredSampleRate];
			}),
		).toEqual([
			['assisted', 3, 20],
			['assisted', 3, 20],
		]);
		expect(await issuedTo(1)).toHaveLength(1);
		expect(await mailsTo(1)).toHaveLength(1);
		const written = (await entriesOf(RETRY)).slice(4);
		expect(written.map((e) => [e.type, e.payload.goLiveMode])).toEqual([
			['reserved', 'assisted'],
			['issued', 'assisted'],
			['review', 'assisted'],
			['delivered', 'assisted'],
		]);
		expect(written[2].payload.attributes).toEqual({
			goLiveCheck: 'assisted_review',
			ordinal: 1,
			checkWithinHours: 4,
		});
		expect(written[2].payload.reason).toBe(
			'assisted go-live: issuance 1 of the first 3; check it within 4 h',
		);
		expect((await ledger.listOpenReviews()).map((r) => r.key)).toEqual([RETRY]);
		// The refused email goes out now, recorded delivered in the same mode.
		expect(await mailsTo(2)).toHaveLength(1);
		const resent = (await entriesOf(RESEND)).slice(4);
		expect(resent.map((e) => [e.type, e.payload.goLiveMode])).toEqual([['delivered', 'assisted']]);
		// A later run has nothing left to do: nothing is issued or sent twice.
		await runQueue();
		expect(await issuedTo(1)).toHaveLength(1);
		expect([...(await mailsTo(1)), ...(await mailsTo(2))]).toHaveLength(2);
	});
});
