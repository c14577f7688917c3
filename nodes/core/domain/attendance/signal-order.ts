import type { AttendanceSignal, SignalKind } from '../model';
import type { PreparedSignal } from './evidence';

// Exits before entries at the same instant: leaving through one door and coming back through
// another within the same second closes the open stay before the next one opens, instead of
// reading as a repeated check-in followed by an exit without entry. The halves of one report row
// (segmentId) pair by id, not by order: entry first there, so a zero-length row still pairs.
const RANK: Record<SignalKind, number> = {
	check_out: 2,
	leave: 2,
	check_in: 3,
	join: 3,
	scan: 4,
	heartbeat: 5,
	manual: 6,
	poll_answer: 7,
};
const SEGMENT_ENTRY = 0;
const SEGMENT_EXIT = 1;

function rank(signal: AttendanceSignal): number {
	if (signal.segmentId === undefined) return RANK[signal.kind];
	if (signal.kind === 'check_in' || signal.kind === 'join') return SEGMENT_ENTRY;
	if (signal.kind === 'check_out' || signal.kind === 'leave') return SEGMENT_EXIT;
	return RANK[signal.kind];
}

/** Total order on signals that depends only on their content, never on input order. */
export function compareSignals(a: PreparedSignal, b: PreparedSignal): number {
	if (a.ms !== b.ms) return a.ms - b.ms;
	const x = a.signal;
	const y = b.signal;
	const byRank = rank(x) - rank(y);
	if (byRank !== 0) return byRank;
	if (x.kind !== y.kind) return x.kind < y.kind ? -1 : 1;
	if (x.source !== y.source) return x.source < y.source ? -1 : 1;
	const segment = compareText(x.segmentId, y.segmentId) || compareText(x.pollId, y.pollId);
	if (segment !== 0) return segment;
	// Answered before unanswered: a repeat of an answered poll is the duplicate, whatever came first.
	const answered = Number(y.answered !== false) - Number(x.answered !== false);
	return (
		answered ||
		(x.row ?? 0) - (y.row ?? 0) ||
		(a.untilMs ?? 0) - (b.untilMs ?? 0) ||
		(a.fromMs ?? 0) - (b.fromMs ?? 0) ||
		x.confidence - y.confidence ||
		compareText(x.room, y.room) ||
		compareText(x.identity, y.identity) ||
		compareText(x.timeNote, y.timeNote) ||
		compareText(x.candidateSessionIds?.join('\u0000'), y.candidateSessionIds?.join('\u0000'))
	);
}

function compareText(a: string | undefined, b: string | undefined): number {
	if (a === b) return 0;
	if (a === undefined) return -1;
	if (b === undefined) return 1;
	return a < b ? -1 : 1;
}
