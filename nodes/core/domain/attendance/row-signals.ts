import type { AttendanceSignal, IdentityBasis, RowError, SignalKind } from '../model';
import { isValidTimeZone, tooLongMessage } from '../model';
import { describeValue } from '../rules/issues';
import {
	cellLimit,
	expectedColumns,
	kindFromWord,
	type AttendanceField,
	type ColumnMap,
} from './columns';
import type { ParsedSchedule, ScheduledSession } from './schedule';
import { parseTimeValue, type DateOrder } from './time-values';

/** How much a reviewer can lean on each kind of evidence when sources disagree. */
export const DEFAULT_CONFIDENCE: Record<SignalKind, number> = {
	manual: 1,
	poll_answer: 1,
	check_in: 0.95,
	check_out: 0.95,
	join: 0.95,
	leave: 0.95,
	scan: 0.9,
	heartbeat: 0.8,
};

export interface RowContext {
	schedule: ParsedSchedule;
	/** Session ids by lower-cased title, so a "Session Name" column also finds its session. */
	sessionsByTitle: Map<string, string>;
	source: string;
	defaultKind?: SignalKind;
	confidence?: number;
	/** Every row belongs to this session (e.g. one Zoom report per webinar). */
	sessionId?: string;
	/** Zone for times without an offset when the row's session is unknown. */
	timezone: string;
	dateOrder: DateOrder;
	/** Email, registrant id or name key -> attendee id, to join sources on one person. */
	identityMap?: Record<string, string>;
	includeRaw: boolean;
}

export type RowOutcome =
	| { signals: AttendanceSignal[] }
	| { error: RowError }
	| { skipped: string };

const FALSE_WORDS = new Set(['no', 'n', 'false', '0', 'f']);
const TIME_ONLY = /^\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp][Mm])?$/;

class RowFailure extends Error {
	constructor(
		readonly column: string,
		message: string,
	) {
		super(message);
	}
}

/** Turns one row into the signals it states, or says precisely why it cannot. */
export function rowToSignals(
	row: Record<string, unknown>,
	rowNumber: number,
	columns: ColumnMap,
	ctx: RowContext,
): RowOutcome {
	try {
		return convert(row, rowNumber, columns, ctx);
	} catch (error) {
		if (error instanceof RowFailure) {
			return { error: { row: rowNumber, column: error.column, message: error.message } };
		}
		throw error;
	}
}

function convert(
	row: Record<string, unknown>,
	rowNumber: number,
	columns: ColumnMap,
	ctx: RowContext,
): RowOutcome {
	const cell = (field: AttendanceField): string | undefined => {
		const column = columns[field];
		// Own cells only: a column named "constructor" must not read Object's constructor.
		const value =
			column !== undefined && Object.prototype.hasOwnProperty.call(row, column)
				? row[column]
				: undefined;
		if (value === undefined || value === null) return undefined;
		if (typeof value === 'object' || typeof value === 'function') {
			throw new RowFailure(
				columnName(field),
				`received ${describeValue(value)}; expected text, a number or a time`,
			);
		}
		const text = typeof value === 'string' ? value.trim() : String(value);
		const limit = cellLimit(field);
		if (text.length > limit) {
			throw new RowFailure(columnName(field), tooLongMessage(text.length, limit));
		}
		return text === '' ? undefined : text;
	};
	const columnName = (field: AttendanceField): string => columns[field] ?? field;

	const checkedIn = cell('checkedIn');
	if (checkedIn !== undefined && FALSE_WORDS.has(checkedIn.toLowerCase())) {
		return { skipped: `column "${columnName('checkedIn')}" says the attendee did not check in` };
	}
	const who = identify(cell, columnName, ctx);
	const session = sessionOf(cell('sessionId'), columnName('sessionId'), ctx);
	const zone = session?.zone ?? zoneOf(cell('timezone'), columnName('timezone'), ctx.timezone);
	const notes = new Map<AttendanceField, AttendanceSignal['timeNote']>();
	const time = (field: AttendanceField): number | undefined => {
		let text = cell(field);
		if (text === undefined) return undefined;
		const date = cell('date');
		if (date !== undefined && TIME_ONLY.test(text)) text = `${date} ${text}`;
		const parsed = parseTimeValue(text, zone, ctx.dateOrder);
		if (!parsed.ok) throw new RowFailure(columnName(field), parsed.message);
		notes.set(field, parsed.note);
		return parsed.ms;
	};

	const base = (kind: SignalKind, at: number, field: AttendanceField): AttendanceSignal => {
		const signal: AttendanceSignal = {
			attendeeId: who.attendeeId,
			kind,
			at: new Date(at).toISOString(),
			source: cell('source') ?? ctx.source,
			confidence: confidenceOf(cell('confidence'), columnName('confidence'), ctx, kind),
			identity: who.identity,
			row: rowNumber,
		};
		if (session) signal.sessionId = session.id;
		const room = cell('room');
		if (room !== undefined) signal.room = room;
		const note = notes.get(field);
		if (note) signal.timeNote = note;
		if (ctx.includeRaw) signal.raw = row;
		return signal;
	};
	const pair = (
		inField: AttendanceField,
		outField: AttendanceField,
		kinds: [SignalKind, SignalKind],
	) => {
		const inAt = time(inField);
		const outAt = time(outField);
		if (inAt !== undefined && outAt !== undefined && outAt < inAt) {
			throw new RowFailure(
				columnName(outField),
				`received "${cell(outField)}", which is before "${cell(inField)}" in column "${columnName(inField)}"; expected an end after the start`,
			);
		}
		const signals: AttendanceSignal[] = [];
		if (inAt !== undefined) signals.push(base(kinds[0], inAt, inField));
		if (outAt !== undefined) signals.push(base(kinds[1], outAt, outField));
		if (signals.length === 2) {
			const segmentId = `${signals[0].source}#${rowNumber}`;
			for (const signal of signals) signal.segmentId = segmentId;
		}
		return { signals };
	};

	if (cell('checkIn') !== undefined || cell('checkOut') !== undefined) {
		return pair('checkIn', 'checkOut', ['check_in', 'check_out']);
	}
	if (cell('joinTime') !== undefined || cell('leaveTime') !== undefined) {
		return pair('joinTime', 'leaveTime', ['join', 'leave']);
	}
	const kindText = cell('kind');
	const kind = kindText === undefined ? (ctx.defaultKind ?? 'scan') : kindFromWord(kindText);
	if (kind === undefined) {
		throw new RowFailure(
			columnName('kind'),
			`received "${kindText}"; expected a kind such as check-in, check-out, scan, join, leave, heartbeat, poll or manual`,
		);
	}
	if (kind === 'manual') return { signals: [manualSignal(time, base, session, columnName)] };
	const at = time('time');
	if (at === undefined) {
		throw new RowFailure(
			columnName('time'),
			`missing; expected a time (a column such as ${expectedColumns('time')}, ${expectedColumns('checkIn')} or ${expectedColumns('joinTime')})`,
		);
	}
	const signal = base(kind, at, 'time');
	if (kind === 'poll_answer') {
		const pollId = cell('pollId');
		if (pollId === undefined) {
			throw new RowFailure(
				columnName('pollId'),
				`missing; expected the poll id or question (${expectedColumns('pollId')})`,
			);
		}
		signal.pollId = pollId;
		const answered = cell('answered');
		signal.answered =
			answered !== undefined
				? !FALSE_WORDS.has(answered.toLowerCase())
				: cell('answer') !== undefined;
	}
	return { signals: [signal] };
}

/** A moderator's confirmation: a window from/until, or without times the whole session. */
function manualSignal(
	time: (field: AttendanceField) => number | undefined,
	base: (kind: SignalKind, at: number, field: AttendanceField) => AttendanceSignal,
	session: ScheduledSession | undefined,
	columnName: (field: AttendanceField) => string,
): AttendanceSignal {
	const from = time('from');
	const until = time('until');
	if (from !== undefined && until !== undefined && until <= from) {
		throw new RowFailure(
			columnName('until'),
			'received an end that is not after the start; expected an end after the start',
		);
	}
	const at = time('time') ?? from ?? session?.startMs;
	if (at === undefined) {
		throw new RowFailure(
			columnName('sessionId'),
			'missing; a confirmation without times needs a known session to cover',
		);
	}
	const signal = base('manual', at, 'time');
	if (from !== undefined) signal.from = new Date(from).toISOString();
	if (until !== undefined) signal.until = new Date(until).toISOString();
	return signal;
}

function identify(
	cell: (field: AttendanceField) => string | undefined,
	columnName: (field: AttendanceField) => string,
	ctx: RowContext,
): { attendeeId: string; identity: IdentityBasis } {
	const mapped = (key: string): string | undefined =>
		ctx.identityMap && Object.prototype.hasOwnProperty.call(ctx.identityMap, key)
			? ctx.identityMap[key]
			: undefined;
	const id = cell('attendeeId');
	if (id !== undefined) return { attendeeId: mapped(id) ?? id, identity: 'id' };
	const email = cell('email')?.toLowerCase();
	if (email !== undefined)
		return { attendeeId: mapped(email) ?? email, identity: mapped(email) ? 'id' : 'email' };
	const registrant = cell('registrantId');
	if (registrant !== undefined) {
		return {
			attendeeId: mapped(registrant) ?? `registrant:${registrant}`,
			identity: mapped(registrant) ? 'id' : 'registrant',
		};
	}
	const name = cell('name') ?? [cell('firstName'), cell('lastName')].filter(Boolean).join(' ');
	if (name !== '') {
		const key = `name:${name.toLowerCase().replace(/\s+/g, ' ')}`;
		return { attendeeId: mapped(key) ?? key, identity: mapped(key) ? 'id' : 'name' };
	}
	throw new RowFailure(
		columnKnown(columnName, 'attendeeId') || !columnKnown(columnName, 'email')
			? columnName('attendeeId')
			: columnName('email'),
		`missing; expected an attendee id, email, registrant id or name (${expectedColumns('attendeeId')}, ${expectedColumns('email')})`,
	);
}

function columnKnown(
	columnName: (field: AttendanceField) => string,
	field: AttendanceField,
): boolean {
	return columnName(field) !== field;
}

function sessionOf(
	value: string | undefined,
	column: string,
	ctx: RowContext,
): ScheduledSession | undefined {
	const wanted = value ?? ctx.sessionId;
	if (wanted === undefined) return undefined;
	const session =
		ctx.schedule.sessions.get(wanted) ??
		ctx.schedule.sessions.get(ctx.sessionsByTitle.get(wanted.toLowerCase()) ?? '');
	if (!session) {
		throw new RowFailure(
			value === undefined ? 'sessionId' : column,
			`received unknown session id ${JSON.stringify(wanted)}; expected one of the schedule's session ids or titles`,
		);
	}
	return session;
}

function zoneOf(value: string | undefined, column: string, fallback: string): string {
	if (value === undefined) return fallback;
	if (!isValidTimeZone(value)) {
		throw new RowFailure(
			column,
			`received ${JSON.stringify(value)}; expected an IANA time zone such as Europe/Berlin`,
		);
	}
	return value;
}

function confidenceOf(
	value: string | undefined,
	column: string,
	ctx: RowContext,
	kind: SignalKind,
): number {
	if (value === undefined) return ctx.confidence ?? DEFAULT_CONFIDENCE[kind];
	const number = Number(value);
	if (!Number.isFinite(number) || number < 0 || number > 1) {
		throw new RowFailure(
			column,
			`received ${JSON.stringify(value)}; expected a confidence between 0 and 1`,
		);
	}
	return number;
}
