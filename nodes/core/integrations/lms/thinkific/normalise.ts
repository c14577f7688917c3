import type { NormaliseResult } from '../result';
import { reject } from '../result';
import { at, describe, idAt, isObject, keyed, optionalText, utcFromIso } from '../values';

/** A topic part as sent; anything but text (an object, a list) reads as empty. */
const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

export const THINKIFIC_COMPLETION_TOPIC = 'enrollment.completed';

/**
 * Thinkific webhook envelope {id, resource, action, payload} → one CompletionEvent.
 * The payload carries name and email but no score; percentage_completed is a "0".."100" string
 * here (the Admin API uses 0..1), so it stays in raw and is not read as a score.
 */
export function normaliseThinkific(body: unknown): NormaliseResult {
	if (!isObject(body)) return reject('wrong_type', '(body)', 'The body must be a JSON object');
	const topic = `${textOf(body.resource)}.${textOf(body.action)}`;
	if (topic !== THINKIFIC_COMPLETION_TOPIC) {
		return reject(
			'unknown_event',
			'resource',
			`Unsupported Thinkific topic ${describe(topic)}: subscribe the webhook to ${THINKIFIC_COMPLETION_TOPIC} only`,
		);
	}
	if (!isObject(body.payload)) {
		return reject(
			'missing_field',
			'payload',
			'The enrollment payload is missing (field "payload")',
		);
	}
	const learnerId = at(body, 'payload.user.id') ?? at(body, 'payload.user_id');
	const learner = idAt({ v: learnerId }, 'v', 'The learner id');
	if (!learner.ok) return { ...learner, field: 'payload.user.id' };
	const courseId = at(body, 'payload.course.id') ?? at(body, 'payload.course_id');
	const course = idAt({ v: courseId }, 'v', 'The course id');
	if (!course.ok) return { ...course, field: 'payload.course.id' };
	const completedAt = utcFromIso(body, 'payload.completed_at');
	if (!completedAt.ok) return completedAt;

	const first = optionalText(body, 'payload.user.first_name');
	const last = optionalText(body, 'payload.user.last_name');
	const name = [first, last].filter(Boolean).join(' ') || undefined;
	const result = keyed({
		source: 'thinkific',
		sourceEventId: optionalText(body, 'id'),
		learner: { id: learner.value, email: optionalText(body, 'payload.user.email'), name },
		course: { id: course.value, name: optionalText(body, 'payload.course.name') },
		completedAt: completedAt.value,
		completedAtOriginal: at(body, 'payload.completed_at') as string,
		raw: body,
	});
	return result.ok ? { ok: true, completions: [result.value] } : result;
}
