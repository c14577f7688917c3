import type { RowError } from '../model';
import { describeValue } from '../rules/issues';
import {
	parseAttendanceRows,
	type AttendanceParseOptions,
	type AttendanceParseResult,
} from './parse-rows';

export type ZoomOptions = Omit<AttendanceParseOptions, 'source' | 'columns' | 'defaultKind'> & {
	source?: string;
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A page of GET /report/webinars/{id}/participants (or /report/meetings/...). Each participant
 * row is one join segment (a rejoin adds a row), so each becomes a paired join and leave.
 * user_email is empty for guests and other accounts: the registrant id, then the name, stands in
 * and the decision goes to review. Waiting-room rows are skipped with a reason.
 */
export function parseZoomParticipantReport(
	page: unknown,
	options: ZoomOptions,
): AttendanceParseResult {
	const participants = isObject(page) ? page.participants : undefined;
	if (!Array.isArray(participants)) {
		return failure({
			row: 1,
			column: 'participants',
			message: 'missing; expected a Zoom report page with a participants list',
		});
	}
	const rows: Json[] = [];
	const skipped: Array<{ row: number; reason: string }> = [];
	const rowNumbers: number[] = [];
	participants.forEach((participant, index) => {
		if (isObject(participant) && participant.status === 'in_waiting_room') {
			skipped.push({
				row: index + 1,
				reason: 'participant was in the waiting room, not in the session',
			});
			return;
		}
		// Zoom's own field names (user_email, registrant_id, name, join_time, leave_time) are
		// aliases, so error messages name the field as Zoom wrote it.
		rows.push(isObject(participant) ? participant : {});
		rowNumbers.push(index + 1);
	});
	const result = parseAttendanceRows(rows, {
		...options,
		source: options.source ?? 'zoom_report',
		includeRaw: false,
	});
	return renumber(result, rowNumbers, participants, options.includeRaw ?? true, skipped);
}

/**
 * Zoom participant_joined / participant_left webhooks (meeting or webinar), one body or a list.
 * The session comes from options.sessionId, else sessionIdByMeetingId[object.id], else a
 * schedule session whose id is the meeting id. Other events are skipped with a reason.
 */
export function parseZoomWebhook(
	body: unknown,
	options: ZoomOptions & { sessionIdByMeetingId?: Record<string, string> },
): AttendanceParseResult {
	const bodies = Array.isArray(body) ? body : [body];
	const rows: Json[] = [];
	const rowNumbers: number[] = [];
	const skipped: Array<{ row: number; reason: string }> = [];
	const errors: RowError[] = [];
	bodies.forEach((item, index) => {
		const event = isObject(item) && typeof item.event === 'string' ? item.event : undefined;
		const joined = event?.endsWith('.participant_joined');
		if (!event || !(joined || event.endsWith('.participant_left'))) {
			skipped.push({
				row: index + 1,
				reason: `event ${JSON.stringify(event ?? null)} is not a participant join or leave`,
			});
			return;
		}
		const payload = isObject(item) && isObject(item.payload) ? item.payload : {};
		const object = isObject(payload.object) ? payload.object : {};
		const participant = isObject(object.participant) ? object.participant : {};
		const meetingId =
			typeof object.id === 'string' || typeof object.id === 'number'
				? String(object.id)
				: undefined;
		const sessionId =
			options.sessionId ??
			(meetingId !== undefined &&
			options.sessionIdByMeetingId &&
			Object.prototype.hasOwnProperty.call(options.sessionIdByMeetingId, meetingId)
				? options.sessionIdByMeetingId[meetingId]
				: meetingId);
		if (sessionId === undefined || !options.schedule.sessions.has(sessionId)) {
			errors.push({
				row: index + 1,
				column: 'payload.object.id',
				message: `received meeting ${describeValue(meetingId ?? object.id)}; expected a meeting mapped to a schedule session`,
			});
			return;
		}
		// A left event also carries join_time in some payloads; only the event's own time counts.
		const { join_time: joinTime, leave_time: leaveTime, ...identity } = participant;
		rows.push({
			...identity,
			session: sessionId,
			...(joined ? { join_time: joinTime } : { leave_time: leaveTime }),
		});
		rowNumbers.push(index + 1);
	});
	const result = parseAttendanceRows(rows, {
		...options,
		sessionId: undefined,
		source: options.source ?? 'zoom_webhook',
		includeRaw: false,
	});
	const renumbered = renumber(result, rowNumbers, bodies, options.includeRaw ?? true, skipped);
	renumbered.errors.push(...errors);
	renumbered.errors.sort((a, b) => a.row - b.row);
	return renumbered;
}

/** Maps row numbers of the converted rows back to positions in the original payload. */
function renumber(
	result: AttendanceParseResult,
	rowNumbers: number[],
	originals: unknown[],
	includeRaw: boolean,
	skipped: Array<{ row: number; reason: string }>,
): AttendanceParseResult {
	const original = (row: number): number => rowNumbers[row - 1] ?? row;
	const fix = <T extends { row?: number; raw?: unknown }>(signal: T): T => {
		if (signal.row === undefined) return signal;
		const row = original(signal.row);
		return includeRaw ? { ...signal, row, raw: originals[row - 1] } : { ...signal, row };
	};
	return {
		signals: result.signals.map(fix),
		unassigned: result.unassigned.map(fix),
		errors: result.errors.map((error) => ({ ...error, row: original(error.row) })),
		skipped: [...skipped, ...result.skipped.map((s) => ({ ...s, row: original(s.row) }))].sort(
			(a, b) => a.row - b.row,
		),
	};
}

function failure(error: RowError): AttendanceParseResult {
	return { signals: [], errors: [error], skipped: [], unassigned: [] };
}
