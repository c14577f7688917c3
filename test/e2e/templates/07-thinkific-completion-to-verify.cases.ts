// Template 07 in a real n8n: Thinkific deliveries signed the way Thinkific signs them, sent as the
// exact bytes; replays (also after a restart), bad signatures and bad payloads are refused.
import type { TemplateCase } from '../support/cases';
import * as lmsSamples from '../../simulators/lms/sample-data';
import * as lmsSender from '../../simulators/lms/webhook-sender';
import { runInstant } from '../support/template-kit';

const thinkificEnvelope = (id: string, courseId: number, extra: object = {}) => ({
	id,
	resource: 'enrollment',
	action: 'completed',
	tenant_id: '59',
	created_at: runInstant,
	payload: {
		completed_at: runInstant,
		course: { id: courseId, name: courseId === 68 ? 'Intro to Widgets' : 'Workplace Safety' },
		course_id: courseId,
		percentage_completed: '100.0',
		user: { email: 'john@doe.com', first_name: 'John', id: 94, last_name: 'Doe' },
		...extra,
	},
});
const signedThinkific = (payload: unknown, secret = lmsSamples.THINKIFIC_API_KEY) => {
	const delivery = lmsSender.thinkific(payload, { secret });
	return { body: delivery.body, headers: delivery.headers };
};
const thinkificKey = (courseId: number) => `thinkific|94|${courseId}|${runInstant.slice(0, 19)}Z`;

export const cases: TemplateCase = {
	requests: [
		{
			name: 'a signed completion is verified (200) with its business key',
			...signedThinkific(thinkificEnvelope('delivery-1', 68)),
			expect: {
				status: 200,
				body: {
					outcome: 'verified',
					subject: { learnerId: '94', courseId: '68', source: 'thinkific' },
					businessKey: thinkificKey(68),
				},
			},
		},
		{
			name: 'the same completion re-delivered under a new id is reported, not run again',
			...signedThinkific(thinkificEnvelope('delivery-2', 68)),
			expect: { status: 200, body: { status: 'duplicate', duplicates: [thinkificKey(68)] } },
		},
		{
			name: 'a replay after n8n restarts is still reported, not run again',
			restartFirst: true,
			...signedThinkific(thinkificEnvelope('delivery-2-after-restart', 68)),
			expect: { status: 200, body: { status: 'duplicate', duplicates: [thinkificKey(68)] } },
		},
		{
			name: 'a course that needs a score goes to review: Thinkific sends none',
			...signedThinkific(thinkificEnvelope('delivery-3', 101)),
			expect: {
				status: 200,
				body: {
					outcome: 'needs_review',
					reasons: expect.arrayContaining([expect.objectContaining({ code: 'SCORE_MISSING' })]),
				},
			},
		},
		{
			name: 'a delivery signed with another key is refused (401)',
			...signedThinkific(thinkificEnvelope('delivery-4', 68), 'not-the-api-key'),
			expect: { status: 401, body: { reason: 'bad_signature' } },
		},
		{
			name: 'an unsigned delivery is refused (401)',
			body: JSON.stringify(thinkificEnvelope('delivery-5', 68)),
			headers: { 'content-type': 'application/json' },
			expect: { status: 401, body: { reason: 'missing_signature' } },
		},
		{
			// n8n parses JSON bodies itself and answers 422 before the trigger runs; either way
			// the delivery is refused without an execution.
			name: 'signed but malformed JSON is refused',
			...signedThinkific('{"id":"delivery-6","resource":'),
			expect: {},
			check: (response) => expect([400, 422]).toContain(response.status),
		},
		{
			name: 'malformed JSON sent as text is refused by the trigger (400)',
			body: '{"id":"delivery-6b","resource":',
			headers: {
				...signedThinkific('{"id":"delivery-6b","resource":').headers,
				'content-type': 'text/plain',
			},
			expect: { status: 400, body: { reason: 'malformed_json' } },
		},
		{
			name: 'a form-encoded delivery is refused (415)',
			body: 'resource=enrollment&action=completed',
			headers: {
				...signedThinkific('resource=enrollment&action=completed').headers,
				'content-type': 'application/x-www-form-urlencoded',
			},
			expect: { status: 415, body: { reason: 'unsupported_content_type' } },
		},
		{
			name: 'another topic is refused with the field to fix (422)',
			...signedThinkific({ ...thinkificEnvelope('delivery-7', 68), action: 'progress' }),
			expect: { status: 422, body: { reason: 'unknown_event', field: 'resource' } },
		},
		{
			name: 'a completion without a learner is refused (422)',
			...signedThinkific(thinkificEnvelope('delivery-8', 68, { user: { email: 'x@y.z' } })),
			expect: { status: 422, body: { reason: 'missing_field', field: 'payload.user.id' } },
		},
	],
};
