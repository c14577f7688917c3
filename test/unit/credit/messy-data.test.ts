import { parseAttendanceCsv } from '../../../nodes/core/domain/attendance';
import type { AttendanceSignal } from '../../../nodes/core/domain/model';
import {
	at,
	codes,
	decide,
	inOut,
	only,
	policyOf,
	polls,
	scheduleOf,
	session,
	signal,
	zoomSegment,
} from './cpe-fixtures';

// Every kind of messy evidence gets a defined decision with a reason code; nothing is dropped
// silently. Policy: NASBA, fifths, strict defaults (open intervals go to review).
const nasba = policyOf({ type: 'nasba' });
const schedule = scheduleOf([
	session('S1', '09:00', '10:40', { room: 'Room A' }),
	session('S2', '10:00', '11:00', { room: 'Room B' }),
	session('W', '13:00', '14:40', { deliveryMethod: 'group-internet' }),
]);
const decideOne = (signals: AttendanceSignal[], unit = 'S1') =>
	only(decide(schedule, nasba, signals), unit);

describe('messy attendance data', () => {
	it('duplicate scans: counted once, full credit, DUPLICATE_SIGNALS', () => {
		const d = decideOne([
			...inOut('08:58', '10:41'),
			signal({ kind: 'check_in', at: at('08:59') }),
			signal({ kind: 'check_out', at: at('10:42') }),
		]);
		expect([d.outcome, d.credits, codes(d)]).toEqual([
			'full_credit',
			'2',
			['DUPLICATE_SIGNALS', 'MET_DURATION_THRESHOLD'],
		]);
	});

	it('scan-out without scan-in: needs review, nothing counted before the exit', () => {
		const d = decideOne([signal({ kind: 'check_out', at: at('10:40') })]);
		expect([d.outcome, d.credits, codes(d)]).toEqual([
			'needs_review',
			'0',
			['CHECK_OUT_WITHOUT_CHECK_IN', 'NO_PRESENCE_DURING_CONTENT'],
		]);
	});

	it('scan-out without scan-in under a policy that grants the start: grace applied', () => {
		const lenient = policyOf({ type: 'nasba', grace: { missingCheckIn: 'session_start' } });
		const d = only(decide(schedule, lenient, [signal({ kind: 'check_out', at: at('10:40') })]));
		expect([d.outcome, d.credits, codes(d)]).toEqual([
			'full_credit',
			'2',
			['MISSING_CHECKIN_GRACE_APPLIED', 'MET_DURATION_THRESHOLD'],
		]);
		expect(d.windowsUsed[0].sources).toEqual(['badge+grace']);
	});

	it('overlapping sessions (parallel tracks): each attended session decided on its own', () => {
		const decisions = decide(schedule, nasba, [
			...inOut('09:00', '10:00'),
			...inOut('10:00', '11:00', { sessionId: 'S2' }),
		]);
		expect(decisions.map((d) => [d.subject.sessionId, d.outcome, d.credits])).toEqual([
			['S1', 'partial_credit', '1.2'],
			['S2', 'full_credit', '1.2'],
		]);
	});

	it('attendee in two rooms at once: both decisions go to review with the overlap named', () => {
		const decisions = decide(schedule, nasba, [
			...inOut('09:00', '10:40'),
			...inOut('10:00', '11:00', { sessionId: 'S2' }),
		]);
		expect(decisions.map((d) => [d.subject.sessionId, d.outcome, codes(d)[0]])).toEqual([
			['S1', 'needs_review', 'ATTENDED_OVERLAPPING_SESSIONS'],
			['S2', 'needs_review', 'ATTENDED_OVERLAPPING_SESSIONS'],
		]);
		// The credits a reviewer would confirm are still worked out and shown.
		expect(decisions.map((d) => d.credits)).toEqual(['2', '1.2']);
	});

	it('clock skew between sources within tolerance: union used, CLOCK_SKEW_TOLERATED', () => {
		const d = decideOne([...inOut('09:02', '10:38'), ...zoomSegment('09:00', '10:36')]);
		expect([d.outcome, codes(d)]).toEqual([
			'partial_credit',
			['CLOCK_SKEW_TOLERATED', 'LEFT_EARLY', 'PARTIAL_DURATION_CREDIT'],
		]);
		expect(d.windowsUsed.map((w) => [w.start, w.end, w.sources])).toEqual([
			[at('09:00'), at('10:38'), ['badge', 'zoom_report']],
		]);
	});

	it('clock skew beyond tolerance: CONFLICTING_SOURCES, review, both sources kept in the windows', () => {
		const d = decideOne([...inOut('09:00', '09:40'), ...zoomSegment('09:00', '10:40')]);
		expect([d.outcome, d.credits, codes(d)[0]]).toEqual([
			'needs_review',
			'2',
			'CONFLICTING_SOURCES',
		]);
	});

	it('a tolerance can be widened for a known-slow scanner clock', () => {
		const signals = [...inOut('09:00', '10:30'), ...zoomSegment('09:00', '10:40')];
		const d = only(decide(schedule, nasba, signals, { attendance: { clockSkewMinutes: 15 } }));
		expect(codes(d)[0]).toBe('CLOCK_SKEW_TOLERATED');
	});

	it('DST change during the event: real elapsed minutes are credited', () => {
		// 1 Nov 2026 in New York: 01:00-02:00 happens twice, so 00:30-02:30 local is 3 hours.
		const night = scheduleOf([
			{ id: 'N', title: 'Overnight', start: '2026-11-01 00:30', end: '2026-11-01 02:30' },
		]);
		const csv =
			'Badge,Session,Check-In Time,Check-Out Time\n7,N,2026-11-01T04:30:00Z,2026-11-01T07:30:00Z\n';
		const parsed = parseAttendanceCsv(csv, { schedule: night, source: 'badge' });
		const d = only(decide(night, nasba, parsed.signals), 'N', '7');
		expect([d.contentMinutes, d.attendedMinutes, d.credits, d.outcome]).toEqual([
			180,
			180,
			'3.6',
			'full_credit',
		]);
		expect(codes(d)).toEqual(['DST_TRANSITION_IN_SESSION', 'MET_DURATION_THRESHOLD']);
	});

	it('DST change: a local scan time in the repeated hour goes to review', () => {
		const night = scheduleOf([
			{ id: 'N', title: 'Overnight', start: '2026-11-01 00:30', end: '2026-11-01 02:30' },
		]);
		const csv =
			'Badge,Session,Check-In Time,Check-Out Time\n7,N,2026-11-01 00:30,2026-11-01 01:30\n';
		const parsed = parseAttendanceCsv(csv, { schedule: night, source: 'badge' });
		expect(parsed.signals[1]).toMatchObject({
			at: '2026-11-01T05:30:00.000Z',
			timeNote: 'dst_ambiguous',
		});
		const d = only(decide(night, nasba, parsed.signals), 'N', '7');
		expect([d.outcome, d.attendedMinutes, codes(d)]).toEqual([
			'needs_review',
			60,
			[
				'DST_TRANSITION_IN_SESSION',
				'LOCAL_TIME_AMBIGUOUS_DST',
				'LEFT_EARLY',
				'PARTIAL_DURATION_CREDIT',
			],
		]);
	});

	it('empty Zoom emails: identified by name, credited for review', () => {
		const guest = { attendeeId: 'name:guest', identity: 'name' as const, sessionId: 'W' };
		const d = only(
			decide(schedule, nasba, [
				...zoomSegment('13:00', '14:40', guest),
				...polls(6, 6, guest, '13:05'),
			]),
			'W',
			'name:guest',
		);
		expect([d.outcome, d.credits, codes(d)]).toEqual([
			'needs_review',
			'2',
			['IDENTITY_FROM_NAME_ONLY', 'MET_DURATION_THRESHOLD', 'POLLING_REQUIREMENT_MET'],
		]);
	});

	it('check-in without check-out under each policy choice', () => {
		const signals = [signal({ kind: 'check_in', at: at('09:00') })];
		const outcome = (missingCheckout: 'session_end' | 'needs_review' | 'not_counted') => {
			const d = only(
				decide(schedule, policyOf({ type: 'nasba', grace: { missingCheckout } }), signals),
			);
			return [d.outcome, d.credits, codes(d)[0]];
		};
		expect(outcome('session_end')).toEqual(['full_credit', '2', 'MISSING_CHECKOUT_GRACE_APPLIED']);
		expect(outcome('needs_review')).toEqual(['needs_review', '0', 'MISSING_CHECKOUT']);
		expect(outcome('not_counted')).toEqual(['no_credit', '0', 'MISSING_CHECKOUT_NOT_COUNTED']);
	});

	it.each([
		[
			'entry',
			'missingCheckout',
			'session_end',
			'MISSING_CHECKOUT_GRACE_APPLIED',
			'counted 100 min to the session end',
		],
		[
			'entry',
			'missingCheckout',
			'needs_review',
			'MISSING_CHECKOUT',
			'nothing counted after the entry until reviewed',
		],
		[
			'entry',
			'missingCheckout',
			'not_counted',
			'MISSING_CHECKOUT_NOT_COUNTED',
			'nothing counted after the entry',
		],
		[
			'exit',
			'missingCheckIn',
			'session_start',
			'MISSING_CHECKIN_GRACE_APPLIED',
			'counted 100 min before the exit',
		],
		[
			'exit',
			'missingCheckIn',
			'needs_review',
			'CHECK_OUT_WITHOUT_CHECK_IN',
			'nothing counted before the exit until reviewed',
		],
		[
			'exit',
			'missingCheckIn',
			'not_counted',
			'MISSING_CHECKIN_NOT_COUNTED',
			'nothing counted before the exit',
		],
	])('an unmatched %s under %s = %s is explained as %s', (side, setting, choice, code, outcome) => {
		const lone =
			side === 'entry'
				? signal({ kind: 'check_in', at: at('09:00') })
				: signal({ kind: 'check_out', at: at('10:40') });
		const policy = policyOf({ type: 'nasba', grace: { [setting]: choice } });
		const missing = side === 'entry' ? 'entry has no exit' : 'exit has no entry';
		expect(only(decide(schedule, policy, [lone])).reasons[0]).toEqual({
			code,
			detail: `badge ${missing}; ${outcome}`,
		});
	});

	it('missing check-out grace stops where the attendee shows up in another session', () => {
		const lenient = policyOf({ type: 'nasba', grace: { missingCheckout: 'session_end' } });
		const decisions = decide(schedule, lenient, [
			signal({ kind: 'check_in', at: at('09:00') }),
			...inOut('10:10', '11:00', { sessionId: 'S2' }),
		]);
		const s1 = only(decisions);
		expect([s1.attendedMinutes, s1.credits, s1.outcome]).toEqual([70, '1.4', 'partial_credit']);
		expect(s1.reasons[0]).toEqual({
			code: 'MISSING_CHECKOUT_GRACE_APPLIED',
			detail: 'badge entry has no exit; counted 70 min to the next presence elsewhere',
		});
	});

	it('a poll answered while the attendee had left the webinar: conflict for review', () => {
		const d = only(
			decide(schedule, nasba, [
				...zoomSegment('13:00', '13:30', { sessionId: 'W' }),
				...polls(6, 6, { sessionId: 'W' }, '13:20'),
			]),
			'W',
		);
		expect([d.outcome, codes(d)[0]]).toEqual(['needs_review', 'CONFLICTING_SOURCES']);
	});

	it('no presence inside the content (scanned only during a break)', () => {
		const withBreak = scheduleOf([
			session('S1', '09:00', '11:00', {
				breaks: [{ start: '2026-05-14 10:00', end: '2026-05-14 10:30' }],
			}),
		]);
		const d = only(decide(withBreak, nasba, inOut('10:05', '10:25')));
		expect([d.outcome, codes(d)]).toEqual(['no_credit', ['NO_PRESENCE_DURING_CONTENT']]);
	});
});
