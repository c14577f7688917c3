import { parseIsoInstant, type LocalTimeNote } from '../model';
import { wallTimeToInstant, type WallTime } from './local-time';

/** Order of day and month in slash or dot dates: 06/03/2024 is 3 June (MDY) or 6 March (DMY). */
export type DateOrder = 'MDY' | 'DMY';

export type TimeParseResult =
	| { ok: true; ms: number; note?: LocalTimeNote }
	| { ok: false; message: string };

const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);
const ISO_LOCAL =
	/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/;
const NUMERIC_DATE =
	/^(\d{1,2})[/.](\d{1,2})[/.](\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*([AaPp][Mm])?$/;
const EPOCH = /^\d{9,13}(?:\.\d+)?$/;
const EXPECTED =
	'an ISO-8601 time (2026-05-14T09:05:00Z, 2026-05-14 09:05 in the session time zone), a date such as 05/14/2026 9:05 AM, or epoch seconds or milliseconds';

/**
 * Reads a time cell as attendance exports write it. A time with Z or an offset is an instant;
 * a time without one is a wall time in `zone` (the session's IANA zone, else UTC), converted
 * DST-correctly. Epoch numbers are seconds below 1e11, milliseconds above.
 */
export function parseTimeValue(
	value: unknown,
	zone: string,
	dateOrder: DateOrder,
): TimeParseResult {
	if (typeof value === 'number') return fromEpoch(value);
	if (typeof value !== 'string' || value.trim() === '') {
		return { ok: false, message: `received ${describe(value)}; expected ${EXPECTED}` };
	}
	const text = value.trim();
	if (EPOCH.test(text)) return fromEpoch(Number(text));
	const withOffset = parseIsoInstant(text);
	if (withOffset !== undefined) return inRange(withOffset, text);
	const wall = readWallTime(text, dateOrder);
	if (wall === undefined) return { ok: false, message: `received "${text}"; expected ${EXPECTED}` };
	if (!isRealWallTime(wall)) {
		return { ok: false, message: `received "${text}", which is not a real date and time` };
	}
	const instant = wallTimeToInstant(wall, zone);
	const checked = inRange(instant.ms, text);
	return checked.ok && instant.note ? { ...checked, note: instant.note } : checked;
}

function readWallTime(text: string, dateOrder: DateOrder): WallTime | undefined {
	const iso = ISO_LOCAL.exec(text);
	if (iso) {
		return wallOf(iso[1], iso[2], iso[3], iso[4], iso[5], iso[6], iso[7]);
	}
	const numeric = NUMERIC_DATE.exec(text);
	if (!numeric) return undefined;
	const [first, second] = [numeric[1], numeric[2]];
	const [month, day] = dateOrder === 'MDY' ? [first, second] : [second, first];
	let hour = Number(numeric[4]);
	const meridiem = numeric[8]?.toLowerCase();
	if (meridiem) {
		if (hour < 1 || hour > 12) return undefined;
		hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
	}
	return wallOf(numeric[3], month, day, String(hour), numeric[5], numeric[6], numeric[7]);
}

function wallOf(
	year: string,
	month: string,
	day: string,
	hour: string,
	minute: string,
	second: string | undefined,
	fraction: string | undefined,
): WallTime {
	return {
		year: Number(year),
		month: Number(month),
		day: Number(day),
		hour: Number(hour),
		minute: Number(minute),
		second: second === undefined ? 0 : Number(second),
		millisecond: fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0')),
	};
}

function isRealWallTime(wall: WallTime): boolean {
	if (wall.month < 1 || wall.month > 12 || wall.day < 1) return false;
	if (wall.day > new Date(Date.UTC(wall.year, wall.month, 0)).getUTCDate()) return false;
	return wall.hour <= 23 && wall.minute <= 59 && wall.second <= 59;
}

function fromEpoch(epoch: number): TimeParseResult {
	if (!Number.isFinite(epoch) || epoch <= 0) {
		return {
			ok: false,
			message: `received ${epoch}; expected a positive epoch time or ${EXPECTED}`,
		};
	}
	// 1e11 seconds is the year 5138 and 1e11 milliseconds is 1973: no real scan is ambiguous.
	return inRange(Math.round(epoch < 1e11 ? epoch * 1000 : epoch), String(epoch));
}

function inRange(ms: number, text: string): TimeParseResult {
	if (ms < EARLIEST || ms >= LATEST) {
		return { ok: false, message: `received "${text}"; expected a time between 1990 and 2200` };
	}
	return { ok: true, ms };
}

function describe(value: unknown): string {
	if (value === undefined || value === null) return 'nothing';
	if (typeof value === 'string') return 'an empty cell';
	return `a ${typeof value}`;
}

/**
 * Milliseconds for an ISO instant, exactly as parseIsoInstant reads it (NaN where it gives
 * undefined), fast for the canonical UTC form signals carry (2026-05-14T09:05:00.000Z): plain
 * integer arithmetic, no regular expression and no Date call, so a million signals parse in a
 * few milliseconds. Every other form (offsets, other fractions, spaces) takes the full reader.
 */
export function utcMillis(text: string): number {
	if (
		text.length === 24 &&
		text.charCodeAt(4) === 45 && // -
		text.charCodeAt(7) === 45 &&
		text.charCodeAt(10) === 84 && // T
		text.charCodeAt(13) === 58 && // :
		text.charCodeAt(16) === 58 &&
		text.charCodeAt(19) === 46 && // .
		text.charCodeAt(23) === 90 // Z
	) {
		const year = digits(text, 0, 4);
		const month = digits(text, 5, 7);
		const day = digits(text, 8, 10);
		const hour = digits(text, 11, 13);
		const minute = digits(text, 14, 16);
		const second = digits(text, 17, 19);
		const millis = digits(text, 20, 23);
		// NaN fails every comparison, so a non-digit falls through to the full reader.
		if (
			year >= 1970 &&
			month >= 1 &&
			month <= 12 &&
			day >= 1 &&
			day <= daysInMonth(year, month) &&
			hour <= 23 &&
			minute <= 59 &&
			second <= 59 &&
			millis >= 0
		) {
			return (
				((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 +
				second * 1000 +
				millis
			);
		}
	}
	return parseIsoInstant(text) ?? NaN;
}

function digits(text: string, from: number, to: number): number {
	let value = 0;
	for (let i = from; i < to; i++) {
		const code = text.charCodeAt(i) - 48;
		if (code < 0 || code > 9) return NaN;
		value = value * 10 + code;
	}
	return value;
}

function daysInMonth(year: number, month: number): number {
	if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
	return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const dayOfEra =
		yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146_097 + dayOfEra - 719_468;
}
