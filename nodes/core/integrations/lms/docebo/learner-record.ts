import type { CompletionEvent } from '../../../domain/model/completion-event';
import { LmsApiError } from '../api-errors';
import type { LearnerRecord, LearnerRecordSource } from '../enrichment';
import { percentScore } from '../score';
import type { DoceboClient } from './api-client';

/** What the Docebo lookup calls; DoceboClient in n8n, a fake in tests. */
export type DoceboLookup = Pick<DoceboClient, 'user' | 'courseName' | 'enrollment'>;

/** Failures that make every later call fail too: reported for the whole lookup. */
const fatal = (error: unknown) =>
	!(error instanceof LmsApiError) ||
	error.status === undefined ||
	[401, 403, 429].includes(error.status);

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Docebo webhooks carry ids only, so the lookup reads the learner (GET /manage/v1/user/{id}:
 * email, first and last name), the course name (GET /learn/v1/courses/{id}) and the enrollment
 * detail (GET /learn/v1/enrollments/{course}/{user}), which must show the course completed.
 * Score (as a percentage) and time spent (seconds) in that detail are INFERRED fields: used when
 * present, never required.
 */
export function doceboLearnerRecords(client: DoceboLookup): LearnerRecordSource {
	return {
		name: 'docebo api',
		async fetch(event: CompletionEvent): Promise<LearnerRecord> {
			const record: LearnerRecord = {};
			const errors: NonNullable<LearnerRecord['errors']> = [];
			const learnerId = event.learner.id;
			const courseId = event.course.id;
			const step = async (name: string, run: () => Promise<void>) => {
				try {
					await run();
				} catch (error) {
					if (fatal(error)) throw error;
					errors.push({ step: name, message: message(error) });
				}
			};

			if (!event.learner.email || !event.learner.name) {
				// The learner is the point of the lookup: any failure here fails it as a whole.
				record.learner = await client.user(learnerId);
			}
			if (!event.course.name) {
				await step('course', async () => {
					record.course = { name: await client.courseName(courseId) };
				});
			}
			await step('enrollment', async () => {
				const enrollment = await client.enrollment(courseId, learnerId);
				if (enrollment.status !== 'completed' && !enrollment.completeDate) {
					errors.push({
						step: 'completion',
						message: `Docebo's enrollment of user ${learnerId} in course ${courseId} is "${enrollment.status ?? 'unknown'}", not completed: check it in Docebo before issuing`,
					});
				}
				record.score = percentScore(enrollment.score);
				if (enrollment.timeSpentSeconds !== undefined && enrollment.timeSpentSeconds >= 0) {
					record.timeSpentMinutes = Math.round((enrollment.timeSpentSeconds / 60) * 100) / 100;
				}
			});
			return errors.length > 0 ? { ...record, errors } : record;
		},
	};
}
