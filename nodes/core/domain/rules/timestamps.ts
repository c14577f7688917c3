import { parseIsoInstant } from '../model';

/**
 * Epoch numbers below this are seconds, at or above it milliseconds. 1e11 seconds is the year
 * 5138 and 1e11 milliseconds is March 1973, so no real completion time is ambiguous.
 */
const MILLISECONDS_FROM = 1e11;
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export type TimestampResult = { ok: true; utc: string } | { ok: false; expected: string };

const EXPECTED =
	'an ISO-8601 time with Z or an offset (2024-06-03T14:20:10Z, 2024-06-03T16:20:10+02:00) or epoch seconds or milliseconds';

/**
 * Reads a completion time as LMSs send it: ISO-8601 with Z or an offset, or epoch seconds or
 * milliseconds as a number or numeric string. Returns the UTC ISO form.
 */
export function normalizeTimestamp(value: string | number): TimestampResult {
	const text = typeof value === 'string' ? value.trim() : '';
	let millis: number | undefined;
	if (typeof value === 'number' || NUMERIC.test(text)) {
		const epoch = typeof value === 'number' ? value : Number(text);
		// 0 is how several LMSs say "not completed" (Moodle timecompleted), never a real time.
		if (!Number.isFinite(epoch) || epoch <= 0) {
			return { ok: false, expected: `a positive epoch time; ${EXPECTED}` };
		}
		millis = Math.round(epoch < MILLISECONDS_FROM ? epoch * 1000 : epoch);
	} else {
		millis = parseIsoInstant(text);
		if (millis === undefined) {
			const naive = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.test(text);
			return {
				ok: false,
				expected: naive ? `a time zone (the value has no Z or offset); ${EXPECTED}` : EXPECTED,
			};
		}
	}
	if (millis <= 0) return { ok: false, expected: `a time after 1970; ${EXPECTED}` };
	if (millis > LATEST) return { ok: false, expected: `a time before the year 10000; ${EXPECTED}` };
	return { ok: true, utc: new Date(millis).toISOString() };
}
