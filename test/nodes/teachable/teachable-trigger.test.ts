// Teachable Trigger in the real engine with "Add Learner Details" on: a delivery handled by
// webhook() in n8n's WebhookContext looks the learner up in the Teachable simulator through the
// teachableApi credential; a failed lookup still emits the completion, marked failed.
import { TEACHABLE_API_KEY } from '../../simulators/lms/sample-data';
import { callWebhook } from '../support/node-contexts';
import { useLmsSimulator } from '../lms/support';

const TYPE = 'n8n-nodes-certificate-delivery.teachableTrigger';
const { url, control, requests } = useLmsSimulator('teachable');

// Each delivery completes at a new second: the trigger reports a repeated business key as a
// duplicate (its memory lasts for the process), and every test needs a fresh completion.
let second = 0;
/** An Enrollment.completed that carries ids only (no user or course object). */
const delivery = (userId: number, courseId = 42) => ({
	id: 9876543,
	type: 'Enrollment.completed',
	created: '2024-06-03T14:20:11Z',
	object: {
		id: 555,
		user_id: userId,
		course_id: courseId,
		completed_at: `2024-06-03T14:20:${String(10 + second++).padStart(2, '0')}Z`,
		percent_complete: 100,
	},
});

const post = (body: unknown, enrich = true, apiKey = TEACHABLE_API_KEY) =>
	callWebhook({
		type: TYPE,
		parameters: { authentication: 'none', enrich, responseMode: 'onReceived' },
		body,
		credentials: { teachableApi: { environment: 'custom', baseUrl: url(), apiKey } },
		nodeCredentials: { teachableApi: { id: '1', name: 'Teachable account' } },
	});

test('ids-only delivery: name, email and course name come from the API, marked enriched', async () => {
	const outcome = await post(delivery(1001));
	expect(outcome.result.workflowData?.[0]).toHaveLength(1);
	expect(outcome.items).toEqual([
		expect.objectContaining({
			source: 'teachable',
			learner: { id: '1001', email: 'ada@example.com', name: 'Ada Lovelace' },
			course: { id: '42', name: 'Intro to Analytics' },
			enrichment: {
				status: 'enriched',
				source: 'teachable api',
				fields: ['learner.email', 'learner.name', 'course.name'],
			},
		}),
	]);
	// One user call gave learner, course name and progress: no further calls.
	expect((await requests()).map((r) => r.path)).toEqual(['/v1/users/1001']);
	expect(JSON.stringify(outcome)).not.toContain(TEACHABLE_API_KEY);
});

test('a learner Teachable shows below 100% is emitted as partial with the reason', async () => {
	const outcome = await post(delivery(1002));
	expect(outcome.items[0]).toMatchObject({
		learner: { id: '1002', email: 'grace@example.com', name: 'Grace Hopper' },
		enrichment: {
			status: 'partial',
			errors: [{ step: 'progress', message: expect.stringContaining('at 40% of course 42') }],
		},
	});
});

test('Teachable down (503): the completion is still emitted, marked failed, delivery accepted', async () => {
	await control('/__control/faults', { status: 503, count: 10 });
	const outcome = await post(delivery(1001));
	expect(outcome.result.workflowData?.[0]).toHaveLength(1);
	expect(outcome.items).toHaveLength(1);
	expect(outcome.items[0]).toMatchObject({
		learner: { id: '1001' },
		enrichment: {
			status: 'failed',
			fields: [],
			errors: [{ step: 'lookup', message: expect.stringContaining('unavailable (HTTP 503)') }],
		},
	});
	expect((outcome.items[0].learner as { email?: string }).email).toBeUndefined();
});

test.each([
	[
		'a wrong API key',
		'wrong-teachable-key-123',
		null,
		'check the API key in the Teachable API credential',
	],
	['the rate limit', TEACHABLE_API_KEY, 0, 'rate limit reached (HTTP 429): wait'],
])('%s fails the lookup with the fix named, never the key', async (_name, key, limit, expected) => {
	if (limit !== null) await control('/__control/rate-limit', { limit });
	const outcome = await post(delivery(1001), true, key);
	expect(outcome.items[0]).toMatchObject({
		enrichment: { status: 'failed', errors: [{ message: expect.stringContaining(expected) }] },
	});
	expect(JSON.stringify(outcome)).not.toContain(key);
});

test('an unknown learner names the learner id', async () => {
	const outcome = await post(delivery(9999));
	expect(outcome.items[0]).toMatchObject({
		enrichment: {
			status: 'failed',
			errors: [{ message: expect.stringContaining('does not know learner 9999 (HTTP 404)') }],
		},
	});
});

test('with the switch off no API call is made and no enrichment is added', async () => {
	const outcome = await post(delivery(1001), false);
	expect(outcome.items[0]).not.toHaveProperty('enrichment');
	expect(outcome.items[0].learner).toMatchObject({ id: '1001', email: undefined });
	expect(await requests()).toEqual([]);
});
