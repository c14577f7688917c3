// Template 08 in a real n8n: Canvas Live Events signed as Canvas signs them (JWT over the JWKS);
// key rotation, expired or foreign tokens and other event types.
import type { TemplateCase } from '../support/cases';
import * as lmsSamples from '../../simulators/lms/sample-data';
import * as lmsSender from '../../simulators/lms/webhook-sender';
import { runInstant } from '../support/template-kit';

const canvasSigner = lmsSender.demoCanvasSigner();
const canvasEvent = (
	requestId: string,
	overrides: { eventName?: string; userId?: string; rootAccountId?: string } = {},
) => ({
	metadata: {
		event_name: overrides.eventName ?? 'course_completed',
		event_time: runInstant,
		request_id: requestId,
		root_account_id: overrides.rootAccountId ?? lmsSamples.CANVAS_ROOT_ACCOUNT_ID,
		user_id: '21070000000000123',
		context_id: '21070000000000565',
	},
	body: {
		course: { account_id: '79', id: '565', name: 'Computer Science I' },
		progress: { completed_at: runInstant, requirement_completed_count: 6, requirement_count: 6 },
		user: { email: 'inewton@example.com', id: overrides.userId ?? '123', name: 'Isaac Newton' },
	},
});
const signedCanvas = (event: object, options?: Parameters<typeof canvasSigner.sign>[1]) => {
	const delivery = canvasSigner.sign(event, options);
	return { body: delivery.body, headers: delivery.headers };
};
const canvasSubject = { learnerId: '123', courseId: '565', source: 'canvas' };

export const cases: TemplateCase = {
	requests: [
		{
			name: 'a signed live event is verified (200) with its business key',
			...signedCanvas(canvasEvent('req-1')),
			expect: {
				status: 200,
				body: {
					outcome: 'verified',
					subject: canvasSubject,
					businessKey: `canvas|123|565|${runInstant.slice(0, 19)}Z`,
				},
			},
		},
		{
			name: 'the same completion signed with the next monthly key is a reported duplicate',
			...signedCanvas(canvasEvent('req-2'), { key: 'next' }),
			expect: { status: 200, body: { status: 'duplicate' } },
		},
		{
			name: 'a token signed by a key outside the JWKS is refused (401)',
			...signedCanvas(canvasEvent('req-3', { userId: '124' }), { kid: 'retired-key' }),
			expect: { status: 401, body: { reason: 'unknown_key' } },
		},
		{
			name: 'an expired token is refused (401)',
			...signedCanvas(canvasEvent('req-4', { userId: '125' }), {
				iat: Math.floor(Date.now() / 1000) - 600,
				exp: Math.floor(Date.now() / 1000) - 300,
			}),
			expect: { status: 401, body: { reason: 'stale_signature' } },
		},
		{
			name: 'an unsigned live event is refused (401)',
			body: JSON.stringify(canvasEvent('req-5', { userId: '126' })),
			headers: { 'content-type': 'application/json' },
			expect: { status: 401, body: { reason: 'missing_signature' } },
		},
		{
			name: 'a token without iat is refused (401)',
			...signedCanvas(canvasEvent('req-7', { userId: '127' }), { iat: null }),
			expect: { status: 401, body: { reason: 'stale_signature' } },
		},
		{
			name: "another institution's signed event is refused (403)",
			...signedCanvas(canvasEvent('req-8', { userId: '128', rootAccountId: '99990000000000001' })),
			expect: { status: 403, body: { reason: 'foreign_account' } },
		},
		{
			name: 'course_progress is refused as another event type (422)',
			...signedCanvas(canvasEvent('req-6', { eventName: 'course_progress' })),
			expect: { status: 422, body: { reason: 'unknown_event', field: 'metadata.event_name' } },
		},
	],
};
