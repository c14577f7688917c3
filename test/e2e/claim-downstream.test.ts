// Go-live scenario 9 on a real n8n: a learner claims a credential (Credly badge accepted,
// Certifier credential viewed) → template 18 records the claim in the ledger, calls the
// downstream system once, then emails a testimonial request and a re-enrolment prompt, each its
// own delay after the claim. The platform delivers the claim more than once; the downstream
// sink, the ledger folder and the mail sink must show one call, one claim entry and one mail of
// each follow-up per credential.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { credlyAuthorization } from '../../nodes/core/integrations/platforms';
import * as credlySamples from '../simulators/credly/sample-data';
import type { SinkMessage } from '../simulators/mail';
import type { DownstreamCall } from '../simulators/downstream';
import { createInstanceWithPackage } from './support/describe-workflows';
import type { Instance, LoadedWorkflow } from './support/harness';
import { currentLine, harness, REPO_ROOT, restSessions } from './support/harness';
import { decision, getJson, postJson, SEED_PATH, seedWorkflow, until } from './support/ledger-seed';
import { startSimulatorsWithCredentials, type RunningSimulators } from './support/simulators';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const certifierSamples = require(
	path.join(REPO_ROOT, 'test', 'simulators', 'certifier', 'sample-data.js'),
) as { SAMPLE_TOKEN: string; SAMPLE_WEBHOOK_SECRET: string; SAMPLE_GROUPS: Array<{ id: string }> };

const certifierHeaders = {
	authorization: `Bearer ${certifierSamples.SAMPLE_TOKEN}`,
	'certifier-version': '2022-10-26',
	'content-type': 'application/json',
};

const TEMPLATE = '18-claim-to-downstream.json';
/** The playbook's 7 and 30 days, shortened to seconds. */
const TESTIMONIAL_SECONDS = 2;
const REENROLMENT_SECONDS = 4;
const TESTIMONIAL_SUBJECT = 'How is your new credential working for you?';
const REENROLMENT_SUBJECT = 'Ready for the next step?';

/** Template 18 as an operator would set it up here: the sink's URL, delays in seconds. */
function configuredTemplate(downstreamUrl: string): unknown {
	const template = JSON.parse(readFileSync(path.join(REPO_ROOT, 'workflows', TEMPLATE), 'utf8'));
	const settings = template.nodes.find((node: { name: string }) => node.name === 'Settings');
	for (const field of settings.parameters.assignments.assignments) {
		if (field.name === 'downstreamUrl') field.value = `${downstreamUrl}/claims`;
		if (field.name === 'testimonialDelay') field.value = TESTIMONIAL_SECONDS;
		if (field.name === 'reenrolmentDelay') field.value = REENROLMENT_SECONDS;
		if (/DelayUnit$/.test(field.name)) field.value = 'seconds';
	}
	return template;
}

interface ChainEntry {
	seq: number;
	type: string;
	key: string;
	actor: string;
	payload: Record<string, unknown>;
}

const { line, n8nVersion } = currentLine();

describe(`template 18: a claimed credential starts the downstream chain, once (n8n ${n8nVersion})`, () => {
	let n8n: Instance;
	let simulators: RunningSimulators;
	let folder: string;
	let claimFlow: LoadedWorkflow;
	let urls: Record<string, string>;

	beforeAll(async () => {
		n8n = await createInstanceWithPackage(line);
		simulators = await startSimulatorsWithCredentials(n8n);
		urls = simulators.urls;
		folder = mkdtempSync(path.join(tmpdir(), 'claim-flows-'));
		writeFileSync(path.join(folder, TEMPLATE), JSON.stringify(configuredTemplate(urls.downstream)));
		writeFileSync(path.join(folder, 'seed.json'), JSON.stringify(seedWorkflow));
		const flows = harness.loadWorkflowDir(folder);
		for (const flow of flows) {
			await n8n.importWorkflow(flow);
			await n8n.activate(flow.id);
		}
		claimFlow = flows.find((flow) => flow.fileName === TEMPLATE) as LoadedWorkflow;
		await n8n.start();
		for (const flow of flows)
			for (const webhook of flow.webhooks)
				await n8n.waitForWebhook({ ...webhook, workflowId: flow.id });
		// The platforms deliver their events to the template's triggers.
		const triggerUrl = (node: string) =>
			`${n8n.baseUrl}${claimFlow.webhooks.find((w) => w.node === node)?.path}`;
		await postJson(`${urls.credly}/__control/webhooks`, { url: triggerUrl('Credly Trigger') });
		await postJson(`${urls.certifier}/__control/webhooks`, {
			url: triggerUrl('Certifier Trigger'),
			secret: certifierSamples.SAMPLE_WEBHOOK_SECRET,
		});
	});

	afterAll(async () => {
		await n8n?.dispose();
		await simulators?.stop();
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	const chain = (): ChainEntry[] =>
		readFileSync(path.join(n8n.userFolder, '.n8n', 'credential-ledger', 'chain.jsonl'), 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((text) => JSON.parse(text) as ChainEntry);
	const claimsOf = (key: string) => chain().filter((e) => e.key === key && e.type === 'claimed');
	const downstreamCalls = async () =>
		((await getJson(`${urls.downstream}/__control/calls`)) as { calls: DownstreamCall[] }).calls;
	const mails = async () =>
		((await getJson(`${urls.mail}/__control/messages`)) as { messages: SinkMessage[] }).messages;
	const executions = async (): Promise<number> => {
		const session = restSessions.createSession(n8n.baseUrl);
		const owner = { email: 'owner@example.org', password: 'Claim-Flow-Test-1' };
		if (await session.ownerMissing()) await session.setupOwner(owner);
		else await session.login(owner);
		const filter = encodeURIComponent(JSON.stringify({ workflowId: claimFlow.id }));
		const listed = (await session.get(`/rest/executions?filter=${filter}`)) as {
			data: { results: Array<{ status: string }> };
		};
		return listed.data.results.filter((run) => run.status === 'success').length;
	};

	/** What a platform simulator holds for one recipient (its /__control/issued list). */
	const issuedTo = async (platform: 'credly' | 'certifier', email: string) =>
		(
			(await getJson(`${urls[platform]}/__control/issued`)) as {
				items: Array<{ id: string; email: string; state?: string; status?: string }>;
			}
		).items.filter((item) => item.email.toLowerCase() === email);

	/** Issues on the platform, records Issued in the ledger; returns the ledger key. */
	const seed = async (platform: string, externalId: string, learnerId: string): Promise<string> => {
		const response = await n8n.request('POST', `/webhook/${SEED_PATH}`, {
			body: {
				platform,
				externalId,
				template: `${platform}-template`,
				decision: decision(learnerId, 'SAFE-101'),
			},
		});
		expect(response.status).toBe(200);
		const key = (response.body as { ledger?: { key?: string } }).ledger?.key;
		expect(key).toMatch(/^ik_/);
		return key as string;
	};

	const credlyBadge = async (email: string): Promise<string> => {
		const response = await fetch(
			`${urls.credly}/v1/organizations/${credlySamples.SAMPLE_ORGANIZATION_ID}/badges`,
			{
				method: 'POST',
				headers: {
					authorization: credlyAuthorization(credlySamples.SAMPLE_TOKEN),
					'content-type': 'application/json',
				},
				body: JSON.stringify({
					recipient_email: email,
					issued_to_first_name: 'Clara',
					issued_to_last_name: 'Claim',
					badge_template_id: credlySamples.SAMPLE_TEMPLATES[0].id,
					issued_at: '2026-05-04 09:00:00 +0000',
				}),
			},
		);
		expect(response.status).toBe(201);
		return ((await response.json()) as { data: { id: string } }).data.id;
	};
	const setBadgeState = (id: string, state: string) =>
		postJson(`${urls.credly}/__control/badges/${id}/state`, { state });

	test('Credly: badge accepted twice (two events, and one event re-delivered) → one downstream call, one claim, then the testimonial and re-enrolment mails once each', async () => {
		const email = 'clara.claim@example.com';
		const badgeId = await credlyBadge(email);
		const key = await seed('credly', badgeId, 'L-901');
		const before = await executions();

		await setBadgeState(badgeId, 'accepted');
		const [call] = await until('the downstream call', downstreamCalls, (calls) =>
			calls.some((c) => (c.body as { credentialId?: string }).credentialId === badgeId),
		).then((calls) =>
			calls.filter((c) => (c.body as { credentialId?: string }).credentialId === badgeId),
		);
		expect(call.body).toEqual({
			event: 'credential.claimed',
			platform: 'credly',
			credentialId: badgeId,
			learnerId: 'L-901',
			courseId: 'SAFE-101',
			claimedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
			ledgerKey: key,
		});

		// The same event delivered again (Credly retries), then a second "accepted" event.
		const deliveries = (await getJson(`${urls.credly}/__control/webhooks`)) as {
			deliveries: Array<{ id: string; type: string; body: string }>;
		};
		const accepted = deliveries.deliveries.filter((d) => d.type === 'badge.state.changed').pop();
		const again = await fetch(
			`${n8n.baseUrl}${claimFlow.webhooks.find((w) => w.node === 'Credly Trigger')?.path}`,
			{ method: 'POST', headers: { 'content-type': 'application/json' }, body: accepted?.body },
		);
		expect(again.status).toBe(200);
		await setBadgeState(badgeId, 'pending');
		await setBadgeState(badgeId, 'accepted');
		await until('both claim runs', executions, (count) => count - before >= 2);

		const followUps = await until('both follow-up mails', mails, (list) =>
			list.some((m) => m.to.includes(email) && m.subject === REENROLMENT_SUBJECT),
		);
		const mine = followUps.filter((m) => m.to.includes(email));
		expect(mine.map((m) => m.subject)).toEqual([TESTIMONIAL_SUBJECT, REENROLMENT_SUBJECT]);
		// Each sent its own delay after the claim (the Wait runs until claim time + delay).
		const claimedAt = Date.parse(String((call.body as { claimedAt: string }).claimedAt));
		const after = (mail: SinkMessage) => Date.parse(mail.receivedAt) - claimedAt;
		expect(after(mine[0])).toBeGreaterThanOrEqual(TESTIMONIAL_SECONDS * 1000 - 250);
		expect(after(mine[1])).toBeGreaterThanOrEqual(REENROLMENT_SECONDS * 1000 - 250);

		await new Promise((resolve) => setTimeout(resolve, REENROLMENT_SECONDS * 1000 + 1500));
		const calls = (await downstreamCalls()).filter(
			(c) => (c.body as { credentialId?: string }).credentialId === badgeId,
		);
		expect(calls).toHaveLength(1);
		expect((await mails()).filter((m) => m.to.includes(email)).map((m) => m.subject)).toEqual([
			TESTIMONIAL_SUBJECT,
			REENROLMENT_SUBJECT,
		]);
		expect(claimsOf(key)).toHaveLength(1);
		expect(claimsOf(key)[0]).toMatchObject({ actor: 'credly claim event' });
		// The platform holds the one badge, accepted: the claim chain issued nothing new.
		expect(await issuedTo('credly', email)).toEqual([
			expect.objectContaining({ id: badgeId, state: 'accepted' }),
		]);
		expect(await executions()).toBe(before + 2);
	});

	test('Certifier: the credential viewed twice → one downstream call, one claim, each follow-up once', async () => {
		const email = 'cyril.certifier@example.com';
		const created = await fetch(`${urls.certifier}/v1/credentials/create-issue-send`, {
			method: 'POST',
			headers: certifierHeaders,
			body: JSON.stringify({
				groupId: certifierSamples.SAMPLE_GROUPS[0].id,
				recipient: { name: 'Cyril Certifier', email },
			}),
		});
		expect(created.status).toBe(201);
		const credentialId = ((await created.json()) as { id: string }).id;
		const key = await seed('certifier', credentialId, 'L-902');
		const view = () =>
			fetch(`${urls.certifier}/v1/credential-interactions`, {
				method: 'POST',
				headers: certifierHeaders,
				body: JSON.stringify({ credentialId, eventType: 'credential_viewed' }),
			});
		expect((await view()).status).toBe(201);
		expect((await view()).status).toBe(201);

		await until('the re-enrolment mail', mails, (list) =>
			list.some((m) => m.to.includes(email) && m.subject === REENROLMENT_SUBJECT),
		);
		await new Promise((resolve) => setTimeout(resolve, REENROLMENT_SECONDS * 1000 + 1500));
		const calls = (await downstreamCalls()).filter(
			(c) => (c.body as { credentialId?: string }).credentialId === credentialId,
		);
		expect(calls).toHaveLength(1);
		expect(calls[0].body).toMatchObject({
			platform: 'certifier',
			learnerId: 'L-902',
			ledgerKey: key,
		});
		expect(claimsOf(key)).toHaveLength(1);
		expect((await mails()).filter((m) => m.to.includes(email)).map((m) => m.subject)).toEqual([
			TESTIMONIAL_SUBJECT,
			REENROLMENT_SUBJECT,
		]);
		expect(await issuedTo('certifier', email)).toEqual([
			expect.objectContaining({ id: credentialId }),
		]);
	});

	test('a claim of a credential the ledger does not know: nothing recorded, no downstream call, admin emailed', async () => {
		const badgeId = await credlyBadge('nobody.knows@example.com');
		const entriesBefore = chain().length;
		await setBadgeState(badgeId, 'accepted');
		const alerts = await until('the admin alert', mails, (list) =>
			list.some((m) => (m.subject ?? '').includes(`credential ${badgeId} not recorded`)),
		);
		const alert = alerts.find((m) => (m.subject ?? '').includes(badgeId));
		expect(alert?.to).toEqual(['credential-admin@academy.example.org']);
		const calls = (await downstreamCalls()).filter(
			(c) => (c.body as { credentialId?: string }).credentialId === badgeId,
		);
		expect(calls).toEqual([]);
		expect(chain()).toHaveLength(entriesBefore);
	});
});
