import type { NormaliseResult } from '../result';
import { reject } from '../result';
import { percentScore } from '../score';
import { at, describe, idAt, isObject, keyed, optionalText, utcFromIso } from '../values';

export const CANVAS_COMPLETION_EVENT = 'course_completed';
export const CANVAS_GRADE_EVENT = 'course_grade_change';

export interface CanvasEventOptions {
	/** Also accept course_grade_change (courses graded without module requirements). */
	gradeChanges?: boolean;
}

/**
 * Where the live event sits in signed-JWT claims: at the top ({metadata, body}) or under one
 * wrapper key. The claim layout is not documented, so the common wrappers are accepted.
 */
export function liveEventFromClaims(claims: Record<string, unknown>): unknown {
	if (isObject(claims.metadata) && isObject(claims.body)) return claims;
	for (const key of ['event', 'data', 'payload']) {
		const inner = claims[key];
		if (isObject(inner) && isObject(inner.metadata)) return inner;
	}
	return claims;
}

/**
 * Canvas live event `course_completed` → one CompletionEvent. body ids are local ("123") while
 * metadata ids are global/sharded ("21070000000000123"): the learner and course are the local ones,
 * which the REST API accepts. The event only exists for courses with module requirements.
 */
export function normaliseCanvas(event: unknown, options: CanvasEventOptions = {}): NormaliseResult {
	if (!isObject(event) || !isObject(event.metadata)) {
		return reject(
			'missing_field',
			'metadata',
			'Not a Canvas live event (field "metadata" is missing)',
		);
	}
	const name = at(event, 'metadata.event_name');
	if (name === CANVAS_GRADE_EVENT && options.gradeChanges) return normaliseGradeChange(event);
	if (name !== CANVAS_COMPLETION_EVENT) {
		const wanted = options.gradeChanges
			? `${CANVAS_COMPLETION_EVENT} or ${CANVAS_GRADE_EVENT}`
			: `${CANVAS_COMPLETION_EVENT} only (or turn on "Include Course Grade Changes")`;
		return reject(
			'unknown_event',
			'metadata.event_name',
			`Unsupported Canvas live event ${describe(name)}: subscribe to ${wanted}`,
		);
	}
	const learner = idAt(event, 'body.user.id', 'The learner id');
	if (!learner.ok) return learner;
	const course = idAt(event, 'body.course.id', 'The course id');
	if (!course.ok) return course;
	const completedAt = utcFromIso(event, 'body.progress.completed_at');
	if (!completedAt.ok) return completedAt;
	const result = keyed({
		source: 'canvas',
		sourceEventId:
			optionalText(event, 'metadata.request_id') ?? optionalText(event, 'metadata.job_id'),
		learner: {
			id: learner.value,
			email: optionalText(event, 'body.user.email'),
			name: optionalText(event, 'body.user.name'),
		},
		course: { id: course.value, name: optionalText(event, 'body.course.name') },
		completedAt: completedAt.value,
		completedAtOriginal: at(event, 'body.progress.completed_at') as string,
		raw: event,
	});
	return result.ok ? { ok: true, completions: [result.value] } : result;
}

/**
 * Canvas live event `course_grade_change` → one event carrying the new final score (a percentage,
 * put on 0-100 with the original kept). It is how graded courses without module requirements
 * signal an outcome. `completedAt` is when the grade changed (body.updated_at), so each regrade
 * is its own event: key the credential on learner and course when issuing from grade changes.
 * The body's ids are taken as local ids like course_completed's [INFERRED: the facts sheet lists
 * the fields, not an example].
 */
function normaliseGradeChange(event: Record<string, unknown>): NormaliseResult {
	const learner = idAt(event, 'body.user_id', 'The learner id');
	if (!learner.ok) return learner;
	const course = idAt(event, 'body.course_id', 'The course id');
	if (!course.ok) return course;
	const changedAt = utcFromIso(event, 'body.updated_at');
	if (!changedAt.ok) return changedAt;
	const finalScore = at(event, 'body.final_score');
	// A removed grade (null) still reaches the workflow, without a score, rather than vanishing.
	const score = typeof finalScore === 'number' ? percentScore(finalScore) : undefined;
	const result = keyed({
		source: 'canvas',
		sourceEventId:
			optionalText(event, 'metadata.request_id') ?? optionalText(event, 'metadata.job_id'),
		learner: { id: learner.value },
		course: { id: course.value },
		completedAt: changedAt.value,
		completedAtOriginal: at(event, 'body.updated_at') as string,
		...(score
			? { score: score.score, maxScore: score.maxScore, scoreOriginal: score.scoreOriginal }
			: {}),
		raw: event,
	});
	return result.ok ? { ok: true, completions: [result.value] } : result;
}
