import type { ValidationIssue } from '../rules/issues';
import { normaliseName } from './columns';
import { parseCsv } from './csv';
import { parseSchedule, type ScheduleOptions, type ScheduleParseResult } from './schedule';

/** Schedule columns as organisers name them, compared like attendance columns. */
const SESSION_ALIASES: Record<string, string[]> = {
	id: ['id', 'sessionid', 'session', 'sessioncode', 'code'],
	title: ['title', 'sessiontitle', 'sessionname', 'name'],
	start: ['start', 'starttime', 'startsat', 'begin', 'from'],
	end: ['end', 'endtime', 'endsat', 'finish', 'to'],
	timezone: ['timezone', 'tz', 'zone'],
	creditPolicy: ['creditpolicy', 'policy', 'policyid'],
	fieldOfStudy: ['fieldofstudy', 'field', 'fos'],
	deliveryMethod: ['deliverymethod', 'method', 'delivery'],
	modality: ['modality', 'format'],
	speaker: ['speaker', 'speakers', 'presenter', 'instructor'],
	room: ['room', 'location', 'hall', 'venue'],
	programId: ['programid', 'program', 'track'],
	breaks: ['breaks', 'break', 'excluded', 'noncontent'],
	pollsScheduled: ['pollsscheduled', 'polls', 'pollcount'],
	credits: ['credits', 'designatedcredits', 'cpe', 'cpecredits'],
};
const FIELD_BY_ALIAS = new Map<string, string>();
for (const [field, aliases] of Object.entries(SESSION_ALIASES)) {
	for (const alias of aliases) FIELD_BY_ALIAS.set(alias, field);
}
const BREAK = /^(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/;

export interface ScheduleRowsOptions extends ScheduleOptions {
	/** Zone of local times without a Time Zone column (default UTC). */
	timezone?: string;
	defaultPolicy?: string;
	eventId?: string;
	title?: string;
}

/**
 * A schedule from rows (items or a parsed CSV), one session per row. Breaks are written
 * "10:30-10:50; 12:00-13:00" in local times on the session's start date. Problems are reported
 * as row N, column "Start", so the sheet can be fixed where it is wrong.
 */
export function parseScheduleRows(
	rows: ReadonlyArray<Record<string, unknown>>,
	options: ScheduleRowsOptions = {},
): ScheduleParseResult {
	const columnsByRow: Array<Map<string, string>> = [];
	const sessions = rows.map((row) => {
		const columns = new Map<string, string>();
		const session: Record<string, unknown> = {};
		for (const [column, value] of Object.entries(row)) {
			const field = FIELD_BY_ALIAS.get(normaliseName(column));
			if (!field || columns.has(field) || value === undefined || value === null || value === '')
				continue;
			columns.set(field, column);
			session[field] = typeof value === 'string' ? value.trim() : value;
		}
		columnsByRow.push(columns);
		if (typeof session.pollsScheduled === 'string' && /^\d+$/.test(session.pollsScheduled)) {
			session.pollsScheduled = Number(session.pollsScheduled);
		}
		for (const field of ['id', 'title']) {
			if (typeof session[field] === 'number') session[field] = String(session[field]);
		}
		if (typeof session.breaks === 'string')
			session.breaks = breaksOf(session.breaks, session.start);
		return session;
	});
	const parsed = parseSchedule(
		{
			timezone: options.timezone ?? 'UTC',
			...(options.defaultPolicy ? { defaultPolicy: options.defaultPolicy } : {}),
			...(options.eventId ? { eventId: options.eventId } : {}),
			...(options.title ? { title: options.title } : {}),
			sessions,
		},
		options,
	);
	if (parsed.ok) return parsed;
	return { ok: false, issues: parsed.issues.map((issue) => toRowIssue(issue, columnsByRow)) };
}

/** Reads schedule CSV text (BOM, comma or semicolon) and then its rows. */
export function parseScheduleCsv(
	text: string,
	options: ScheduleRowsOptions = {},
): ScheduleParseResult {
	const table = parseCsv(text);
	if (!table.ok)
		return { ok: false, issues: [{ path: `row ${table.row}`, message: table.message }] };
	return parseScheduleRows(table.rows, options);
}

/** "10:30-10:50; 12:00-13:00" on the date of `start`; anything else is passed on to be refused. */
function breaksOf(text: string, start: unknown): unknown {
	const date = typeof start === 'string' ? /^\d{4}-\d{2}-\d{2}/.exec(start)?.[0] : undefined;
	const parts = text
		.split(';')
		.map((part) => part.trim())
		.filter(Boolean);
	const blocks = parts.map((part) => BREAK.exec(part));
	if (!date || blocks.some((block) => !block)) return text;
	return blocks.map((block) => ({ start: `${date} ${block?.[1]}`, end: `${date} ${block?.[2]}` }));
}

/** sessions[3].start -> row 4, column "Start Time" (the column as written). */
function toRowIssue(
	issue: ValidationIssue,
	columnsByRow: Array<Map<string, string>>,
): ValidationIssue {
	const m = /^sessions\[(\d+)\](?:\.([A-Za-z]+))?(.*)$/.exec(issue.path);
	if (!m) return issue;
	const row = Number(m[1]) + 1;
	const field = m[2];
	const column = field === undefined ? undefined : (columnsByRow[row - 1]?.get(field) ?? field);
	return {
		path: column === undefined ? `row ${row}` : `row ${row}, column "${column}"${m[3]}`,
		message: issue.message,
	};
}
