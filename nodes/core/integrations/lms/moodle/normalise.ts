import { nullPrototypeRecord } from '../../../domain/safe-keys';
import type { NormaliseResult } from '../result';
import { reject } from '../result';
import type { Value } from '../values';
import {
	at,
	describe,
	idAt,
	isObject,
	keyed,
	optionalText,
	refuseReservedKeys,
	utcFromUnixSeconds,
} from '../values';

export const MOODLE_COMPLETION_EVENT = '\\core\\event\\course_completed';

/**
 * Reads a Moodle webhook body. The local_webhooks plugin posts the event as JSON, but its newer
 * versions hand a PHP array to Moodle's curl, which form-encodes it (other[relateduserid]=57).
 * The shared token travels inside the body, so this runs BEFORE authentication: it only builds
 * own properties (JSON.parse, null-prototype objects for forms) and judges nothing. Reserved
 * keys such as __proto__ are refused after the token check, by normaliseMoodle.
 */
export function parseMoodleBody(text: string, contentType: string | undefined): Value<unknown> {
	if (text.trim() === '') return reject('empty_body', '(body)', 'The request body is empty');
	if ((contentType ?? '').toLowerCase().includes('application/x-www-form-urlencoded')) {
		return { ok: true, value: parsePhpForm(text) };
	}
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		return reject(
			'malformed_json',
			'(body)',
			`The body is not valid JSON (${(error as Error).message})`,
		);
	}
}

/** Null-prototype objects throughout: `__proto__[email]=x` becomes data, never a prototype. */
function parsePhpForm(text: string): Record<string, unknown> {
	const result = nullPrototypeRecord<unknown>();
	for (const [key, value] of new URLSearchParams(text)) {
		const nested = /^([^[]+)\[([^\]]*)\]$/.exec(key);
		if (nested) {
			const inner = isObject(result[nested[1]])
				? (result[nested[1]] as Record<string, unknown>)
				: nullPrototypeRecord<unknown>();
			inner[nested[2]] = value;
			result[nested[1]] = inner;
		} else result[key] = value;
	}
	return result;
}

/**
 * Moodle `\core\event\course_completed` → one CompletionEvent. Cron raises the event, so `userid`
 * is the system user: the learner is `relateduserid`. timecreated is unix seconds.
 */
export function normaliseMoodle(body: unknown): NormaliseResult {
	if (!isObject(body)) return reject('wrong_type', '(body)', 'The body must be a JSON object');
	const safe = refuseReservedKeys(body);
	if (!safe.ok) return safe;
	if (body.eventname !== MOODLE_COMPLETION_EVENT) {
		return reject(
			'unknown_event',
			'eventname',
			`Unsupported Moodle event ${describe(body.eventname)}: subscribe the webhook to ${MOODLE_COMPLETION_EVENT} only`,
		);
	}
	const learnerId = at(body, 'relateduserid') ?? at(body, 'other.relateduserid');
	const learner = idAt({ v: learnerId }, 'v', 'The learner id (relateduserid)');
	if (!learner.ok) return { ...learner, field: 'relateduserid' };
	const course = idAt(body, 'courseid', 'The course id');
	if (!course.ok) return course;
	const completedAt = utcFromUnixSeconds(body, 'timecreated');
	if (!completedAt.ok) return completedAt;
	const completionId = optionalText(body, 'objectid');
	const original = at(body, 'timecreated');
	const result = keyed({
		source: 'moodle',
		sourceEventId: completionId && `course_completions:${completionId}`,
		learner: { id: learner.value },
		course: { id: course.value },
		completedAt: completedAt.value,
		completedAtOriginal: typeof original === 'string' ? Number(original) : (original as number),
		raw: withoutToken(body),
	});
	return result.ok ? { ok: true, completions: [result.value] } : result;
}

/** The plugin puts the shared token in the body; it must not travel on in the item. */
export function withoutToken(body: Record<string, unknown>): Record<string, unknown> {
	const copy = { ...body };
	delete copy.token;
	return copy;
}
