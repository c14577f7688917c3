import type { CompletionEvent } from '../../../domain/model/completion-event';
import { LmsApiError } from '../api-errors';
import type { LearnerRecord, LearnerRecordSource } from '../enrichment';
import type { TeachableClient } from './api-client';

/** What the Teachable lookup calls; TeachableClient in n8n, a fake in tests. */
export type TeachableLookup = Pick<TeachableClient, 'user' | 'courseName' | 'progress'>;

/** Failures that make every later call fail too: reported for the whole lookup. */
const fatal = (error: unknown) =>
	!(error instanceof LmsApiError) ||
	error.status === undefined ||
	[401, 403, 429].includes(error.status);

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Teachable's API for what the webhook lacks: the learner's name and email (GET /v1/users/{id},
 * which also lists the learner's courses with names and percent complete), the course name, and
 * a check that the course really stands at 100%. Teachable's enrollment data carries no score
 * (quiz grades come from Response.created deliveries), so none is read here.
 */
export function teachableLearnerRecords(client: TeachableLookup): LearnerRecordSource {
	return {
		name: 'teachable api',
		async fetch(event: CompletionEvent): Promise<LearnerRecord> {
			const record: LearnerRecord = {};
			const errors: NonNullable<LearnerRecord['errors']> = [];
			const learnerId = event.learner.id;
			const courseId = event.course.id;
			let percent: number | undefined;

			if (!event.learner.email || !event.learner.name) {
				// The learner is the point of the lookup: any failure here fails it as a whole.
				const user = await client.user(learnerId);
				record.learner = { email: user.email, name: user.name };
				const enrolment = user.courses.find((c) => c.courseId === courseId);
				record.course = { name: enrolment?.courseName };
				percent = enrolment?.percentComplete;
			}
			if (!event.course.name && !record.course?.name) {
				try {
					record.course = { name: await client.courseName(courseId) };
				} catch (error) {
					if (fatal(error)) throw error;
					errors.push({ step: 'course', message: message(error) });
				}
			}
			if (percent === undefined) {
				try {
					percent = (await client.progress(courseId, learnerId)).percentComplete;
				} catch (error) {
					if (fatal(error)) throw error;
					errors.push({ step: 'progress', message: message(error) });
				}
			}
			if (percent !== undefined && percent < 100) {
				errors.push({
					step: 'progress',
					message: `Teachable shows learner ${learnerId} at ${percent}% of course ${courseId}, not 100%: check the enrollment before issuing`,
				});
			}
			return errors.length > 0 ? { ...record, errors } : record;
		},
	};
}
