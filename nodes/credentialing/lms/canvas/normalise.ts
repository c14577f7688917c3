import type { NormaliseResult } from '../result';
import { reject } from '../result';
import { at, idAt, isObject, keyed, optionalText, utcFromIso } from '../values';

export const CANVAS_COMPLETION_EVENT = 'course_completed';

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
export function normaliseCanvas(event: unknown): NormaliseResult {
	if (!isObject(event) || !isObject(event.metadata)) {
		return reject(
			'missing_field',
			'metadata',
			'Not a Canvas live event (field "metadata" is missing)',
		);
	}
	const name = at(event, 'metadata.event_name');
	if (name !== CANVAS_COMPLETION_EVENT) {
		return reject(
			'unknown_event',
			'metadata.event_name',
			`Unsupported Canvas live event "${String(name)}": subscribe to ${CANVAS_COMPLETION_EVENT} only`,
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
