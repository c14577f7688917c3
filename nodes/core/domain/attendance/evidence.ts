import type { AttendanceSignal, SignalKind } from '../model';
import type { Interval } from './intervals';

/** A signal with its instant read once, for sorting and interval building. */
export interface PreparedSignal {
	signal: AttendanceSignal;
	ms: number;
	fromMs?: number;
	untilMs?: number;
}

/** What a signal contributed; every signal gets one, so nothing disappears unexplained. */
export type SignalUse =
	| 'counted'
	| 'duplicate'
	| 'repeated_check_in'
	| 'missing_checkout'
	| 'check_out_without_check_in'
	| 'poll';

export interface SourcedInterval extends Interval {
	source: string;
	/** A moderator's confirmation says where someone was, not where they were not. */
	manual?: true;
}

export interface SessionEvidence {
	/** Presence with both ends known: paired in/out, Zoom segments, heartbeats, manual windows. */
	closed: SourcedInterval[];
	/** Entries never followed by an exit from the same source. */
	open: ReadonlyArray<{ start: number; source: string }>;
	/** Exits with no entry before them from the same source. */
	orphanExits: ReadonlyArray<{ end: number; source: string }>;
	pollsAnswered: ReadonlySet<string>;
	pollsSeen: ReadonlySet<string>;
	/** When answered polls were answered: proof of presence at that instant. */
	pollTimes: readonly number[];
	uses: SignalUse[];
	duplicates: number;
	repeatedCheckIns: number;
	manualWindows: number;
}

export interface EvidenceOptions {
	duplicateWindowMs: number;
	heartbeatPeriodMs: number;
}

const ENTRY = 1;
const EXIT = 2;
const TOGGLE = 3;
const DIRECTION: Partial<Record<SignalKind, number>> = {
	check_in: ENTRY,
	join: ENTRY,
	check_out: EXIT,
	leave: EXIT,
	scan: TOGGLE,
};

/**
 * Turns one attendee's sorted signals for one session into presence intervals. Paired rows
 * (segmentId) close themselves; other entries and exits are matched per source in time order;
 * undirected scans alternate in and out after repeats within the duplicate window are set aside.
 */
export function buildEvidence(
	sorted: readonly PreparedSignal[],
	content: { start: number; end: number },
	options: EvidenceOptions,
): SessionEvidence {
	// Most groups are one check-in and one check-out: everything optional is created on demand.
	const evidence: Builder = {
		closed: [],
		open: NONE,
		orphanExits: NONE,
		pollsAnswered: NO_POLLS,
		pollsSeen: NO_POLLS,
		pollTimes: NONE,
		uses: new Array<SignalUse>(sorted.length).fill('counted'),
		duplicates: 0,
		repeatedCheckIns: 0,
		manualWindows: 0,
	};
	let segments: Set<string> | undefined;
	let segmentState: SegmentState | undefined;
	let streams: Map<string, StreamState> | undefined;
	for (let i = 0; i < sorted.length; i++) {
		const p = sorted[i];
		const s = p.signal;
		const direction = DIRECTION[s.kind];
		if (direction !== undefined) {
			if (s.segmentId !== undefined && (segments ??= completeSegments(sorted)).has(s.segmentId)) {
				closeSegment(
					evidence,
					i,
					p,
					direction,
					(segmentState ??= { starts: new Map(), seen: new Set() }),
				);
			} else {
				streams ??= new Map();
				let stream = streams.get(s.source);
				if (!stream) streams.set(s.source, (stream = {}));
				step(evidence, stream, i, p, direction, options.duplicateWindowMs);
			}
		} else if (s.kind === 'heartbeat') {
			evidence.closed.push({
				start: p.ms,
				end: p.ms + options.heartbeatPeriodMs,
				source: s.source,
			});
		} else if (s.kind === 'manual') {
			evidence.closed.push({
				start: p.fromMs ?? content.start,
				end: p.untilMs ?? content.end,
				source: s.source,
				manual: true,
			});
			evidence.manualWindows++;
		} else {
			recordPoll(evidence, i, p);
		}
	}
	if (streams) {
		for (const [source, stream] of streams) {
			if (stream.openAt === undefined) continue;
			if (evidence.open === NONE) evidence.open = [];
			evidence.open.push({ start: stream.openAt, source });
			evidence.uses[stream.openIndex ?? 0] = 'missing_checkout';
		}
	}
	return evidence;
}

/** SessionEvidence while it is built: the same object, with writable lists. */
interface Builder extends SessionEvidence {
	open: Array<{ start: number; source: string }>;
	orphanExits: Array<{ end: number; source: string }>;
	pollsAnswered: Set<string>;
	pollsSeen: Set<string>;
	pollTimes: number[];
}

// Shared empty values; a builder swaps in its own list or set before the first write.
const NONE: never[] = [];
const NO_POLLS = new Set<never>();

function recordPoll(evidence: Builder, index: number, p: PreparedSignal): void {
	if (evidence.pollsSeen === NO_POLLS) {
		evidence.pollsSeen = new Set();
		evidence.pollsAnswered = new Set();
		evidence.pollTimes = [];
	}
	const pollId = p.signal.pollId ?? `at:${p.ms}`;
	const answered = p.signal.answered !== false;
	if (evidence.pollsSeen.has(pollId) && (!answered || evidence.pollsAnswered.has(pollId))) {
		markDuplicate(evidence, index);
		return;
	}
	evidence.uses[index] = 'poll';
	evidence.pollsSeen.add(pollId);
	if (answered) {
		evidence.pollsAnswered.add(pollId);
		evidence.pollTimes.push(p.ms);
	}
}

function completeSegments(sorted: readonly PreparedSignal[]): Set<string> {
	const halves = new Map<string, number>();
	for (const p of sorted) {
		const id = p.signal.segmentId;
		const direction = DIRECTION[p.signal.kind];
		if (id === undefined || direction === undefined || direction === TOGGLE) continue;
		halves.set(id, (halves.get(id) ?? 0) | direction);
	}
	const complete = new Set<string>();
	for (const [id, bits] of halves) if (bits === (ENTRY | EXIT)) complete.add(id);
	return complete;
}

interface SegmentState {
	starts: Map<string, number>;
	seen: Set<string>;
}

function closeSegment(
	evidence: Builder,
	index: number,
	p: PreparedSignal,
	direction: number,
	state: SegmentState,
): void {
	const id = p.signal.segmentId as string;
	if (direction === ENTRY) {
		if (state.starts.has(id)) markDuplicate(evidence, index);
		else state.starts.set(id, p.ms);
		return;
	}
	const start = state.starts.get(id);
	if (start === undefined) return markDuplicate(evidence, index);
	state.starts.delete(id);
	// The same segment imported twice (a report page read again) is one piece of presence.
	const key = `${p.signal.source}|${start}|${p.ms}`;
	if (state.seen.has(key)) return markDuplicate(evidence, index);
	state.seen.add(key);
	evidence.closed.push({ start, end: p.ms, source: p.signal.source });
}

interface StreamState {
	openAt?: number;
	openIndex?: number;
	lastEntryAt?: number;
	lastExitAt?: number;
	lastScanAt?: number;
}

function step(
	evidence: Builder,
	stream: StreamState,
	index: number,
	p: PreparedSignal,
	direction: number,
	duplicateWindow: number,
): void {
	if (direction === TOGGLE) {
		if (stream.lastScanAt !== undefined && p.ms - stream.lastScanAt <= duplicateWindow) {
			return markDuplicate(evidence, index);
		}
		stream.lastScanAt = p.ms;
		direction = stream.openAt === undefined ? ENTRY : EXIT;
	}
	if (direction === ENTRY) {
		if (stream.openAt === undefined) {
			stream.openAt = p.ms;
			stream.openIndex = index;
			stream.lastEntryAt = p.ms;
		} else if (p.ms - (stream.lastEntryAt ?? p.ms) <= duplicateWindow) {
			markDuplicate(evidence, index);
		} else {
			// Re-entering without leaving: taken as continuous presence, flagged for the record.
			evidence.uses[index] = 'repeated_check_in';
			evidence.repeatedCheckIns++;
			stream.lastEntryAt = p.ms;
		}
		return;
	}
	if (stream.openAt !== undefined) {
		evidence.closed.push({ start: stream.openAt, end: p.ms, source: p.signal.source });
		stream.openAt = undefined;
		stream.lastExitAt = p.ms;
	} else if (stream.lastExitAt !== undefined && p.ms - stream.lastExitAt <= duplicateWindow) {
		markDuplicate(evidence, index);
	} else {
		evidence.uses[index] = 'check_out_without_check_in';
		if (evidence.orphanExits === NONE) evidence.orphanExits = [];
		evidence.orphanExits.push({ end: p.ms, source: p.signal.source });
		stream.lastExitAt = p.ms;
	}
}

function markDuplicate(evidence: Builder, index: number): void {
	evidence.uses[index] = 'duplicate';
	evidence.duplicates++;
}
