import type { LearnerRecord, LearnerRecordSource } from '../enrichment';
import type { KeyedCompletion, LmsReject } from '../result';
import { percentScore } from '../score';
import { keyed, utcFromIso } from '../values';
import type { CanvasCourse, CanvasProgress, CanvasRestClient } from './rest-client';
import { TransportFailure } from '../../platforms/transport/http-transport';
import { CanvasApiError } from './rest-errors';

export interface CanvasPollOptions {
	/** Course ids to read; empty = every course the token's user is enrolled in (e.g. teaches). */
	courseIds: string[];
	/** Per-learner progress requests in flight at once (fallback path only). */
	concurrency?: number;
}

export interface CanvasPollResult {
	completions: KeyedCompletion[];
	/** Things skipped on the way, one sentence each, for the log. */
	warnings: string[];
}

const SKIPPABLE: Partial<Record<string, string>> = {
	not_module_based: 'has no module requirements',
	forbidden: "does not let the token's user read progress",
};

/**
 * Reads every completed (learner, course) pair: Canvas dates a completion in CourseProgress
 * (`completed_at`, set when the last module requirement is met). Per course and poll:
 * 1 request for the course, then ceil(students / 100) pages of bulk_user_progress. Where that
 * endpoint is missing (404), it falls back to the documented per-learner route: ceil(students /
 * 100) enrollment pages plus one progress request per student. Score, time on task and email are
 * not here: the trigger looks them up only for the completions it is about to emit
 * (canvasLearnerRecords), so an unchanged course costs no enrollment reads.
 */
export async function fetchCanvasCompletions(
	client: CanvasRestClient,
	options: CanvasPollOptions,
): Promise<CanvasPollResult> {
	const warnings: string[] = [];
	const allCourses = options.courseIds.length === 0;
	const courses = allCourses
		? await client.courses()
		: await Promise.all(options.courseIds.map((id) => client.course(id)));
	if (allCourses && courses.length === 0) {
		warnings.push(
			'The token’s user is enrolled in no course (admins often are not): choose the courses to watch',
		);
	}
	const completions: KeyedCompletion[] = [];
	for (const course of courses) {
		let rows: Array<{ id: string; name?: string; progress?: CanvasProgress }>;
		try {
			rows = await progressRows(client, course, options.concurrency ?? 4);
		} catch (error) {
			// "Every course" includes courses without modules and courses the token's user only
			// studies in: skip those; a course the user named stops the poll with the fix.
			const skip =
				allCourses && error instanceof CanvasApiError ? SKIPPABLE[error.kind] : undefined;
			if (skip === undefined) throw error;
			warnings.push(`Course ${course.id} ${skip}; skipped`);
			continue;
		}
		for (const row of rows) {
			const result = canvasProgressCompletion(course, { id: row.id, name: row.name }, row.progress);
			if (result === null) continue;
			if ('ok' in result) {
				warnings.push(
					`Completion of learner ${row.id} in course ${course.id} skipped: ${result.message}`,
				);
			} else completions.push(result);
		}
	}
	return { completions, warnings };
}

async function progressRows(client: CanvasRestClient, course: CanvasCourse, concurrency: number) {
	try {
		return (await client.bulkUserProgress(course.id)).map((row) => ({
			id: row.id,
			name: row.display_name,
			progress: row.progress,
		}));
	} catch (error) {
		if (!(error instanceof CanvasApiError) || error.kind !== 'not_found') throw error;
	}
	// No bulk endpoint on this Canvas: one CourseProgress per student (the course exists).
	const students = await client.enrollments(course.id);
	const rows: Array<{ id: string; name?: string; progress?: CanvasProgress }> = [];
	let next = 0;
	const worker = async () => {
		while (next < students.length) {
			const student = students[next++];
			rows.push({
				id: student.userId,
				name: student.user.name,
				progress: await client.userProgress(course.id, student.userId),
			});
		}
	};
	await Promise.all(
		Array.from({ length: Math.max(1, Math.min(concurrency, students.length)) }, worker),
	);
	return rows;
}

/**
 * One learner's CourseProgress → a CompletionEvent keyed exactly as the Live Events trigger keys
 * the same completion (canvas | local user id | course id | completed_at in UTC seconds), so a
 * workflow fed by both sees one completion. null while the course is not complete.
 */
export function canvasProgressCompletion(
	course: CanvasCourse,
	learner: { id: string; name?: string },
	progress: CanvasProgress | undefined,
): KeyedCompletion | LmsReject | null {
	if (!progress || progress.completed_at === null || progress.completed_at === undefined)
		return null;
	const completedAt = utcFromIso(progress, 'completed_at');
	if (!completedAt.ok) return completedAt;
	const result = keyed({
		source: 'canvas',
		learner: { id: learner.id, name: learner.name },
		course: { id: course.id, name: course.name },
		completedAt: completedAt.value,
		completedAtOriginal: progress.completed_at,
		raw: { course_id: course.id, user_id: learner.id, progress },
	});
	return result.ok ? result.value : result;
}

/**
 * The learner's enrollment in the course, read for a completion about to be emitted (push or
 * poll): final score (a percentage) on the 0-100 scale, total_activity_time (seconds, the only
 * time-on-task figure Canvas gives) as minutes, name, and email [include[]=email INFERRED].
 */
export function canvasLearnerRecords(client: CanvasRestClient): LearnerRecordSource {
	return {
		name: 'canvas rest api',
		async fetch(event): Promise<LearnerRecord> {
			let enrollment;
			try {
				[enrollment] = await client.enrollments(event.course.id, event.learner.id);
			} catch (error) {
				throw withFix(error);
			}
			if (!enrollment) {
				throw new Error(
					`Canvas lists no active or completed student enrollment of learner ${event.learner.id} in course ${event.course.id}: check the learner is still enrolled`,
				);
			}
			const seconds = enrollment.totalActivitySeconds;
			return {
				learner: { name: enrollment.user.name, email: enrollment.user.email },
				score:
					enrollment.finalScore === undefined ? undefined : percentScore(enrollment.finalScore),
				timeSpentMinutes:
					seconds === undefined ? undefined : Math.round((seconds / 60) * 100) / 100,
			};
		},
	};
}

/** Lookup failures are shown in `enrichment.errors`: the problem and the fix, never a URL. */
function withFix(error: unknown): Error {
	if (error instanceof CanvasApiError) return new Error(`${error.message}. ${error.fix}`);
	if (error instanceof TransportFailure) {
		return new Error(
			`Could not reach Canvas (${error.message}): check the Canvas URL in the Canvas API credential and that the site is up`,
		);
	}
	return error instanceof Error ? error : new Error(String(error));
}
