import type { KeyedCompletion, NormaliseResult } from '../result';
import { reject } from '../result';
import { at, describe, idAt, isObject, keyed, optionalText, utcFromNaiveUtc } from '../values';

export const DOCEBO_COMPLETION_EVENT = 'course.enrollment.completed';
/** Docebo groups events of one type, at most 25 per POST. */
export const DOCEBO_MAX_BATCH = 25;

/**
 * Docebo webhook → CompletionEvents. A delivery carries `payload` (one event) or `payloads[]`
 * (a batch). Payloads hold ids only; dates are "YYYY-MM-DD HH:MM:SS" without a zone, read as UTC
 * with the original kept. message_id identifies the delivery, never the completion.
 */
export function normaliseDocebo(body: unknown): NormaliseResult {
	if (!isObject(body)) return reject('wrong_type', '(body)', 'The body must be a JSON object');
	if (body.event !== DOCEBO_COMPLETION_EVENT) {
		return reject(
			'unknown_event',
			'event',
			`Unsupported Docebo event ${describe(body.event)}: the webhook must send ${DOCEBO_COMPLETION_EVENT} only`,
		);
	}
	const batched = Array.isArray(body.payloads);
	const payloads: unknown[] = batched ? (body.payloads as unknown[]) : [body.payload];
	if (batched && payloads.length === 0) {
		return reject('missing_field', 'payloads', 'The batch is empty (field "payloads")');
	}
	if (payloads.length > DOCEBO_MAX_BATCH) {
		return reject(
			'wrong_type',
			'payloads',
			`A Docebo batch holds at most ${DOCEBO_MAX_BATCH} events, this one has ${payloads.length}`,
		);
	}
	const messageId = optionalText(body, 'message_id');
	const completions: KeyedCompletion[] = [];
	for (const [index, payload] of payloads.entries()) {
		const field = batched ? `payloads.${index}` : 'payload';
		if (!isObject(payload)) {
			return reject(
				'missing_field',
				field,
				`The event payload is missing or not an object (field "${field}")`,
			);
		}
		const learner = idAt(payload, 'user_id', 'The learner id');
		if (!learner.ok) return { ...learner, field: `${field}.user_id` };
		const course = idAt(payload, 'course_id', 'The course id');
		if (!course.ok) return { ...course, field: `${field}.course_id` };
		const completedAt = utcFromNaiveUtc(payload, 'completion_date');
		if (!completedAt.ok) return { ...completedAt, field: `${field}.completion_date` };
		const result = keyed({
			source: 'docebo',
			sourceEventId: messageId && (batched ? `${messageId}#${index}` : messageId),
			learner: { id: learner.value },
			course: { id: course.value },
			completedAt: completedAt.value,
			completedAtOriginal: at(payload, 'completion_date') as string,
			raw: batched ? { ...body, payloads: undefined, payload } : body,
		});
		if (!result.ok) return result;
		completions.push(result.value);
	}
	return { ok: true, completions };
}
