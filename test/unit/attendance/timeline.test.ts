import {
	buildTimelines,
	timelineToJson,
	type Timeline,
} from '../../../nodes/core/domain/attendance';
import type { AttendanceSignal } from '../../../nodes/core/domain/model';
import { at, inOut, scheduleOf, session, signal, zoomSegment } from '../credit/cpe-fixtures';

const schedule = scheduleOf([
	session('S1', '09:00', '10:40', { room: 'Room A' }),
	session('S2', '10:00', '11:00', { room: 'Room B' }),
	session('S3', '12:00', '13:00'),
]);
const build = (signals: AttendanceSignal[]) => buildTimelines(signals, schedule);
const one = (signals: AttendanceSignal[], sessionId = 'S1'): Timeline => {
	const found = build(signals).timelines.filter((t) => t.session.id === sessionId);
	if (found.length !== 1) throw new Error(`expected one timeline, got ${found.length}`);
	return found[0];
};
const codes = (t: Timeline) => t.findings.map((f) => f.code);
const windows = (t: Timeline) =>
	t.presence.map((w) =>
		[w.start, w.end].map((ms) => new Date(ms).toISOString()).concat(w.sources.join('+')),
	);

describe('timelines keep every signal and say what each contributed', () => {
	it('duplicate scans: counted once, kept and flagged', () => {
		const t = one([
			signal({ kind: 'scan', at: at('09:05') }),
			signal({ kind: 'scan', at: at('09:05'), row: 2 }),
			signal({ kind: 'scan', at: at('09:06') }),
			signal({ kind: 'scan', at: at('10:30') }),
		]);
		expect(timelineToJson(t).signals.map((s) => s.use)).toEqual([
			'counted',
			'duplicate',
			'duplicate',
			'counted',
		]);
		expect(windows(t)).toEqual([[at('09:05'), at('10:30'), 'badge']]);
		expect(codes(t)).toEqual(['DUPLICATE_SIGNALS']);
	});

	it('scan-out without scan-in: kept as an exit without entry, flagged for review', () => {
		const t = one([signal({ kind: 'check_out', at: at('10:30') })]);
		expect([t.presence, t.evidence.orphanExits]).toEqual([
			[],
			[{ end: Date.parse(at('10:30')), source: 'badge' }],
		]);
		expect(codes(t)).toEqual(['CHECK_OUT_WITHOUT_CHECK_IN']);
		expect(timelineToJson(t).signals[0].use).toBe('check_out_without_check_in');
	});

	it('check-in without check-out and a repeated check-in', () => {
		const t = one([
			signal({ kind: 'check_in', at: at('09:00') }),
			signal({ kind: 'check_in', at: at('09:30') }),
		]);
		expect(codes(t)).toEqual(['REPEATED_CHECK_IN', 'MISSING_CHECKOUT']);
		expect(timelineToJson(t).signals.map((s) => s.use)).toEqual([
			'missing_checkout',
			'repeated_check_in',
		]);
	});

	it('heartbeats cover their period; a moderator window counts; polls are recorded with non-responses', () => {
		const beats = [0, 1, 2, 10].map((m) =>
			signal({ kind: 'heartbeat', source: 'platform', at: at(`09:${String(m).padStart(2, '0')}`) }),
		);
		const t = one([
			...beats,
			signal({
				kind: 'manual',
				source: 'moderator',
				at: at('11:00'),
				from: at('10:00'),
				until: at('10:20'),
			}),
			signal({
				kind: 'poll_answer',
				source: 'poll',
				at: at('09:01'),
				pollId: 'p1',
				answered: true,
			}),
			signal({
				kind: 'poll_answer',
				source: 'poll',
				at: at('09:30'),
				pollId: 'p2',
				answered: false,
			}),
		]);
		expect(windows(t)).toEqual([
			[at('09:00'), at('09:03'), 'platform'],
			[at('09:10'), at('09:11'), 'platform'],
			[at('10:00'), at('10:20'), 'moderator'],
		]);
		expect(timelineToJson(t).polls).toEqual({ answered: ['p1'], seen: ['p1', 'p2'] });
		expect(codes(t)).toContain('MANUAL_CONFIRMATION_APPLIED');
	});
});

describe('conflicts are preserved, not resolved by deletion', () => {
	it('clock skew within the tolerance between badge and Zoom is noted, the union kept', () => {
		const t = one([...inOut('09:00', '10:00'), ...zoomSegment('09:03', '10:03')]);
		expect(codes(t)).toEqual(['CLOCK_SKEW_TOLERATED']);
		expect(windows(t)).toEqual([[at('09:00'), at('10:03'), 'badge+zoom_report']]);
	});

	it('a longer disagreement is a conflict for review', () => {
		const t = one([...inOut('09:00', '09:30'), ...zoomSegment('09:00', '10:40')]);
		expect(t.findings).toEqual([
			{
				code: 'CONFLICTING_SOURCES',
				detail:
					'badge recorded an exit at 09:30 while zoom_report shows continuous presence from 09:00 to 10:40 (70 min in dispute); tolerance 5 min',
			},
		]);
		expect(t.signals).toHaveLength(4);
	});

	it('a poll answered while the only presence source says absent is a conflict', () => {
		const t = one([
			...zoomSegment('09:00', '09:20'),
			signal({ kind: 'poll_answer', source: 'poll', at: at('10:00'), pollId: 'p', answered: true }),
		]);
		expect(codes(t)).toEqual(['CONFLICTING_SOURCES']);
	});

	it('one attendee in two rooms at once: both sessions flagged, evidence untouched', () => {
		const { timelines } = build([
			...inOut('09:00', '10:30'),
			...inOut('10:05', '11:00', { sessionId: 'S2' }),
		]);
		expect(timelines.map((t) => [t.session.id, codes(t)])).toEqual([
			['S1', ['ATTENDED_OVERLAPPING_SESSIONS']],
			['S2', ['ATTENDED_OVERLAPPING_SESSIONS']],
		]);
		expect(timelines[0].findings[0].detail).toBe(
			'present in session "S2" at the same time for 25 min',
		);
	});

	it('moving rooms within the skew tolerance is not two places at once', () => {
		const { timelines } = build([
			...inOut('09:00', '10:03'),
			...inOut('10:00', '11:00', { sessionId: 'S2' }),
		]);
		expect(timelines.flatMap(codes)).toEqual([]);
	});

	it('a scan that fits parallel sessions is on both timelines, flagged', () => {
		const ambiguous = signal({
			kind: 'scan',
			at: at('10:10'),
			sessionId: undefined,
			candidateSessionIds: ['S1', 'S2'],
		});
		const { timelines } = build([ambiguous]);
		expect(timelines.map((t) => [t.session.id, codes(t)])).toEqual([
			['S1', ['MISSING_CHECKOUT', 'SESSION_ASSIGNMENT_AMBIGUOUS']],
			['S2', ['MISSING_CHECKOUT', 'SESSION_ASSIGNMENT_AMBIGUOUS']],
		]);
	});
});

describe('signals that cannot be placed are returned, never dropped', () => {
	it('lists invalid signals by index and field, and signals without session', () => {
		const result = build([
			signal({ kind: 'scan', at: at('09:05') }),
			signal({ kind: 'scan', at: 'yesterday' }),
			signal({ kind: 'scan', at: at('09:05'), sessionId: 'S9' }),
			signal({ kind: 'scan', at: at('09:05'), attendeeId: '' }),
			signal({ kind: 'manual', at: at('09:05'), from: at('10:00'), until: at('09:00') }),
			signal({ kind: 'scan', at: at('09:05'), sessionId: undefined }),
		]);
		expect(result.invalid.map((p) => [p.index, p.field])).toEqual([
			[1, 'at'],
			[2, 'sessionId'],
			[3, 'attendeeId'],
			[4, 'until'],
		]);
		expect(result.unassigned).toHaveLength(1);
		expect(result.timelines).toHaveLength(1);
	});
});

describe('DST during the event', () => {
	it('flags a session across the change and local times in the repeated hour', () => {
		const night = scheduleOf([
			{ id: 'N', title: 'Overnight hackathon', start: '2026-11-01 00:00', end: '2026-11-01 03:00' },
		]);
		const t = buildTimelines(
			[
				signal({ sessionId: 'N', kind: 'check_in', at: '2026-11-01T04:00:00.000Z' }),
				signal({
					sessionId: 'N',
					kind: 'check_out',
					at: '2026-11-01T05:30:00.000Z',
					timeNote: 'dst_ambiguous',
					row: 7,
				}),
			],
			night,
		).timelines[0];
		expect(t.session.contentMs).toBe(4 * 60 * 60_000);
		expect(codes(t)).toEqual(['DST_TRANSITION_IN_SESSION', 'LOCAL_TIME_AMBIGUOUS_DST']);
	});
});
