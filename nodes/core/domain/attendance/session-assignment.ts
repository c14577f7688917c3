import type { AttendanceSignal } from '../model';
import type { ParsedSchedule, ScheduledSession } from './schedule';
import { utcMillis } from './time-values';

export interface AssignmentOptions {
	/** How long before the start a check-in, or after the end a check-out, still belongs. */
	marginMinutes?: number;
}

const ENTRY_KINDS = new Set(['check_in', 'join']);
const EXIT_KINDS = new Set(['check_out', 'leave']);

/**
 * Gives signals without a session id their session from time and room: door scans and kiosk
 * check-ins often carry only a room. A signal that fits several sessions (overlapping tracks
 * without rooms) gets them all as candidates and is flagged for review; one that fits none
 * keeps no session and is returned in `unassigned`, never dropped.
 */
export function assignSessions(
	signals: readonly AttendanceSignal[],
	schedule: ParsedSchedule,
	options: AssignmentOptions = {},
): { signals: AttendanceSignal[]; unassigned: AttendanceSignal[] } {
	const margin = (options.marginMinutes ?? 15) * 60_000;
	const sessions = [...schedule.sessions.values()];
	const out: AttendanceSignal[] = [];
	const unassigned: AttendanceSignal[] = [];
	for (const signal of signals) {
		if (signal.sessionId !== undefined || signal.candidateSessionIds) {
			out.push(signal);
			continue;
		}
		const candidates = candidatesFor(signal, sessions, margin);
		if (candidates.length === 0) {
			unassigned.push(signal);
		} else if (candidates.length === 1) {
			out.push({ ...signal, sessionId: candidates[0].id });
		} else {
			out.push({ ...signal, candidateSessionIds: candidates.map((session) => session.id) });
		}
	}
	return { signals: out, unassigned };
}

function candidatesFor(
	signal: AttendanceSignal,
	sessions: readonly ScheduledSession[],
	margin: number,
): ScheduledSession[] {
	const at = utcMillis(signal.at);
	const inRoom = sessions.filter(
		(session) =>
			!signal.room || !session.session.room || sameRoom(signal.room, session.session.room),
	);
	// An exit belongs to the session it ends, an entry to the one it starts: at 10:02 a check-out
	// ends the 9-10 session, not the 10-11 one in the same room.
	const reach = (session: ScheduledSession): number | undefined => {
		const from = EXIT_KINDS.has(signal.kind) ? session.startMs : session.startMs - margin;
		const to = ENTRY_KINDS.has(signal.kind) ? session.endMs : session.endMs + margin;
		if (at < from || at > to) return undefined;
		if (EXIT_KINDS.has(signal.kind)) return Math.abs(session.endMs - at);
		if (ENTRY_KINDS.has(signal.kind)) return Math.abs(at - session.startMs);
		return at >= session.startMs && at < session.endMs
			? 0
			: Math.min(Math.abs(session.startMs - at), Math.abs(at - session.endMs));
	};
	let best: ScheduledSession[] = [];
	let bestDistance = Infinity;
	const containing: ScheduledSession[] = [];
	for (const session of inRoom) {
		const distance = reach(session);
		if (distance === undefined) continue;
		if (at >= session.startMs && at < session.endMs) containing.push(session);
		if (distance < bestDistance) {
			best = [session];
			bestDistance = distance;
		} else if (distance === bestDistance) {
			best.push(session);
		}
	}
	// Inside several running sessions (parallel tracks without rooms) distance proves nothing.
	return containing.length > 1 ? containing : best;
}

function sameRoom(a: string, b: string): boolean {
	return a.trim().toLowerCase() === b.trim().toLowerCase();
}
