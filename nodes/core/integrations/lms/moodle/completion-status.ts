import type { KeyedCompletion, LmsReject } from '../result';
import { reject } from '../result';
import { isObject, keyed } from '../values';

/** What the poll knows about the learner and course a completion-status reply belongs to. */
export interface MoodleStatusContext {
	courseId: string;
	courseName?: string;
	user: { id: string; fullname?: string; email?: string };
}

export type MoodleStatusResult = { ok: true; value: KeyedCompletion | null } | LmsReject;

/** aggregation 1 = all criteria, 2 = any criterion (COMPLETION_AGGREGATION_*). */
const AGGREGATION_ANY = 2;

/**
 * One core_completion_get_course_completion_status reply → a CompletionEvent, or null while the
 * course is not complete. The reply has no course-level completion time, only each criterion's
 * `timecompleted` (unix seconds) [INFERRED from the reply shape]: with "all criteria" the course
 * completed when the last criterion did (max), with "any" when the first did (min). Both stay
 * stable once the course is complete, so the business key does not move between polls.
 */
export function normaliseMoodleCompletionStatus(
	reply: unknown,
	context: MoodleStatusContext,
): MoodleStatusResult {
	const status = isObject(reply) ? reply.completionstatus : undefined;
	if (!isObject(status)) {
		return reject(
			'missing_field',
			'completionstatus',
			'The reply has no "completionstatus" object',
		);
	}
	if (status.completed !== true) return { ok: true, value: null };
	const criteria = Array.isArray(status.completions) ? status.completions : [];
	const times = criteria
		.filter((c): c is Record<string, unknown> => isObject(c) && c.complete === true)
		.map((c) => Number(c.timecompleted))
		.filter((t) => Number.isInteger(t) && t > 0);
	if (times.length === 0) {
		// Completed but no time yet: cron has not aggregated it. The next poll will see it.
		return { ok: true, value: null };
	}
	const seconds =
		Number(status.aggregation) === AGGREGATION_ANY ? Math.min(...times) : Math.max(...times);
	const result = keyed({
		source: 'moodle',
		learner: { id: context.user.id, email: context.user.email, name: context.user.fullname },
		course: { id: context.courseId, name: context.courseName },
		completedAt: new Date(seconds * 1000).toISOString(),
		completedAtOriginal: seconds,
		raw: { courseid: context.courseId, userid: context.user.id, ...(reply as object) },
	});
	return result.ok ? { ok: true, value: result.value } : result;
}
