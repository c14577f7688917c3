import type { KeyedCompletion, NormaliseResult } from '../result';
import { reject } from '../result';
import { at, describe, idAt, isObject, keyed, optionalText, utcFromIso } from '../values';

export const TEACHABLE_COMPLETION_EVENT = 'Enrollment.completed';

/**
 * Teachable webhook → CompletionEvents. The school's "wrap payload in an array" setting sends
 * `[ {...} ]` instead of `{...}`, so both are read; each element is one delivery.
 */
export function normaliseTeachable(body: unknown): NormaliseResult {
	const deliveries = Array.isArray(body) ? body : [body];
	if (deliveries.length === 0) return reject('empty_body', '(body)', 'The body is an empty array');
	const completions: KeyedCompletion[] = [];
	for (const [index, delivery] of deliveries.entries()) {
		const prefix = Array.isArray(body) ? `${index}.` : '';
		const one = normaliseOne(delivery, prefix);
		if (!one.ok) return one;
		completions.push(one.value);
	}
	return { ok: true, completions };
}

function normaliseOne(
	delivery: unknown,
	prefix: string,
): { ok: true; value: KeyedCompletion } | Exclude<NormaliseResult, { ok: true }> {
	if (!isObject(delivery)) {
		return reject('wrong_type', prefix || '(body)', 'Each delivery must be a JSON object');
	}
	if (delivery.type !== TEACHABLE_COMPLETION_EVENT) {
		return reject(
			'unknown_event',
			`${prefix}type`,
			`Unsupported Teachable event ${describe(delivery.type)}: select only ${TEACHABLE_COMPLETION_EVENT} for this webhook`,
		);
	}
	if (!isObject(delivery.object)) {
		return reject('missing_field', `${prefix}object`, 'The enrollment is missing (field "object")');
	}
	const learner = idAt(
		{ v: at(delivery, 'object.user.id') ?? at(delivery, 'object.user_id') },
		'v',
		'The learner id',
	);
	if (!learner.ok) return { ...learner, field: `${prefix}object.user_id` };
	const course = idAt(
		{ v: at(delivery, 'object.course.id') ?? at(delivery, 'object.course_id') },
		'v',
		'The course id',
	);
	if (!course.ok) return { ...course, field: `${prefix}object.course_id` };
	const completedAt = utcFromIso(delivery, 'object.completed_at');
	if (!completedAt.ok) return { ...completedAt, field: `${prefix}${completedAt.field}` };

	return keyed({
		source: 'teachable',
		sourceEventId: optionalText(delivery, 'hook_event_id') ?? optionalText(delivery, 'id'),
		learner: {
			id: learner.value,
			email: optionalText(delivery, 'object.user.email'),
			name: optionalText(delivery, 'object.user.name'),
		},
		course: { id: course.value, name: optionalText(delivery, 'object.course.name') },
		completedAt: completedAt.value,
		completedAtOriginal: at(delivery, 'object.completed_at') as string,
		raw: delivery,
	});
}
