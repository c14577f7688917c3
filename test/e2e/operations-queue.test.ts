// Template 17, the operations queue, in a real n8n against the platform simulators and the mail
// sink: failed issuances are retried by the schedule and issued once when the platform recovers,
// with the custom attributes template 14 sends (read from what Reserve stored, since a retry has
// no LMS event), then the learner is emailed once and the delivery recorded; with Settings.platform set to Credly
// the retry lands on Credly, and a platform it does not know is escalated, not dropped;
// still failing after 3 attempts they are escalated to the review queue with one admin email; a
// platform outage is reported once; a revoked credential is never retried; a review past its SLA
// gets one reminder across runs. The ledger is seeded the way the issuing workflow leaves it
// (reserved, failed with its attempt), with past times where the scenario needs them.
import * as path from 'path';

import { CredentialLedger, type CredentialStatus } from '../../nodes/core/domain/ledger';
import type { EmbeddedStore } from '../../nodes/core/integrations/ledger-storage';
import type { SinkMessage } from '../simulators/mail';
import { createInstanceWithPackage } from './support/describe-workflows';
import {
	currentLine,
	harness,
	REPO_ROOT,
	restSessions,
	type Instance,
	type LoadedWorkflow,
	type RestSession,
} from './support/harness';
import { decodeQuotedPrintable } from './support/review-form';
import { openLedgerBeside } from './support/ledger-beside';
import { startSimulatorsWithCredentials, type RunningSimulators } from './support/simulators';

const TEMPLATE = '17-operations-queue.json';
const ADMIN = 'credential-admin@academy.example.org';
const REVIEWER = 'credential-reviewer@academy.example.org';
const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);

const { line, n8nVersion } = currentLine();
let n8n: Instance;
let simulators: RunningSimulators;
let session: RestSession;
let ledger: CredentialLedger;
let store: EmbeddedStore | undefined;
const workflow = harness
	.loadWorkflowDir(path.join(REPO_ROOT, 'workflows'))
	.find((loaded) => loaded.fileName === TEMPLATE)!;

// The operator's one change for the test: retries are due at once, not after 5 real minutes.
type SettingsNode = { name: string; parameters: { assignments: { assignments: Setting[] } } };
type Setting = { name: string; value: unknown };
const settingsNode = (workflow.json.nodes as SettingsNode[]).find(
	(node) => node.name === 'Settings',
)!;
settingsNode.parameters.assignments.assignments.find(
	(setting) => setting.name === 'retryIntervalMinutes',
)!.value = 0;

/**
 * The same template set to Credly, beside the Accredible one on the same ledger, as an operator
 * running one queue per platform would: only the Accredible queue reconciles reservations that
 * never named a platform (the option's own advice for a shared ledger).
 */
function queueFor(platform: string): LoadedWorkflow {
	const json = JSON.parse(JSON.stringify(workflow.json)) as { nodes: SettingsNode[] };
	const nodes = json.nodes as Array<SettingsNode & { parameters: Record<string, unknown> }>;
	const settings = nodes.find((node) => node.name === 'Settings')!;
	settings.parameters.assignments.assignments.find((s) => s.name === 'platform')!.value = platform;
	const listing = nodes.find((node) => node.name === 'List Due Retries')!.parameters;
	listing.dueRetriesOptions = {
		...(listing.dueRetriesOptions as object),
		includeUnattributed: false,
	};
	// n8n ids are 16 alphanumeric characters.
	const id = `tplqueue17${platform}`.padEnd(16, '0').slice(0, 16);
	return { ...workflow, id, name: `${workflow.name} (${platform})`, json: { ...json, id } };
}
const credlyQueue = queueFor('credly');
// An operator's typo: a platform the template's switch does not know.
const mistypedQueue = queueFor('sertifier');

const learner = (n: number) => ({
	id: `L-${n}`,
	name: `Learner ${n}`,
	email: `learner${n}@example.org`,
});

function decision(n: number, outcome = 'verified') {
	return {
		subject: { learnerId: `L-${n}`, courseId: '12', businessKey: `moodle|L-${n}|12` },
		outcome,
		reasons: [{ code: outcome === 'verified' ? 'ALL_CRITERIA_MET' : 'TIME_AT_MINIMUM' }],
		ruleSetId: 'rules',
		ruleVersion: '1',
		ruleHash: 'c'.repeat(64),
		decidedAt: ago(60).toISOString(),
	};
}

/** What the issuing workflow leaves after an issuance that timed out: reserved, failed (attempt 1). */
async function seedFailed(
	n: number,
	at = new Date(),
	platform = 'accredible',
	completion: object = {},
): Promise<string> {
	const key = `ik_ops_queue_${n}`;
	const evidence = { ...completion, learner: learner(n) };
	await ledger.reserve(key, decision(n), { now: at, evidence });
	const failure = { error: `${platform} timed out`, retryable: true, attempt: 1 };
	await ledger.record(key, 'failed', { ...failure, attributes: { platform } }, 'issuing workflow', {
		now: at,
	});
	return key;
}

const statusOf = async (key: string): Promise<CredentialStatus> =>
	(await ledger.status({ key }))[0];

interface IssuedItem {
	id: string | number;
	email: string;
	templateId?: string;
}

/** What template 14 stores at Reserve besides the learner: the completion and its Settings. */
const COMPLETION = {
	completedAt: '2026-03-04T10:00:00Z',
	score: 91,
	programName: 'Workplace Safety Programme',
	course: { id: '12', name: 'Workplace Safety Fundamentals' },
};

async function issuedTo(n: number, platform = 'accredible'): Promise<IssuedItem[]> {
	const response = await fetch(`${simulators.urls[platform]}/__control/issued`);
	const { items } = (await response.json()) as { items: IssuedItem[] };
	return items.filter((item) => item.email.toLowerCase() === learner(n).email);
}

async function mails(to: string, subject: RegExp): Promise<SinkMessage[]> {
	const response = await fetch(`${simulators.urls.mail}/__control/messages?raw=1`);
	const { messages } = (await response.json()) as { messages: SinkMessage[] };
	return messages.filter((m) => m.to.includes(to) && subject.test(m.subject ?? ''));
}

async function accredibleFails(failing: boolean): Promise<void> {
	const url = `${simulators.urls.accredible}/__control/faults`;
	const response = failing
		? await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ errorRate: 1, errorKinds: ['503'] }),
			})
		: await fetch(url, { method: 'DELETE' });
	if (!response.ok)
		throw new Error(`the Accredible simulator refused the faults: ${response.status}`);
}

const runQueue = (queue = workflow) => n8n.runFromTrigger(session, queue.id, 'Every 5 Minutes');

/** The "credential ready" emails a learner got, each decoded. */
async function credentialReadyMails(n: number): Promise<string[]> {
	const ready = await mails(learner(n).email, /^Your credential for .* is ready$/);
	return ready.map((message) => decodeQuotedPrintable(message.raw ?? ''));
}

/** Issued by the queue, the learner emailed once with the credential's link, delivery recorded. */
async function expectDeliveredOnce(key: string, n: number): Promise<void> {
	const status = await statusOf(key);
	expect(status).toMatchObject({
		state: 'delivered',
		delivered: { payload: { channel: 'email' } },
	});
	const emails = await credentialReadyMails(n);
	expect(emails).toHaveLength(1);
	expect(emails[0]).toContain(`Hello ${learner(n).name},`);
	expect(emails[0]).toContain(status.credential!.url!);
}

describe(`operations queue (template 17) on n8n ${n8nVersion}`, () => {
	beforeAll(async () => {
		n8n = await createInstanceWithPackage(line);
		simulators = await startSimulatorsWithCredentials(n8n);
		await n8n.importWorkflows([workflow, credlyQueue, mistypedQueue]);
		await n8n.start();
		await n8n.waitForHttp('/rest/settings');
		session = restSessions.createSession(n8n.baseUrl);
		const owner = { email: 'owner@example.org', password: restSessions.generatePassword() };
		await session.setupOwner(owner);
		// The test appends beside the running n8n: the folder lock serialises the two processes.
		({ store, ledger } = await openLedgerBeside(n8n.userFolder, simulators.urls));
	});
	afterAll(async () => {
		await store?.close();
		await n8n?.dispose();
		await simulators?.stop();
	});

	test('an empty queue runs quietly: nothing retried, nothing sent', async () => {
		const run = await runQueue();
		expect(harness.nodeOutput(run, 'List Due Retries', 0)).toEqual([]);
		expect(harness.nodeOutput(run, 'Reserve the Retry')).toBeUndefined();
		expect(await mails(ADMIN, /./)).toEqual([]);
	});

	test('still failing: attempts 2 and 3 are recorded, then it is escalated once with one admin email', async () => {
		const key = await seedFailed(1);
		await accredibleFails(true);
		await runQueue();
		expect(await statusOf(key)).toMatchObject({
			state: 'failed',
			attempts: 2,
			lastFailure: { attempt: 2, retryable: true },
		});
		await runQueue();
		expect(await statusOf(key)).toMatchObject({ state: 'failed', attempts: 3 });
		expect(await mails(ADMIN, /could not be issued/)).toEqual([]);

		await runQueue();
		const escalated = await statusOf(key);
		expect(escalated.reviews.map((review) => review.payload.reason)).toEqual(['issuance_failed']);
		expect(escalated.attempts).toBe(3);
		const [open] = await ledger.listOpenReviews();
		expect(open).toMatchObject({ key, learnerId: 'L-1', reasons: ['issuance_failed'] });
		await runQueue();
		const alerts = await mails(ADMIN, /could not be issued or delivered: escalated to the review/);
		expect(alerts).toHaveLength(1);
		expect(alerts[0].raw).toContain(key);
		expect((await statusOf(key)).attempts).toBe(3);
		expect(await issuedTo(1)).toEqual([]);
	});

	test("the platform recovers: the next run issues it once, with the first issue's attributes, and records the attempt", async () => {
		const key = await seedFailed(2, new Date(), 'accredible', COMPLETION);
		await runQueue(); // still failing: attempt 2
		expect((await statusOf(key)).attempts).toBe(2);
		await accredibleFails(false);
		await runQueue();
		const status = await statusOf(key);
		expect(status).toMatchObject({
			state: 'delivered',
			attempts: 3,
			credential: { platform: 'accredible' },
		});
		const [issued] = await issuedTo(2);
		// Template 14's custom attributes, read from what Reserve stored: the retry has no LMS event.
		const response = await fetch(`${simulators.urls.accredible}/v1/credentials/${issued.id}`, {
			headers: { authorization: 'Token token=sim-accredible-key' },
		});
		const { credential } = (await response.json()) as {
			credential: { custom_attributes: Record<string, string> };
		};
		expect(credential.custom_attributes).toEqual({
			'Completion date': '2026-03-04',
			Score: '91',
			Program: 'Workplace Safety Programme',
		});
		expect(await issuedTo(2)).toHaveLength(1);
		await expectDeliveredOnce(key, 2);
		await runQueue();
		expect(await issuedTo(2)).toHaveLength(1);
		expect((await statusOf(key)).lastSeq).toBe(status.lastSeq);
		expect(await credentialReadyMails(2)).toHaveLength(1);
		// The escalated credential stays with the reviewer: the healthy platform did not retry it.
		expect(await issuedTo(1)).toEqual([]);
	});

	test('a platform failing for 30 minutes across learners is reported once, not per learner', async () => {
		await accredibleFails(true);
		await seedFailed(3, ago(40));
		await seedFailed(4, ago(35));
		await runQueue();
		await runQueue();
		const outages = await mails(ADMIN, /^accredible has been failing for \d+ minutes/);
		expect(outages).toHaveLength(1);
		expect(await issuedTo(3)).toEqual([]);
		await accredibleFails(false);
	});

	test('a revoked credential is never retried', async () => {
		const key = await seedFailed(5, ago(20));
		await ledger.reserve(key, decision(5), { now: ago(19) });
		await ledger.record(
			key,
			'issued',
			{ platform: 'accredible', externalId: '999005', attempt: 2 },
			'issuing workflow',
			{ now: ago(18) },
		);
		await ledger.revoke(key, { reason: 'issued in error', operator: 'registrar' });
		const run = await runQueue();
		const retried = (harness.nodeOutput(run, 'List Due Retries', 0) ?? []) as Array<{
			key: string;
		}>;
		expect(retried.map((item) => item.key)).not.toContain(key);
		expect(await statusOf(key)).toMatchObject({ state: 'revoked', attempts: 2 });
		expect(await issuedTo(5)).toEqual([]);
		expect(await credentialReadyMails(5)).toEqual([]);
	});

	test('reservations left by a crashed run are reconciled: issued once, found if already made', async () => {
		const lost = 'ik_ops_queue_crashed_7';
		const made = 'ik_ops_queue_crashed_8';
		for (const [key, n] of [
			[lost, 7],
			[made, 8],
		] as const)
			await ledger.reserve(key, decision(n), { now: ago(20), evidence: { learner: learner(n) } });
		// The crashed run got as far as creating learner 8's credential at Accredible.
		const response = await fetch(`${simulators.urls.accredible}/v1/credentials`, {
			method: 'POST',
			headers: {
				authorization: 'Token token=sim-accredible-key',
				'content-type': 'application/json',
			},
			body: JSON.stringify({ credential: { group_id: 12472, recipient: learner(8) } }),
		});
		expect(response.status).toBe(200);
		const run = await runQueue();
		const listed = harness.nodeOutput(run, 'List Due Retries', 0) as Array<{
			key: string;
			stale: boolean;
		}>;
		expect(
			listed
				.filter((item) => item.stale)
				.map((item) => item.key)
				.sort(),
		).toEqual([lost, made]);
		for (const [key, n] of [
			[lost, 7],
			[made, 8],
		] as const) {
			expect(await statusOf(key)).toMatchObject({ state: 'delivered', attempts: 2 });
			expect(await issuedTo(n)).toHaveLength(1);
			// The one found at Accredible is recorded and emailed once, as the one just made.
			await expectDeliveredOnce(key, n);
		}
	});

	test('with Settings.platform set to Credly, the retry lands on Credly once, mapped, emailed and copied to the supervisor', async () => {
		// A B2B completion, as template 14 stores it at Reserve: its supervisor gets a copy too.
		const supervisor = 'supervisor.of.l9@example.org';
		const key = await seedFailed(9, new Date(), 'credly', {
			...COMPLETION,
			supervisorEmail: supervisor,
		});
		// The Accredible queue leaves a Credly failure alone.
		await runQueue();
		expect(await statusOf(key)).toMatchObject({ state: 'failed', attempts: 1 });
		await runQueue(credlyQueue);
		expect(await statusOf(key)).toMatchObject({
			attempts: 2,
			credential: { platform: 'credly' },
		});
		// Course 12's row in the Credly Course Mapping of templates 14 and 17.
		expect(await issuedTo(9, 'credly')).toEqual([
			expect.objectContaining({ templateId: 'cfaf2910-ea5f-46f1-89a5-db525dad6e58' }),
		]);
		await expectDeliveredOnce(key, 9);
		const [ready] = await credentialReadyMails(9);
		expect(ready).toContain('Congratulations on completing Workplace Safety Fundamentals.');
		await runQueue(credlyQueue);
		expect(await issuedTo(9, 'credly')).toHaveLength(1);
		expect(await issuedTo(9)).toEqual([]);
		expect(await credentialReadyMails(9)).toHaveLength(1);
		const copies = await mails(supervisor, /^Copy: Learner 9 earned a credential for Workplace/);
		expect(copies).toHaveLength(1);
		expect(decodeQuotedPrintable(copies[0].raw)).toContain('on 2026-03-04 and received');
	});

	test('a review past the SLA gets one reminder across two runs, recorded in the ledger', async () => {
		const key = 'ik_ops_queue_review_6';
		await ledger.recordDecision(key, decision(6, 'needs_review'), { now: ago(25 * 60) });
		await runQueue();
		await runQueue();
		const reminders = await mails(REVIEWER, /^Review waiting 25 h: learner L-6/);
		expect(reminders).toHaveLength(1);
		const [review] = (await ledger.listOpenReviews()).filter((open) => open.key === key);
		expect(review).toMatchObject({ reasons: ['TIME_AT_MINIMUM'], reminders: 1 });
		expect((await statusOf(key)).reviews).toHaveLength(1);
	});

	test('a platform the switch does not know: recorded failed naming the setting, then escalated, nothing issued', async () => {
		const key = await seedFailed(10, new Date(), 'sertifier');
		await runQueue(mistypedQueue);
		expect(await statusOf(key)).toMatchObject({
			state: 'failed',
			attempts: 2,
			lastFailure: { attempt: 2, retryable: false },
		});
		expect((await statusOf(key)).lastFailure?.error).toContain(
			'Settings.platform is "sertifier": set it to accredible, credly or certifier',
		);
		await runQueue(mistypedQueue);
		expect((await statusOf(key)).reviews.map((review) => review.payload.reason)).toEqual([
			'issuance_failed',
		]);
		const alerts = await mails(ADMIN, /could not be issued or delivered: escalated to the review/);
		expect(alerts.filter((alert) => alert.raw.includes(key))).toHaveLength(1);
		for (const platform of ['accredible', 'credly', 'certifier'])
			expect(await issuedTo(10, platform)).toEqual([]);
		expect(await credentialReadyMails(10)).toEqual([]);
	});
});
