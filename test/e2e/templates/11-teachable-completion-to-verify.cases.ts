// Template 11 in a real n8n: Teachable deliveries signed with the demo secret; an ids-only
// completion gets the learner details from the Teachable simulator.
import type { TemplateCase } from '../support/cases';
import * as lmsSamples from '../../simulators/lms/sample-data';
import * as lmsSender from '../../simulators/lms/webhook-sender';
import { runInstant } from '../support/template-kit';

// Signed with the demo credential's secret: the template keeps the trigger's signed default.
const teachableDelivery = (body: unknown) => {
	const delivery = lmsSender.teachable(body, { secret: lmsSamples.TEACHABLE_WEBHOOK_SECRET });
	return { body: delivery.body, headers: delivery.headers };
};
const teachableEnrollment = (id: number, type = 'Enrollment.completed') => ({
	id,
	type,
	created: runInstant,
	object: {
		id: 555,
		user_id: 1001,
		course_id: 42,
		completed_at: runInstant,
		percent_complete: 100,
		user: { id: 1001, name: 'Ada Lovelace', email: 'ada@example.com' },
		course: { id: 42, name: 'Intro to Analytics' },
	},
});
// The same completion as a school sends it with ids only: "Add Learner Details" must fill in
// the learner's name and email and the course name from the Teachable API (the simulator).
const teachableIdsOnly = (id: number) => {
	const { user: _user, course: _course, ...object } = teachableEnrollment(id).object;
	return { ...teachableEnrollment(id), object };
};

export const cases: TemplateCase = {
	requests: [
		{
			name: 'an array-wrapped ids-only Enrollment.completed is verified with the learner details Teachable adds (200)',
			...teachableDelivery([teachableIdsOnly(1)]),
			expect: {
				status: 200,
				body: {
					outcome: 'verified',
					subject: { learnerId: '1001', courseId: '42', source: 'teachable' },
					businessKey: `teachable|1001|42|${runInstant.slice(0, 19)}Z`,
					learner: { id: '1001', email: 'ada@example.com', name: 'Ada Lovelace' },
					course: { id: '42', name: 'Intro to Analytics' },
					enrichment: {
						status: 'enriched',
						source: 'teachable api',
						fields: ['learner.email', 'learner.name', 'course.name'],
					},
				},
			},
			check: (response) =>
				expect(JSON.stringify(response.body)).not.toContain(lmsSamples.TEACHABLE_API_KEY),
		},
		{
			name: 'the object form of the same completion is a reported duplicate',
			...teachableDelivery(teachableEnrollment(2)),
			expect: { status: 200, body: { status: 'duplicate' } },
		},
		{
			name: 'another event type is refused (422)',
			...teachableDelivery(teachableEnrollment(3, 'Sale.created')),
			expect: { status: 422, body: { reason: 'unknown_event', field: 'type' } },
		},
		{
			name: 'an unsigned delivery is refused (401) before the body is read',
			...lmsSender.teachable(teachableEnrollment(4)),
			expect: { status: 401, body: { reason: 'missing_signature' } },
		},
	],
};
