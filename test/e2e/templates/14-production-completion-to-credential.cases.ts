// Template 14 in the generic template suite: its signed Moodle trigger refuses an unsigned
// delivery. The go-live scenarios run in test/e2e/production-template.test.ts.
import type { TemplateCase } from '../support/cases';
import * as lmsSender from '../../simulators/lms/webhook-sender';

const delivery = lmsSender.moodle(
	{
		eventname: '\\core\\event\\course_completed',
		courseid: 12,
		relateduserid: 57,
		other: { relateduserid: 57 },
		timecreated: 1_780_000_000,
	},
	{ token: 'not-the-token-123' },
);

export const cases: TemplateCase = {
	requests: [
		{
			name: 'a completion with a wrong Moodle token is refused (401)',
			body: delivery.body,
			headers: delivery.headers,
			expect: { status: 401, body: { reason: 'bad_signature' } },
		},
	],
};
