import { ScheduleSchema, type Schedule, type Session } from '../model';
import {
	receivedExpectedErrorMap,
	toValidationIssues,
	type ValidationIssue,
} from '../rules/issues';
import { mergeIntervals, subtractIntervals, totalLength, type Interval } from './intervals';
import { zoneOffsetMs } from './local-time';
import { parseTimeValue, type DateOrder } from './time-values';

/** A session with its times resolved to instants and its learning content worked out. */
export interface ScheduledSession {
	session: Session;
	id: string;
	zone: string;
	startMs: number;
	endMs: number;
	/** start..end minus breaks (R8), sorted and disjoint. */
	content: Interval[];
	contentMs: number;
	/** The UTC offset differs at start and end: wall-clock arithmetic would be wrong here. */
	spansDstChange: boolean;
}

export interface ParsedSchedule {
	schedule: Schedule;
	sessions: Map<string, ScheduledSession>;
	/** For each session, the sessions running at the same time (parallel tracks). */
	concurrent: Map<string, Set<string>>;
}

export type ScheduleParseResult =
	| ({ ok: true } & ParsedSchedule)
	| { ok: false; issues: ValidationIssue[] };

export interface ScheduleOptions {
	/** How to read 06/03/2026 style dates; ISO dates need no choice. Default MDY. */
	dateOrder?: DateOrder;
}

/**
 * Validates a schedule and resolves every time in its session's zone. All problems are
 * reported with their paths (sessions[2].end) so a bad schedule is refused before anyone is
 * credited against it.
 */
export function parseSchedule(input: unknown, options: ScheduleOptions = {}): ScheduleParseResult {
	const result = ScheduleSchema.safeParse(input, { errorMap: receivedExpectedErrorMap });
	if (!result.success) {
		return { ok: false, issues: toValidationIssues(result.error, ScheduleSchema) };
	}
	const schedule = result.data;
	const issues: ValidationIssue[] = [];
	const sessions = new Map<string, ScheduledSession>();
	schedule.sessions.forEach((session, index) => {
		const resolved = resolveSession(session, schedule.timezone, options.dateOrder ?? 'MDY');
		if ('issues' in resolved) {
			for (const issue of resolved.issues) {
				issues.push({ path: `sessions[${index}].${issue.path}`, message: issue.message });
			}
		} else {
			sessions.set(session.id, resolved);
		}
	});
	if (issues.length > 0) return { ok: false, issues };
	return { ok: true, schedule, sessions, concurrent: concurrentSessions([...sessions.values()]) };
}

/** Pairs of sessions whose times overlap; only they can show one person in two places. */
function concurrentSessions(sessions: ScheduledSession[]): Map<string, Set<string>> {
	const sorted = [...sessions].sort((a, b) => a.startMs - b.startMs);
	const concurrent = new Map<string, Set<string>>();
	for (let i = 0; i < sorted.length; i++) {
		for (let j = i + 1; j < sorted.length && sorted[j].startMs < sorted[i].endMs; j++) {
			for (const [a, b] of [
				[sorted[i], sorted[j]],
				[sorted[j], sorted[i]],
			]) {
				let set = concurrent.get(a.id);
				if (!set) concurrent.set(a.id, (set = new Set()));
				set.add(b.id);
			}
		}
	}
	return concurrent;
}

function resolveSession(
	session: Session,
	scheduleZone: string,
	dateOrder: DateOrder,
): ScheduledSession | { issues: ValidationIssue[] } {
	const zone = session.timezone ?? scheduleZone;
	const issues: ValidationIssue[] = [];
	const read = (value: string, path: string): number | undefined => {
		const parsed = parseTimeValue(value, zone, dateOrder);
		if (parsed.ok && parsed.note === 'dst_gap') {
			// A schedule is written by hand; a start in the skipped hour is a typo, not evidence.
			issues.push({
				path,
				message: `received "${value}", which does not exist in ${zone} (DST gap)`,
			});
			return undefined;
		}
		if (parsed.ok) return parsed.ms;
		issues.push({ path, message: parsed.message });
		return undefined;
	};
	const startMs = read(session.start, 'start');
	const endMs = read(session.end, 'end');
	if (startMs === undefined || endMs === undefined) return { issues };
	if (endMs <= startMs) {
		issues.push({
			path: 'end',
			message: `received "${session.end}", which is not after the start "${session.start}"; expected an end after the start`,
		});
		return { issues };
	}
	const excluded: Interval[] = [];
	session.breaks.forEach((block, index) => {
		const blockStart = read(block.start, `breaks[${index}].start`);
		const blockEnd = read(block.end, `breaks[${index}].end`);
		if (blockStart === undefined || blockEnd === undefined) return;
		if (blockEnd <= blockStart || blockStart < startMs || blockEnd > endMs) {
			issues.push({
				path: `breaks[${index}]`,
				message: `received ${block.start}..${block.end}; expected a block inside the session that ends after it starts`,
			});
			return;
		}
		excluded.push({ start: blockStart, end: blockEnd });
	});
	if (issues.length > 0) return { issues };
	const content = subtractIntervals([{ start: startMs, end: endMs }], mergeIntervals(excluded));
	return {
		session,
		id: session.id,
		zone,
		startMs,
		endMs,
		content,
		contentMs: totalLength(content),
		spansDstChange: zoneOffsetMs(zone, startMs) !== zoneOffsetMs(zone, endMs - 1),
	};
}
