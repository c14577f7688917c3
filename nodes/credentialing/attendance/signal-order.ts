import type { SignalKind } from '../model';
import type { PreparedSignal } from './evidence';

// Entries before exits at the same instant, so a zero-length stay still opens and closes.
const RANK: Record<SignalKind, number> = {
	check_in: 0,
	join: 0,
	scan: 1,
	heartbeat: 2,
	manual: 3,
	poll_answer: 4,
	check_out: 5,
	leave: 5,
};

/** Total order on signals that depends only on their content, never on input order. */
export function compareSignals(a: PreparedSignal, b: PreparedSignal): number {
	if (a.ms !== b.ms) return a.ms - b.ms;
	const x = a.signal;
	const y = b.signal;
	if (x.kind !== y.kind) return RANK[x.kind] - RANK[y.kind] || (x.kind < y.kind ? -1 : 1);
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
		compareText(x.timeNote, y.timeNote)
	);
}

function compareText(a: string | undefined, b: string | undefined): number {
	if (a === b) return 0;
	if (a === undefined) return -1;
	if (b === undefined) return 1;
	return a < b ? -1 : 1;
}
