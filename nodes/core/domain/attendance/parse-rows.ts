import type { AttendanceSignal, RowError, SignalKind } from '../model';
import { resolveColumns, type ColumnMap } from './columns';
import { parseCsv } from './csv';
import { rowToSignals, type RowContext } from './row-signals';
import type { ParsedSchedule } from './schedule';
import { assignSessions } from './session-assignment';
import type { DateOrder } from './time-values';

export interface AttendanceParseOptions {
	schedule: ParsedSchedule;
	/** Label of the source: badge, kiosk, zoom_report, heartbeat, poll, manual... */
	source: string;
	/** Kind of rows without a kind column (default scan; use check_in for kiosks). */
	defaultKind?: SignalKind;
	/** Confidence of every signal of this source, instead of the per-kind default. */
	confidence?: number;
	/** Every row belongs to this session (e.g. one Zoom report per webinar). */
	sessionId?: string;
	/** Zone of times without offset when the row's session is unknown (default: the schedule's). */
	timezone?: string;
	dateOrder?: DateOrder;
	/** Explicit column names, for exports the aliases do not know. */
	columns?: ColumnMap;
	/** Email, registrant id or "name:<name>" -> attendee id, to join sources on one person. */
	identityMap?: Record<string, string>;
	/** Keep the input row on each signal (default true; evidence for disputes). */
	includeRaw?: boolean;
	/** Minutes before a start or after an end that a door scan still belongs to a session. */
	assignMarginMinutes?: number;
}

export interface AttendanceParseResult {
	signals: AttendanceSignal[];
	/** Rows that could not be read, each naming its row and column; other rows went on. */
	errors: RowError[];
	/** Rows that state no attendance (e.g. "Checked In: No", Zoom waiting room), with why. */
	skipped: Array<{ row: number; reason: string }>;
	/** Signals that fit no session by time and room; kept for review, not credited. */
	unassigned: AttendanceSignal[];
}

/**
 * Reads attendance rows (n8n items, JSON objects, parsed CSV) into signals. Columns are found by
 * alias per row, so items with different shapes can be mixed. A bad row never stops the others.
 */
export function parseAttendanceRows(
	rows: ReadonlyArray<Record<string, unknown>>,
	options: AttendanceParseOptions,
): AttendanceParseResult {
	const sessionsByTitle = new Map<string, string>();
	for (const session of options.schedule.sessions.values()) {
		sessionsByTitle.set(session.session.title.toLowerCase(), session.id);
	}
	if (options.sessionId !== undefined && !options.schedule.sessions.has(options.sessionId)) {
		const message = `received unknown session id ${JSON.stringify(options.sessionId)}; expected one of the schedule's session ids`;
		return {
			signals: [],
			errors: rows.map((_, index) => ({ row: index + 1, column: 'sessionId', message })),
			skipped: [],
			unassigned: [],
		};
	}
	const ctx: RowContext = {
		schedule: options.schedule,
		sessionsByTitle,
		source: options.source,
		defaultKind: options.defaultKind,
		confidence: options.confidence,
		sessionId: options.sessionId,
		timezone: options.timezone ?? options.schedule.schedule.timezone,
		dateOrder: options.dateOrder ?? 'MDY',
		identityMap: options.identityMap,
		includeRaw: options.includeRaw ?? true,
	};
	const columnCache = new Map<string, ColumnMap>();
	const signals: AttendanceSignal[] = [];
	const errors: RowError[] = [];
	const skipped: Array<{ row: number; reason: string }> = [];
	rows.forEach((row, index) => {
		const keys = Object.keys(row);
		const cacheKey = keys.join('\u0000');
		let columns = columnCache.get(cacheKey);
		if (!columns) {
			columns = resolveColumns(keys, options.columns);
			columnCache.set(cacheKey, columns);
		}
		const outcome = rowToSignals(row, index + 1, columns, ctx);
		if ('signals' in outcome) signals.push(...outcome.signals);
		else if ('error' in outcome) errors.push(outcome.error);
		else skipped.push({ row: index + 1, reason: outcome.skipped });
	});
	const assigned = assignSessions(signals, options.schedule, {
		marginMinutes: options.assignMarginMinutes,
	});
	return { signals: assigned.signals, errors, skipped, unassigned: assigned.unassigned };
}

/** Reads CSV text (BOM, comma or semicolon, quoted fields) and then its rows. */
export function parseAttendanceCsv(
	text: string,
	options: AttendanceParseOptions,
): AttendanceParseResult {
	const table = parseCsv(text);
	if (!table.ok) {
		return {
			signals: [],
			errors: [{ row: table.row, column: table.column, message: table.message }],
			skipped: [],
			unassigned: [],
		};
	}
	return parseAttendanceRows(table.rows, options);
}
