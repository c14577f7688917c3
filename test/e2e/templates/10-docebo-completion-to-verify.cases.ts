// Template 10 in a real n8n: Docebo batches, retries under new message ids, wrong secrets and
// wrongly typed learner ids.
import type { TemplateCase } from '../support/cases';
import * as lmsSamples from '../../simulators/lms/sample-data';
import * as lmsSender from '../../simulators/lms/webhook-sender';
import { runInstant } from '../support/template-kit';

const doceboPayload = (userId: number) => ({
	fired_at: '2024-06-03 14:20:11',
	user_id: userId,
	course_id: 30,
	completion_date: runInstant.slice(0, 19).replace('T', ' '),
	status: 'completed',
	level: 'student',
});
const doceboDelivery = (body: object, secret = lmsSamples.DOCEBO_WEBHOOK_SECRET) => {
	const delivery = lmsSender.docebo(body, { secret, header: 'X-Docebo-Secret' });
	return { body: delivery.body, headers: delivery.headers };
};
const doceboEnvelope = {
	webhook_id: 12,
	original_domain: 'acme.docebosaas.com',
	event: 'course.enrollment.completed',
	fired_by_batch_action: false,
};

export const cases: TemplateCase = {
	requests: [
		{
			name: 'a batch of three completions runs three verifications (200)',
			...doceboDelivery({
				...doceboEnvelope,
				message_id: 'wh-1',
				payloads: [13038, 13039, 13040].map(doceboPayload),
			}),
			expect: {
				status: 200,
				body: {
					outcome: 'verified',
					subject: { learnerId: '13038', courseId: '30', source: 'docebo' },
					// Looked up in the Docebo simulator through n8n's OAuth2 (ids-only payload).
					learner: { id: '13038', email: 'maria.rossi@example.com', name: 'Maria Rossi' },
					enrichment: 'enriched',
				},
			},
		},
		{
			name: 'a retry of one of them under a new message id is a reported duplicate',
			...doceboDelivery({ ...doceboEnvelope, message_id: 'wh-2', payload: doceboPayload(13039) }),
			expect: {
				status: 200,
				body: { status: 'duplicate', duplicates: [`docebo|13039|30|${runInstant.slice(0, 19)}Z`] },
			},
		},
		{
			name: 'a wrong secret is refused (401)',
			...doceboDelivery(
				{ ...doceboEnvelope, message_id: 'wh-3', payload: doceboPayload(13041) },
				'wrong-secret-123',
			),
			expect: { status: 401, body: { reason: 'bad_signature' } },
		},
		{
			name: 'a learner id of the wrong type is refused with its path (422)',
			...doceboDelivery({
				...doceboEnvelope,
				message_id: 'wh-4',
				payloads: [doceboPayload(13042), { ...doceboPayload(1), user_id: { id: 1 } }],
			}),
			expect: { status: 422, body: { reason: 'wrong_type', field: 'payloads.1.user_id' } },
		},
	],
};
