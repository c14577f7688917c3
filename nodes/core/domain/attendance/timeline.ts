import type { AttendanceSignal } from '../model';
import { overlappingSessions, sourceAgreement } from './conflicts';
import { buildEvidence, type PreparedSignal, type SessionEvidence } from './evidence';
import type { Finding } from './findings';
import { clipSourced, mergeSourced, type SourcedWindow } from './intervals';
import { formatWallTime } from './local-time';
import type { ParsedSchedule, ScheduledSession } from './schedule';
import {
	groupSignals,
	sessionsOfAttendee,
	type SessionSignals,
	type SignalProblem,
} from './grouping';
import { compareSignals } from './signal-order';

export interface TimelineOptions {
	/** Repeats of a scan or check-in within this many seconds are one event (default 120). */
	duplicateWindowSeconds?: number;
	/** Sources disagreeing by at most this much are clock skew, beyond it a conflict (default 5). */
	clockSkewMinutes?: number;
	/** How long one virtual heartbeat proves presence (default 60 seconds). */
	heartbeatPeriodSeconds?: number;
}

/** Where an attendee took part from, judged from the evidence (hybrid sessions). */
export type AttendanceFamily = 'in-person' | 'virtual' | 'mixed' | 'unknown';

/** One attendee in one session: every signal in order, what each contributed, and findings. */
export interface Timeline {
	attendeeId: string;
	session: ScheduledSession;
	signals: PreparedSignal[];
	evidence: SessionEvidence;
	/** Closed presence inside the learning content, merged, with its sources. */
	presence: SourcedWindow[];
	findings: Finding[];
	family: AttendanceFamily;
}

export type { SignalProblem };

const IN_PERSON = new Set(['check_in', 'check_out', 'scan']);
const VIRTUAL = new Set(['join', 'leave', 'heartbeat', 'poll_answer']);

export function resolveTimelineOptions(options: TimelineOptions = {}) {
	return {
		duplicateWindowMs: (options.duplicateWindowSeconds ?? 120) * 1000,
		skewMs: (options.clockSkewMinutes ?? 5) * 60_000,
		heartbeatPeriodMs: (options.heartbeatPeriodSeconds ?? 60) * 1000,
	};
}
export type ResolvedTimelineOptions = ReturnType<typeof resolveTimelineOptions>;

/** All timelines of one attendee, including who was in two sessions at once. */
export function buildAttendeeTimelines(
	attendeeId: string,
	sessions: readonly SessionSignals[],
	schedule: ParsedSchedule,
	options: ResolvedTimelineOptions,
): Timeline[] {
	const timelines: Timeline[] = [];
	for (const group of sessions)
		timelines.push(buildTimeline(attendeeId, group.session, group.signals, options));
	// Only sessions that run at the same time can put one person in two places.
	const parallel = timelines.filter((t) => {
		const others = schedule.concurrent.get(t.session.id);
		return others !== undefined && timelines.some((o) => others.has(o.session.id));
	});
	if (parallel.length > 1) {
		const overlaps = overlappingSessions(
			parallel.map((t) => ({ sessionId: t.session.id, presence: t.presence })),
			options.skewMs,
		);
		for (const timeline of timelines)
			timeline.findings.push(...(overlaps.get(timeline.session.id) ?? []));
	}
	return timelines;
}

function buildTimeline(
	attendeeId: string,
	session: ScheduledSession,
	signals: PreparedSignal[],
	options: ResolvedTimelineOptions,
): Timeline {
	if (signals.length > 1) signals.sort(compareSignals);
	const bounds = { start: session.startMs, end: session.endMs };
	const evidence = buildEvidence(signals, bounds, options);
	const presence = clipSourced(mergeSourced(evidence.closed), session.content);
	const findings = evidenceFindings(evidence, session, options.skewMs);
	let inPerson = false;
	let virtual = false;
	for (let i = 0; i < signals.length; i++) {
		const s = signals[i].signal;
		if (IN_PERSON.has(s.kind)) inPerson = true;
		else if (VIRTUAL.has(s.kind)) virtual = true;
		if (s.identity === 'name')
			pushOnce(
				findings,
				'IDENTITY_FROM_NAME_ONLY',
				`known only by the name in ${s.source} row ${s.row ?? '?'}`,
			);
		if (s.candidateSessionIds)
			pushOnce(
				findings,
				'SESSION_ASSIGNMENT_AMBIGUOUS',
				`a ${s.kind} at ${at(signals[i].ms, session)} fits sessions ${s.candidateSessionIds.join(', ')}`,
			);
		if (s.timeNote === 'dst_ambiguous')
			pushOnce(
				findings,
				'LOCAL_TIME_AMBIGUOUS_DST',
				`${s.source} row ${s.row ?? '?'}: the earlier of the two instants was used`,
			);
		if (s.timeNote === 'dst_gap')
			pushOnce(
				findings,
				'LOCAL_TIME_IN_DST_GAP',
				`${s.source} row ${s.row ?? '?'}: moved forward by the DST gap`,
			);
	}
	const family: AttendanceFamily = inPerson
		? virtual
			? 'mixed'
			: 'in-person'
		: virtual
			? 'virtual'
			: 'unknown';
	return { attendeeId, session, signals, evidence, presence, findings, family };
}

function evidenceFindings(
	evidence: SessionEvidence,
	session: ScheduledSession,
	skewMs: number,
): Finding[] {
	const findings: Finding[] = [];
	if (evidence.duplicates > 0) {
		findings.push({
			code: 'DUPLICATE_SIGNALS',
			detail: `${evidence.duplicates} repeated signal(s) kept and counted once`,
		});
	}
	if (evidence.repeatedCheckIns > 0) {
		findings.push({
			code: 'REPEATED_CHECK_IN',
			detail: `${evidence.repeatedCheckIns} check-in(s) without a check-out in between`,
		});
	}
	for (const open of evidence.open) {
		findings.push({
			code: 'MISSING_CHECKOUT',
			detail: `${open.source} entry at ${at(open.start, session)} has no exit`,
		});
	}
	for (const exit of evidence.orphanExits) {
		findings.push({
			code: 'CHECK_OUT_WITHOUT_CHECK_IN',
			detail: `${exit.source} exit at ${at(exit.end, session)} has no entry before it`,
		});
	}
	// Wall-clock time of day in the session's zone: a dispute lies inside one session.
	const timeOfDay = (ms: number) => formatWallTime(ms, session.zone).slice(11);
	const agreement = sourceAgreement(evidence, session.content, skewMs, timeOfDay);
	if (agreement) findings.push(agreement);
	if (evidence.manualWindows > 0) {
		findings.push({
			code: 'MANUAL_CONFIRMATION_APPLIED',
			detail: `${evidence.manualWindows} moderator confirmation(s)`,
		});
	}
	if (session.spansDstChange) {
		findings.push({
			code: 'DST_TRANSITION_IN_SESSION',
			detail: `${session.zone} changes its UTC offset during the session`,
		});
	}
	return findings;
}

function pushOnce(findings: Finding[], code: Finding['code'], detail: string): void {
	if (!findings.some((finding) => finding.code === code)) findings.push({ code, detail });
}

function at(ms: number, session: ScheduledSession): string {
	return `${formatWallTime(ms, session.zone)} ${session.zone}`;
}

/** Every timeline for the signals, grouped per attendee and session, in a stable order. */
export function buildTimelines(
	signals: readonly AttendanceSignal[],
	schedule: ParsedSchedule,
	options: TimelineOptions = {},
): { timelines: Timeline[]; invalid: SignalProblem[]; unassigned: AttendanceSignal[] } {
	const grouped = groupSignals(signals, schedule);
	const resolved = resolveTimelineOptions(options);
	const timelines: Timeline[] = [];
	grouped.attendees.forEach((attendeeId, k) => {
		timelines.push(
			...buildAttendeeTimelines(attendeeId, sessionsOfAttendee(grouped, k), schedule, resolved),
		);
	});
	timelines.sort((a, b) =>
		a.attendeeId < b.attendeeId
			? -1
			: a.attendeeId > b.attendeeId
				? 1
				: a.session.startMs - b.session.startMs || (a.session.id < b.session.id ? -1 : 1),
	);
	return { timelines, invalid: grouped.invalid, unassigned: grouped.unassigned };
}
