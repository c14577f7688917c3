// Thinkific Trigger's "Add Learner Details" in n8n's WebhookContext: a signed enrollment.completed
// that lacks names is completed from the Admin API with the trigger's own thinkificApi credential.
import type { IDataObject } from 'n8n-workflow';

import { THINKIFIC_API_KEY, THINKIFIC_SUBDOMAIN } from '../../simulators/lms/sample-data';
import { thinkific as signThinkific } from '../../simulators/lms/webhook-sender';
import { callWebhook } from '../support/node-contexts';
import { useLmsSimulator } from '../lms/support';

const TYPE = 'n8n-nodes-certificate-delivery.thinkificTrigger';
const { url, control: thinkific } = useLmsSimulator('thinkific');
let delivery = 0;

beforeEach(async () => {
	await thinkific('/__control/seed', {
		enrollments: [{ userId: 95, courseId: 101, completedAt: '2024-06-03T14:20:10.000Z' }],
	});
});

/** An enrollment.completed whose payload has ids only (older apps and relays strip the rest). */
function thinEnvelope() {
	delivery += 1;
	return {
		id: `2024060314201000000${delivery}`,
		resource: 'enrollment',
		action: 'completed',
		tenant_id: '59',
		created_at: '2024-06-03T14:20:10.768Z',
		payload: {
			// A distinct completion per delivery: the trigger remembers emitted ones.
			completed_at: `2024-06-03T14:20:${String(10 + delivery).padStart(2, '0')}.000Z`,
			course: { id: 101 },
			course_id: 101,
			id: 3,
			percentage_completed: '100.0',
			user: { id: 95 },
		},
	};
}

async function deliver(enrich: boolean) {
	const signed = signThinkific(thinEnvelope(), { secret: THINKIFIC_API_KEY });
	const outcome = await callWebhook({
		type: TYPE,
		parameters: { enrich },
		credentials: {
			thinkificApi: {
				environment: 'custom',
				baseUrl: url(),
				subdomain: THINKIFIC_SUBDOMAIN,
				apiKey: THINKIFIC_API_KEY,
			},
		},
		nodeCredentials: { thinkificApi: { id: '1', name: 'Thinkific' } },
		body: JSON.parse(signed.body),
		rawBody: Buffer.from(signed.body),
		headers: signed.headers,
	});
	expect(outcome.items).toHaveLength(1);
	return { ...outcome, item: outcome.items[0] };
}

test('enrich on: name, email and course name come from the Admin API; no score is invented', async () => {
	const { item } = await deliver(true);
	expect(item).toMatchObject({
		source: 'thinkific',
		learner: { id: '95', email: 'ana@example.com', name: 'Ana Lima' },
		course: { id: '101', name: 'Workplace Safety Fundamentals' },
		enrichment: {
			status: 'enriched',
			source: 'thinkific admin api',
			fields: ['learner.email', 'learner.name', 'course.name'],
		},
	});
	expect(item).not.toHaveProperty('score');
	expect(item).not.toHaveProperty('timeSpentMinutes');
});

test('enrich off: the delivery is emitted as sent', async () => {
	const { item } = await deliver(false);
	expect(item.learner).toEqual({ id: '95' });
	expect(item).not.toHaveProperty('enrichment');
});

test('the Admin API refusing the key: status failed with the fix, the completion still emitted', async () => {
	await thinkific('/__control/faults', { status: 401, count: 5, body: { error: 'Unauthorized' } });
	const { item, result } = await deliver(true);
	expect(result.workflowData?.[0]).toHaveLength(1);
	expect(item.enrichment).toEqual({
		status: 'failed',
		source: 'thinkific admin api',
		fields: [],
		errors: [
			{
				step: 'lookup',
				message: expect.stringContaining(
					'check the API key and subdomain in the Thinkific API credential',
				),
			},
		],
	});
	const text = JSON.stringify(item);
	expect(text).not.toContain(THINKIFIC_API_KEY);
	expect(text).not.toContain(url());
});

test('the API key never appears in an enriched output', async () => {
	const { items, result } = await deliver(true);
	expect(JSON.stringify({ items, result })).not.toContain(THINKIFIC_API_KEY);
	expect((items[0].enrichment as IDataObject).status).toBe('enriched');
});
