// Template 01 in a real n8n: the webhook answers each verification outcome with its status code,
// and refuses calls without the webhook token.
import type { TemplateCase } from '../support/cases';
import { guardedByWebhookToken, ruleSet, safeCompletion } from '../support/template-kit';

const subject = { learnerId: '42', courseId: 'SAFE-101', source: 'moodle' };

export const cases: TemplateCase = {
	requests: guardedByWebhookToken(
		() => safeCompletion,
		[
			{
				name: 'a complete record is verified (200)',
				body: safeCompletion,
				expect: { status: 200, body: { outcome: 'verified', subject, ...ruleSet } },
			},
			{
				name: 'a score just under the pass mark needs review (202)',
				body: { ...safeCompletion, score: 79 },
				expect: {
					status: 202,
					body: {
						outcome: 'needs_review',
						reasons: expect.arrayContaining([
							expect.objectContaining({ code: 'SCORE_NEAR_THRESHOLD' }),
						]),
					},
				},
			},
			{
				// Go-live scenario 3: all met except the time threshold is held, not refused.
				name: 'time on task below the minimum needs review (202)',
				body: { ...safeCompletion, timeSpentMinutes: 45 },
				expect: {
					status: 202,
					body: {
						outcome: 'needs_review',
						reasons: expect.arrayContaining([
							expect.objectContaining({
								code: 'TIME_BELOW_MINIMUM',
								detail: expect.stringContaining('45 min is below the minimum of 90 min'),
							}),
						]),
						subject,
						...ruleSet,
					},
				},
			},
			{
				name: 'a missing required module is not eligible (200)',
				body: { ...safeCompletion, modules: safeCompletion.modules.slice(0, 2) },
				expect: {
					status: 200,
					body: {
						outcome: 'not_eligible',
						reasons: expect.arrayContaining([
							expect.objectContaining({ code: 'MODULES_INCOMPLETE' }),
						]),
					},
				},
			},
			{
				name: 'an unusable payload is rejected (422)',
				body: { source: 'moodle', learner: { name: 'No Id' } },
				expect: { status: 422, body: { error: expect.any(String) } },
			},
		],
	),
};
