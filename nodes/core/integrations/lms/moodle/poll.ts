import type { KeyedCompletion } from '../result';
import { normaliseMoodleCompletionStatus } from './completion-status';
import type { MoodleCourse, MoodleUser, MoodleWsClient } from './ws-client';
import { MoodleWsError } from './ws-errors';

export interface MoodlePollOptions {
	/** Course ids to read; empty = every course the token can see that tracks completion. */
	courseIds: string[];
	/** Completion-status requests in flight at once (each is one learner in one course). */
	concurrency?: number;
}

export interface MoodlePollResult {
	completions: KeyedCompletion[];
	/** Things skipped on the way, one sentence each, for the log. */
	warnings: string[];
}

/** Per-learner refusals that are not the poll's fault: the enrolment changed between calls. */
const SKIP_LEARNER = new Set(['notenroled', 'usernotenroled']);

/** Refusals of core_course_get_courses that only cost the course names. */
const NAMES_OPTIONAL = new Set([
	'accessexception',
	'webservice_access_exception',
	'servicenotavailable',
	'nopermissions',
	'invalidrecord',
]);

/**
 * Reads every completed (learner, course) pair. Core Moodle has no "completions since T"
 * function, so this follows the facts sheet's polling strategy [INFERRED there]: the course's
 * active enrolments (core_enrol_get_enrolled_users), then each learner's
 * core_completion_get_course_completion_status. The cursor, not this function, decides what is new.
 */
export async function fetchMoodleCompletions(
	client: MoodleWsClient,
	options: MoodlePollOptions,
): Promise<MoodlePollResult> {
	const warnings: string[] = [];
	const allCourses = options.courseIds.length === 0;
	const courses = allCourses ? await trackedCourses(client) : await namedCourses(client, options);
	const completions: KeyedCompletion[] = [];
	for (const course of courses) {
		try {
			const users = await client.enrolledUsers(course.id);
			await eachLimited(users, options.concurrency ?? 4, async (user) => {
				const found = await learnerCompletion(client, course, user, warnings);
				if (found) completions.push(found);
			});
		} catch (error) {
			// A course without criteria is a setup matter, not a learner's: with "all courses"
			// skip it; a course the user named explicitly stops the poll with the fix.
			if (allCourses && error instanceof MoodleWsError && error.errorcode === 'nocriteriaset') {
				warnings.push(`Course ${course.id} has no completion criteria; skipped`);
				continue;
			}
			throw inCourse(error, course.id);
		}
	}
	return { completions, warnings };
}

async function learnerCompletion(
	client: MoodleWsClient,
	course: MoodleCourse,
	user: MoodleUser,
	warnings: string[],
): Promise<KeyedCompletion | undefined> {
	let reply: unknown;
	try {
		reply = await client.completionStatus(course.id, user.id);
	} catch (error) {
		if (error instanceof MoodleWsError && SKIP_LEARNER.has(error.errorcode)) {
			warnings.push(`Learner ${user.id} is no longer enrolled in course ${course.id}; skipped`);
			return undefined;
		}
		throw error;
	}
	const result = normaliseMoodleCompletionStatus(reply, {
		courseId: course.id,
		courseName: course.fullname,
		user,
	});
	if (!result.ok) {
		warnings.push(
			`Completion of learner ${user.id} in course ${course.id} skipped: ${result.message}`,
		);
		return undefined;
	}
	return result.value ?? undefined;
}

/** Every visible course except the site front page and courses that do not track completion. */
async function trackedCourses(client: MoodleWsClient): Promise<MoodleCourse[]> {
	return (await client.courses()).filter(
		(c) => c.format !== 'site' && c.id !== '1' && c.enablecompletion !== 0,
	);
}

/** The named courses, with their names when the token may list them. */
async function namedCourses(
	client: MoodleWsClient,
	options: MoodlePollOptions,
): Promise<MoodleCourse[]> {
	let known: MoodleCourse[] = [];
	try {
		known = await client.courses();
	} catch (error) {
		// Names are a nicety; a token without core_course_get_courses can still poll by id.
		if (!(error instanceof MoodleWsError) || !NAMES_OPTIONAL.has(error.errorcode)) throw error;
	}
	return options.courseIds.map((id) => known.find((c) => c.id === id) ?? { id });
}

function inCourse(error: unknown, courseId: string): unknown {
	if (!(error instanceof MoodleWsError)) return error;
	const named = new MoodleWsError({
		wsfunction: error.wsfunction,
		exception: error.exception,
		errorcode: error.errorcode,
		message: `${error.message} (course ${courseId})`,
	});
	return named;
}

async function eachLimited<T>(
	items: T[],
	limit: number,
	work: (item: T) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < items.length) await work(items[next++]);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
