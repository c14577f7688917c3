import type { AttendanceSignal } from '../model';
import type { PreparedSignal } from './evidence';
import type { ParsedSchedule, ScheduledSession } from './schedule';
import { utcMillis } from './time-values';

/** A signal that cannot be placed on any timeline, by its index in the input. */
export interface SignalProblem {
	index: number;
	field: string;
	message: string;
}

/**
 * Signals filed by attendee without one object per signal: a counting sort of indices into
 * typed arrays. Per-attendee wrappers are made only when that attendee is processed, so a
 * million signals do not keep a million small objects alive (and the garbage collector busy).
 */
export interface GroupedSignals {
	signals: readonly AttendanceSignal[];
	/** Attendee ids, sorted. */
	attendees: string[];
	/** Signal indices of attendee k are order[starts[k]] .. order[starts[k + 1] - 1]. */
	order: Int32Array;
	starts: Int32Array;
	ms: Float64Array;
	/** Session of each signal, as an index into `sessions`; -1 when it has candidate sessions. */
	sessionOf: Int32Array;
	/** The schedule's sessions in schedule order. */
	sessions: ScheduledSession[];
	sessionIndex: Map<string, number>;
	/** Scratch for sessionsOfAttendee: the group of each session index, -1 between attendees. */
	slots?: Int32Array;
	/** from/until of manual confirmations, by signal index. */
	windows: Map<number, { fromMs?: number; untilMs?: number }>;
	/** Distinct poll ids seen per session across all attendees: the polls launched. */
	pollIds: Map<string, Set<string>>;
	invalid: SignalProblem[];
	/** Signals without a session (not even candidates); kept for review, never credited. */
	unassigned: AttendanceSignal[];
}

/** Checks each signal just enough to use it and files it under its attendee. */
export function groupSignals(
	signals: readonly AttendanceSignal[],
	schedule: ParsedSchedule,
): GroupedSignals {
	const n = signals.length;
	const ms = new Float64Array(n);
	const attendeeOf = new Int32Array(n).fill(-1);
	const sessionOf = new Int32Array(n).fill(-1);
	const sessions = [...schedule.sessions.values()];
	const sessionIndex = new Map(sessions.map((session, i) => [session.id, i]));
	const indexById = new Map<string, number>();
	const ids: string[] = [];
	const windows = new Map<number, { fromMs?: number; untilMs?: number }>();
	const pollIds = new Map<string, Set<string>>();
	const invalid: SignalProblem[] = [];
	const unassigned: AttendanceSignal[] = [];
	for (let index = 0; index < n; index++) {
		const signal = signals[index];
		const attendeeId = signal.attendeeId;
		if (typeof attendeeId !== 'string' || attendeeId === '') {
			invalid.push({
				index,
				field: 'attendeeId',
				message: 'missing; expected a non-empty attendee id',
			});
			continue;
		}
		const at = typeof signal.at === 'string' ? utcMillis(signal.at) : NaN;
		if (at !== at) {
			invalid.push({
				index,
				field: 'at',
				message: `received ${JSON.stringify(signal.at)}; expected an ISO-8601 UTC time`,
			});
			continue;
		}
		const sessionId = signal.sessionId;
		if (sessionId === undefined && !signal.candidateSessionIds?.length) {
			unassigned.push(signal);
			continue;
		}
		const session = sessionId !== undefined ? sessionIndex.get(sessionId) : -1;
		const unknown =
			session === undefined
				? sessionId
				: session === -1
					? firstUnknown(signal.candidateSessionIds as string[], schedule)
					: undefined;
		if (unknown !== undefined) {
			invalid.push({
				index,
				field: 'sessionId',
				message: `received unknown session id ${JSON.stringify(unknown)}; expected one of the schedule's session ids`,
			});
			continue;
		}
		if (signal.kind === 'manual' && (signal.from !== undefined || signal.until !== undefined)) {
			const window = readWindow(signal, index, invalid);
			if (!window) continue;
			windows.set(index, window);
		}
		if (signal.kind === 'poll_answer' && signal.pollId !== undefined) {
			for (const id of sessionId !== undefined
				? [sessionId]
				: (signal.candidateSessionIds as string[])) {
				let set = pollIds.get(id);
				if (!set) pollIds.set(id, (set = new Set()));
				set.add(signal.pollId);
			}
		}
		let attendee = indexById.get(attendeeId);
		if (attendee === undefined) {
			attendee = ids.length;
			indexById.set(attendeeId, attendee);
			ids.push(attendeeId);
		}
		attendeeOf[index] = attendee;
		sessionOf[index] = session as number;
		ms[index] = at;
	}
	// Sorted attendee order, then a counting sort of signal indices by that order.
	const sorted = ids
		.map((id, i) => ({ id, i }))
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const rank = new Int32Array(ids.length);
	sorted.forEach((entry, position) => (rank[entry.i] = position));
	const starts = new Int32Array(ids.length + 1);
	for (let index = 0; index < n; index++)
		if (attendeeOf[index] >= 0) starts[rank[attendeeOf[index]] + 1]++;
	for (let k = 0; k < ids.length; k++) starts[k + 1] += starts[k];
	const fill = starts.slice(0, ids.length);
	const order = new Int32Array(starts[ids.length]);
	for (let index = 0; index < n; index++) {
		if (attendeeOf[index] >= 0) order[fill[rank[attendeeOf[index]]]++] = index;
	}
	return {
		signals,
		attendees: sorted.map((entry) => entry.id),
		order,
		starts,
		ms,
		sessionOf,
		sessions,
		sessionIndex,
		windows,
		pollIds,
		invalid,
		unassigned,
	};
}

/** One attendee's signals in one session, in input order. */
export interface SessionSignals {
	session: ScheduledSession;
	signals: PreparedSignal[];
}

/**
 * The signals of the k-th attendee by session, sessions in order of first appearance (a signal
 * fitting several sessions is in each). Sessions are found by index, not by id: no map per
 * attendee and no string lookups per signal.
 */
export function sessionsOfAttendee(grouped: GroupedSignals, k: number): SessionSignals[] {
	const groups: SessionSignals[] = [];
	const touched: number[] = [];
	const slot = (grouped.slots ??= new Int32Array(grouped.sessions.length).fill(-1));
	for (let position = grouped.starts[k]; position < grouped.starts[k + 1]; position++) {
		const index = grouped.order[position];
		const signal = grouped.signals[index];
		const window = grouped.windows.size === 0 ? undefined : grouped.windows.get(index);
		const prepared: PreparedSignal = window
			? { signal, ms: grouped.ms[index], ...window }
			: { signal, ms: grouped.ms[index] };
		const session = grouped.sessionOf[index];
		if (session >= 0) add(groups, touched, slot, grouped.sessions, session, prepared);
		else
			for (const id of signal.candidateSessionIds as string[])
				add(
					groups,
					touched,
					slot,
					grouped.sessions,
					grouped.sessionIndex.get(id) as number,
					prepared,
				);
	}
	for (const session of touched) slot[session] = -1;
	return groups;
}

function add(
	groups: SessionSignals[],
	touched: number[],
	slot: Int32Array,
	sessions: readonly ScheduledSession[],
	session: number,
	prepared: PreparedSignal,
): void {
	const at = slot[session];
	if (at >= 0) groups[at].signals.push(prepared);
	else {
		slot[session] = groups.length;
		touched.push(session);
		groups.push({ session: sessions[session], signals: [prepared] });
	}
}

function firstUnknown(ids: readonly string[], schedule: ParsedSchedule): string | undefined {
	for (const id of ids) if (!schedule.sessions.has(id)) return id;
	return undefined;
}

function readWindow(
	signal: AttendanceSignal,
	index: number,
	invalid: SignalProblem[],
): { fromMs?: number; untilMs?: number } | undefined {
	const window: { fromMs?: number; untilMs?: number } = {};
	for (const field of ['from', 'until'] as const) {
		const text = signal[field];
		if (text === undefined) continue;
		const ms = utcMillis(text);
		if (ms !== ms) {
			invalid.push({
				index,
				field,
				message: `received ${JSON.stringify(text)}; expected an ISO-8601 UTC time`,
			});
			return undefined;
		}
		window[field === 'from' ? 'fromMs' : 'untilMs'] = ms;
	}
	if (
		window.fromMs !== undefined &&
		window.untilMs !== undefined &&
		window.untilMs <= window.fromMs
	) {
		invalid.push({
			index,
			field: 'until',
			message: 'received an end that is not after the start; expected an end after the start',
		});
		return undefined;
	}
	return window;
}
