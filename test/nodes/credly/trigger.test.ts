// The Credly Trigger's webhook() in n8n's WebhookContext: Credly's events are unsigned, so an
// event only starts the workflow after Credly confirms it; anything else is refused, no run.
import type { IDataObject } from 'n8n-workflow';

import { credlyAuthorization } from '../../../nodes/core/integrations/platforms';
import {
	CREDLY_TEMPLATE,
	CREDLY_TRIGGER_TYPE,
	credlyCredentials,
	type Platform,
	usePlatform,
} from '../support/issuer-platforms';
import { callWebhook } from '../support/node-contexts';
import { raw } from '../../unit/platforms/support/sim-control';

const platform = usePlatform('credly');

interface CredlyEvent {
	id: string;
	event_type: string;
	organization_id: string;
	occurred_at: string;
	badge?: IDataObject;
}

async function api(p: Platform, method: string, path: string, body?: unknown) {
	return await raw(p.sim, method, `/v1/organizations/${p.sim.credentials.organizationId}${path}`, {
		headers: { authorization: credlyAuthorization(p.sim.credentials.apiKey) },
		body,
	});
}

/** Issues a badge and lets the earner accept it; returns Credly's stored events. */
async function acceptedBadgeEvents(p: Platform): Promise<CredlyEvent[]> {
	const created = await api(p, 'POST', '/badges', {
		recipient_email: 'ada@example.com',
		issued_to_first_name: 'Ada',
		issued_to_last_name: 'Lovelace',
		badge_template_id: CREDLY_TEMPLATE,
		issued_at: '2026-05-04 09:00:00 +0000',
	});
	const badgeId = ((created.json as IDataObject).data as IDataObject).id as string;
	await p.control.call('POST', `badges/${badgeId}/state`, { state: 'accepted' });
	const events = await api(p, 'GET', '/events');
	return (events.json as { data: CredlyEvent[] }).data;
}

/** What Credly POSTs: the small unsigned payload. */
function smallPayload(event: CredlyEvent) {
	const { id, event_type, organization_id, occurred_at } = event;
	return { id, event_type, organization_id, occurred_at };
}

// The simulator hands out the same event ids again after each reset, which Credly never does:
// each test uses a credential of its own, so what the trigger remembers per credential (answers,
// budget, events that started a run) does not carry over from one test to the next.
let credentialId = '';
let testCount = 0;
beforeEach(() => {
	credentialId = `credly-trigger-test-${++testCount}`;
});

async function deliver(
	body: unknown,
	events: string[] = ['badge.accepted'],
	parameters: IDataObject = {},
	credentials = platform().credentials,
) {
	return await callWebhook({
		type: CREDLY_TRIGGER_TYPE,
		parameters: { events, ...parameters },
		credentials,
		nodeCredentials: { credlyApi: { id: credentialId, name: 'Credly account' } },
		body,
	});
}

describe('Credly Trigger', () => {
	test('an accepted badge starts the workflow with the event as Credly holds it', async () => {
		const events = await acceptedBadgeEvents(platform());
		const accepted = events.find((e) => e.event_type === 'badge.state.changed');
		expect(accepted).toBeDefined();
		const outcome = await deliver(smallPayload(accepted as CredlyEvent));
		expect(outcome.response.status).toBeUndefined();
		expect(outcome.items).toHaveLength(1);
		expect(outcome.items[0]).toMatchObject({
			event: 'badge.accepted',
			eventType: 'badge.state.changed',
			eventId: accepted?.id,
			verified: true,
			badge: { state: 'accepted', recipientEmail: 'ada@example.com', templateId: CREDLY_TEMPLATE },
		});
	});

	test('events not chosen are acknowledged with 200 and start nothing', async () => {
		const events = await acceptedBadgeEvents(platform());
		const created = events.find((e) => e.event_type === 'badge.created') as CredlyEvent;
		const ignored = await deliver(smallPayload(created), ['badge.accepted']);
		expect(ignored.items).toEqual([]);
		expect(ignored.response).toMatchObject({ status: 200, body: { ignored: 'badge.created' } });
		const wanted = await deliver(smallPayload(created), ['badge.created']);
		// The event holds the badge as it was when the event happened.
		expect(wanted.items[0]).toMatchObject({ event: 'badge.created', badge: { state: 'pending' } });
	});

	test('an event Credly does not know is refused with 404 and starts nothing', async () => {
		const forged = {
			id: '11111111-2222-4333-8444-555555555555',
			event_type: 'badge.state.changed',
			organization_id: platform().sim.credentials.organizationId,
			occurred_at: '2026-05-04T09:00:00Z',
		};
		const outcome = await deliver(forged, ['*']);
		expect(outcome.items).toEqual([]);
		expect(outcome.response.status).toBe(404);
	});

	test('a real event id under a different type or organization is refused with 401', async () => {
		const [event] = await acceptedBadgeEvents(platform());
		const wrongType = await deliver({ ...smallPayload(event), event_type: 'badge.deleted' }, ['*']);
		expect(wrongType.response.status).toBe(401);
		expect(wrongType.items).toEqual([]);
		const wrongOrg = await deliver(
			{ ...smallPayload(event), organization_id: '99999999-0000-4000-8000-000000000000' },
			['*'],
		);
		expect(wrongOrg.response.status).toBe(401);
		expect(wrongOrg.items).toEqual([]);
	});

	test('a body that is not a Credly event is refused with 400 and no request to Credly', async () => {
		await platform().control.clearRequests();
		const outcome = await deliver({ hello: 'world' }, ['*']);
		expect(outcome.response.status).toBe(400);
		expect(outcome.items).toEqual([]);
		expect(await platform().control.requests()).toEqual([]);
	});

	test('when Credly cannot confirm (expired token) it answers 503 so Credly retries later', async () => {
		const [event] = await acceptedBadgeEvents(platform());
		await platform().control.faults({ tokenExpired: true });
		const outcome = await deliver(smallPayload(event), ['*']);
		expect(outcome.response.status).toBe(503);
		expect(outcome.items).toEqual([]);
		expect(JSON.stringify(outcome.response)).not.toContain(platform().sim.credentials.apiKey);
	});
});

describe('Credly Trigger read-backs are bounded (posts are unauthenticated)', () => {
	const forgedEvent = (n: number) => ({
		id: `11111111-2222-4333-8444-${String(n).padStart(12, '0')}`,
		event_type: 'badge.state.changed',
		organization_id: platform().sim.credentials.organizationId,
		occurred_at: '2026-05-04T09:00:00Z',
	});
	const eventReads = async () =>
		(await platform().control.requests()).filter((request) => request.path.includes('/events/'));

	test('one forged id posted 20 times costs Credly one call', async () => {
		const outcomes = await Promise.all(
			Array.from({ length: 20 }, async () => await deliver(forgedEvent(1), ['*'])),
		);
		expect(outcomes.map((o) => o.response.status)).toEqual(Array(20).fill(404));
		expect(await eventReads()).toHaveLength(1);
	});

	test('20 forged ids beyond the per-minute budget are refused with 429 and Retry-After, uncalled', async () => {
		const outcomes: Awaited<ReturnType<typeof deliver>>[] = [];
		for (let n = 1; n <= 20; n++) {
			outcomes.push(await deliver(forgedEvent(100 + n), ['*'], { verificationsPerMinute: 5 }));
		}
		expect(outcomes.filter((o) => o.response.status === 404)).toHaveLength(5);
		const refused = outcomes.filter((o) => o.response.status === 429);
		expect(refused).toHaveLength(15);
		expect(Number(refused[0].response.headers?.['retry-after'])).toBeGreaterThanOrEqual(1);
		expect(Number(refused[0].response.headers?.['retry-after'])).toBeLessThanOrEqual(60);
		expect(refused[0].response.body).toMatchObject({
			error: expect.stringContaining('at most 5'),
		});
		expect(await eventReads()).toHaveLength(5);
	});

	test('a real event re-posted starts one run, and the repeat is answered as a duplicate', async () => {
		const events = await acceptedBadgeEvents(platform());
		const accepted = events.find((e) => e.event_type === 'badge.state.changed') as CredlyEvent;
		const first = await deliver(smallPayload(accepted));
		const again = await deliver(smallPayload(accepted));
		expect(first.items).toHaveLength(1);
		expect(again.items).toEqual([]);
		expect(again.response).toEqual({
			status: 200,
			body: { received: true, duplicate: accepted.id },
		});
		expect(await eventReads()).toHaveLength(1);
	});

	test('a network failure is answered with a generic 503: no address, no error text', async () => {
		const unreachable = credlyCredentials(platform().sim, {
			baseUrl: 'http://127.0.0.1:9/internal',
		});
		const outcome = await deliver(forgedEvent(500), ['*'], {}, unreachable);
		expect(outcome.response).toEqual({
			status: 503,
			body: { error: 'The event could not be verified with Credly; retry later' },
		});
		expect(JSON.stringify(outcome.response)).not.toMatch(/127\.0\.0\.1|internal|ECONN/);
	});
});
