// Fuzz of the Credly Trigger's webhook(). Credly does not sign its webhooks: the trigger reads each
// posted event back from Credly, so "valid authentication" is an event Credly confirms. Here
// Credly (a stand-in for n8n's authenticated HTTP helper) knows one event; every other body,
// however it is built, must be refused without a run, a throw or a polluted prototype.
import fc from 'fast-check';

import { CredlyTrigger } from '../../../nodes/Credly/CredlyTrigger.node';
import { bodyAround, mutationOf, nastyValue } from './support/adversarial';
import { authenticProblems, deliver, unauthenticatedProblems } from './support/deliver';
import type { Delivery, TriggerUnderTest } from './support/deliver';
import { fuzz, preview } from './support/fuzz';

const ORGANIZATION = '6f0c1d7e-0000-4000-8000-000000000001';
const KNOWN_EVENT = '0b9a4f7e-1111-4000-8000-00000000aaaa';
const TOKEN = 'fuzz-credly-token-0001';

const postedEvent = {
	id: KNOWN_EVENT,
	organization_id: ORGANIZATION,
	event_type: 'badge.state.changed',
	occurred_at: '2026-05-01T10:00:00Z',
};

/** What Credly holds for an event id: the known event (with whatever badge a case puts in). */
function credly(held: Record<string, unknown>) {
	return {
		httpRequestWithAuthentication: async (_type: string, options: { url: string }) => {
			const id = decodeURIComponent(options.url.split('/events/')[1] ?? '');
			return id === KNOWN_EVENT
				? { statusCode: 200, headers: {}, body: { data: held } }
				: { statusCode: 404, headers: {}, body: { data: { message: 'Not found' } } };
		},
	};
}

// Each case gets a credential of its own: the client's rate limit (per credential) would
// otherwise space the fuzzed read-backs out to the real API's pace.
let credentials = 0;
const trigger = (held: Record<string, unknown>): TriggerUnderTest => ({
	name: 'Credly Trigger',
	node: new CredlyTrigger(),
	parameters: { events: ['*'] },
	credentials: {
		credlyApi: { environment: 'production', organizationId: `org-${credentials++}`, token: TOKEN },
	},
	secrets: [TOKEN],
	helpers: credly(held),
});

const confirmed = {
	...postedEvent,
	badge: { id: 'b1', state: 'accepted', recipient_email: 'ada@example.com' },
};

const failIf = (problems: string[], delivery: Delivery) => {
	if (problems.length > 0) {
		throw new Error(`${problems.join('\n')}\nbody: ${preview(delivery.body)}`);
	}
};

const asJson = (body: Buffer): Delivery => ({
	body,
	headers: { 'content-type': 'application/json' },
});

test('a body naming an event Credly does not confirm is refused and starts no run', async () => {
	await fuzz(
		'Credly Trigger: unconfirmed event',
		fc.asyncProperty(
			bodyAround(postedEvent)
				.filter((body) => !body.toString('utf8').includes(KNOWN_EVENT))
				.map(asJson),
			async (delivery) => {
				const outcome = await deliver(trigger(confirmed), delivery);
				failIf(unauthenticatedProblems(trigger(confirmed), outcome), delivery);
			},
		),
		{ numRuns: 60 },
	);
});

test('the known event with adversarial fields, as posted or as Credly holds it: a run or a clear 4xx', async () => {
	const posted = mutationOf(postedEvent).map(
		(value): Record<string, unknown> => ({
			...(value as object),
			id: KNOWN_EVENT,
		}),
	);
	const held = mutationOf(confirmed).map(
		(value): Record<string, unknown> => ({
			...(value as object),
			id: KNOWN_EVENT,
			event_type: postedEvent.event_type,
		}),
	);
	await fuzz(
		'Credly Trigger: confirmed event, adversarial fields',
		fc.asyncProperty(posted, held, nastyValue(), async (body, event, occurredAt) => {
			const delivery = asJson(Buffer.from(JSON.stringify({ ...body, occurred_at: occurredAt })));
			const outcome = await deliver(trigger(event), delivery);
			failIf(authenticProblems(trigger(event), outcome), delivery);
		}),
		{
			numRuns: 80,
			// Credly's event without a time: the posted (unverified) one is used, an object here.
			examples: [[postedEvent, { ...confirmed, occurred_at: undefined }, { toString: 1 }]],
		},
	);
});

test('a posted occurred_at that is not text never reaches the item (Credly has no time for the event)', async () => {
	const held = { ...confirmed, occurred_at: undefined };
	const body = Buffer.from(JSON.stringify({ ...postedEvent, occurred_at: { toString: 1 } }));
	const outcome = await deliver(trigger(held), asJson(body));
	expect(outcome.thrown).toBeUndefined();
	expect(outcome.items).toEqual([
		expect.objectContaining({ eventId: KNOWN_EVENT, occurredAt: '' }),
	]);
});
