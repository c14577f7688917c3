// Template 09 in a real n8n: Moodle course_completed events, form-encoded or JSON, with the grade
// the Moodle simulator adds; wrong tokens and events without a learner are refused.
import type { TemplateCase } from '../support/cases';
import * as lmsSamples from '../../simulators/lms/sample-data';
import * as lmsSender from '../../simulators/lms/webhook-sender';
import { runInstant } from '../support/template-kit';

const moodleEvent = (learner: number | undefined, extra: object = {}) => ({
	eventname: '\\core\\event\\course_completed',
	component: 'core',
	action: 'completed',
	target: 'course',
	objecttable: 'course_completions',
	objectid: 812,
	crud: 'u',
	edulevel: 2,
	contextid: 145,
	contextlevel: 50,
	contextinstanceid: 12,
	userid: 2,
	courseid: 12,
	relateduserid: learner,
	anonymous: 0,
	other: { relateduserid: learner },
	timecreated: Math.floor(Date.parse(runInstant) / 1000),
	host: 'lms.example.edu',
	extra: '',
	...extra,
});
const moodleDelivery = (event: object, options: { token?: string; form?: boolean } = {}) => {
	const delivery = lmsSender.moodle(event, { token: lmsSamples.MOODLE_WEBHOOK_TOKEN, ...options });
	return { body: delivery.body, headers: delivery.headers };
};

export const cases: TemplateCase = {
	requests: [
		{
			name: 'a form-encoded course_completed is verified for relateduserid with the grade Moodle adds (200)',
			...moodleDelivery(moodleEvent(57), { form: true }),
			expect: {
				status: 200,
				body: {
					outcome: 'verified',
					subject: { learnerId: '57', courseId: '12', source: 'moodle' },
					businessKey: `moodle|57|12|${runInstant.slice(0, 19)}Z`,
					// "Add Learner Details": the simulator's course total for learner 57 (86.5 of 100).
					learner: { id: '57', email: 'ana.lima@example.org', name: 'Ana Lima' },
					score: 86.5,
					scoreOriginal: { value: 86.5, min: 0, max: 100, text: '86.50' },
					enrichment: 'enriched',
				},
			},
		},
		{
			name: 'the JSON copy of the same completion is a reported duplicate',
			...moodleDelivery(moodleEvent(57)),
			expect: { status: 200, body: { status: 'duplicate' } },
		},
		{
			name: 'a wrong token is refused (401)',
			...moodleDelivery(moodleEvent(58), { token: 'not-the-token-123' }),
			expect: { status: 401, body: { reason: 'bad_signature' } },
		},
		{
			name: 'an event without relateduserid is refused (422)',
			...moodleDelivery(moodleEvent(undefined)),
			expect: { status: 422, body: { reason: 'missing_field', field: 'relateduserid' } },
		},
	],
};
