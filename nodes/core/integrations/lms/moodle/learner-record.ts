import type { CompletionEvent, Prerequisite } from '../../../domain/model/completion-event';
import { TransportFailure } from '../../platforms/transport/http-transport';
import type { LearnerRecord, LearnerRecordSource } from '../enrichment';
import { normaliseScore, type NormalisedScore } from '../score';
import { isObject } from '../values';
import type { MoodleCourse, MoodleWsClient } from './ws-client';
import { MoodleWsError } from './ws-errors';

/** COMPLETION_CRITERIA_TYPE_COURSE: "completion of other courses" [INFERRED ids, facts §1.3]. */
const CRITERIA_TYPE_COURSE = 8;

/**
 * Refusals that no other step would survive: the token, the site URL or the REST protocol is
 * wrong. They fail the whole lookup; anything else (one function missing from the service, no
 * criteria, not enrolled) costs only its own step.
 */
const WHOLE_LOOKUP = new Set(['invalidtoken', 'http_error', 'not_json']);

type Step = 'learner' | 'course' | 'grade' | 'prerequisites';
type StepResult = Omit<LearnerRecord, 'errors'>;

/**
 * Learner name and email, course name, final grade and prerequisite courses from Moodle's web
 * services. Moodle has no time-on-task figure in any core function [INFERRED, facts §1.3], so
 * timeSpentMinutes is never set. Only what the event lacks is asked for, and course lists are
 * read once per source (one webhook delivery or one poll).
 */
export class MoodleLearnerRecordSource implements LearnerRecordSource {
	readonly name = 'moodle web services';

	private readonly courseCache = new Map<string, Promise<MoodleCourse | undefined>>();

	constructor(private readonly client: MoodleWsClient) {}

	async fetch(event: CompletionEvent): Promise<LearnerRecord> {
		const userId = event.learner.id;
		const courseId = event.course.id;
		const steps: Array<[Step, () => Promise<StepResult>]> = [];
		if (!event.learner.email || !event.learner.name) {
			steps.push(['learner', () => this.learner(userId)]);
		}
		if (!event.course.name) steps.push(['course', () => this.courseName(courseId)]);
		if (event.score === undefined) steps.push(['grade', () => this.grade(courseId, userId)]);
		if (event.prerequisites === undefined) {
			steps.push(['prerequisites', () => this.prerequisites(courseId, userId)]);
		}
		const settled = await Promise.allSettled(steps.map(([, run]) => run()));
		const record: LearnerRecord = {};
		const errors: NonNullable<LearnerRecord['errors']> = [];
		settled.forEach((outcome, index) => {
			const step = steps[index][0];
			if (outcome.status === 'fulfilled') Object.assign(record, outcome.value);
			else errors.push({ step, message: stepMessage(outcome.reason) });
		});
		const fatal = settled.find(
			(outcome): outcome is PromiseRejectedResult =>
				outcome.status === 'rejected' && isWholeLookupFailure(outcome.reason),
		);
		if (fatal) throw new Error(stepMessage(fatal.reason));
		return errors.length > 0 ? { ...record, errors } : record;
	}

	private async learner(userId: string): Promise<StepResult> {
		const user = await this.client.userById(userId);
		if (!user)
			throw new Error(`Moodle has no user with id ${userId} (core_user_get_users_by_field)`);
		const fullname =
			text(user.fullname) ??
			([text(user.firstname), text(user.lastname)].filter(Boolean).join(' ') || undefined);
		return { learner: { email: text(user.email), name: fullname } };
	}

	private async courseName(courseId: string): Promise<StepResult> {
		let cached = this.courseCache.get(courseId);
		if (!cached) {
			cached = this.client.courses([courseId]).then((list) => list.find((c) => c.id === courseId));
			// A failed read is not cached: the next event asks again.
			cached.catch(() => this.courseCache.delete(courseId));
			this.courseCache.set(courseId, cached);
		}
		const course = await cached;
		if (!course)
			throw new Error(
				`Moodle has no course with id ${courseId} that the token's user can see (core_course_get_courses)`,
			);
		return { course: { name: course.fullname ?? course.shortname } };
	}

	private async grade(courseId: string, userId: string): Promise<StepResult> {
		const reply = await this.client.gradeItems(courseId, userId);
		return { score: readCourseTotal(reply, userId) };
	}

	private async prerequisites(courseId: string, userId: string): Promise<StepResult> {
		const reply = await this.client.completionStatus(courseId, userId);
		return { prerequisites: readPrerequisites(reply) };
	}
}

/**
 * The course total of gradereport_user_get_grade_items (the item with itemtype "course"):
 * graderaw on grademin..grademax, put on 0-100 with gradeformatted ("85.00", "B+") kept as text.
 * Undefined while the learner has no course grade (graderaw null).
 */
export function readCourseTotal(reply: unknown, userId: string): NormalisedScore | undefined {
	const usergrades = isObject(reply) && Array.isArray(reply.usergrades) ? reply.usergrades : [];
	const forUser = usergrades.filter(isObject);
	const grades = forUser.find((g) => String(g.userid) === userId) ?? forUser[0];
	const items =
		grades && Array.isArray(grades.gradeitems) ? grades.gradeitems.filter(isObject) : [];
	const total = items.find((item) => item.itemtype === 'course');
	if (!total) {
		throw new Error(
			'Moodle returned no course total for the learner (gradereport_user_get_grade_items has no item of type "course")',
		);
	}
	const raw = numberOf(total.graderaw);
	if (raw === undefined) return undefined;
	const max = numberOf(total.grademax);
	if (max === undefined) {
		throw new Error('The course total has a grade but no grademax, so it cannot be put on 0-100');
	}
	const score = normaliseScore(
		raw,
		{ min: numberOf(total.grademin) ?? 0, max },
		text(total.gradeformatted),
	);
	if (!score) {
		throw new Error(
			`The course total ${raw} is outside its range ${String(total.grademin)}..${max}`,
		);
	}
	return score;
}

/**
 * The "completion of other courses" criteria (type 8) of a completion-status reply. Moodle's
 * title is the generic "Completion of other courses"; the course is named only in
 * details.criteria, a link to course/view.php?id=N, so the id and name come from that link.
 */
export function readPrerequisites(reply: unknown): Prerequisite[] {
	const status = isObject(reply) ? reply.completionstatus : undefined;
	const criteria = isObject(status) && Array.isArray(status.completions) ? status.completions : [];
	const prerequisites: Prerequisite[] = [];
	for (const criterion of criteria.filter(isObject)) {
		if (Number(criterion.type) !== CRITERIA_TYPE_COURSE) continue;
		const details = isObject(criterion.details) ? criterion.details : {};
		const link = String(details.criteria ?? '');
		const id = /[?&](?:amp;)?id=(\d+)/.exec(link)?.[1];
		if (id === undefined) {
			throw new Error(
				`A prerequisite criterion names no course id (details.criteria is ${JSON.stringify(link.slice(0, 80))})`,
			);
		}
		const complete = criterion.complete === true;
		const seconds = Number(criterion.timecompleted);
		prerequisites.push({
			courseId: id,
			name: linkText(link) ?? text(criterion.title),
			status: complete ? 'completed' : 'incomplete',
			...(complete && Number.isInteger(seconds) && seconds > 0
				? { completedAt: new Date(seconds * 1000).toISOString() }
				: {}),
		});
	}
	return prerequisites;
}

function isWholeLookupFailure(error: unknown): boolean {
	return (
		error instanceof TransportFailure ||
		(error instanceof MoodleWsError && WHOLE_LOOKUP.has(error.errorcode))
	);
}

/**
 * A step's failure as users read it: Moodle's refusal with the function, the code and the fix.
 * Never a URL: the token travels in the query string.
 */
function stepMessage(error: unknown): string {
	if (error instanceof MoodleWsError) {
		return `Moodle refused ${error.wsfunction}: ${error.message} [${error.errorcode}]. ${error.fix}.`;
	}
	if (error instanceof TransportFailure) {
		return `Could not reach Moodle (${error.message}): check the Moodle API credential's Site URL and that the site is up.`;
	}
	return error instanceof Error ? error.message : String(error);
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	'#039': "'",
	'#39': "'",
};

/**
 * The text of `<a href="...">Name</a>`, HTML entities decoded (Moodle escapes it with s()).
 * Tags are found with [^<>] and the end by a search from the tag: a lazy `[\s\S]*?<\/a>` or `[^>]*` rescans
 * the rest of the text from every "<a" or "<", which is quadratic on a long reply.
 */
function linkText(html: string): string | undefined {
	const open = /<a\b[^<>]*>/i.exec(html);
	if (!open) return undefined;
	const start = open.index + open[0].length;
	const close = /<\/a>/gi;
	close.lastIndex = start;
	const end = close.exec(html);
	if (!end) return undefined;
	return text(
		html
			.slice(start, end.index)
			.replace(/<[^<>]+>/g, '')
			.replace(/&(amp|lt|gt|quot|#0?39);/g, (_, e: string) => ENTITIES[e]),
	);
}

function numberOf(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
		return Number(value);
	}
	return undefined;
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
