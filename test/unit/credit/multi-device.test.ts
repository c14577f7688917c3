import type { AttendanceSignal } from '../../../nodes/core/domain/model';
import {
	at,
	codes,
	decide,
	inOut,
	only,
	plus,
	policyOf,
	scheduleOf,
	session,
	signal,
	zoomSegment,
} from './cpe-fixtures';
import { seededRandom, shuffled } from './seeded-random';

// Several devices (badge gates, kiosks, Zoom) each see part of one attendee's day. Presence they
// record one after another is one timeline; only contradictory claims about the same stretch of
// time are a conflict. Policy: NASBA, fifths, strict (open stays go to review).
const nasba = policyOf({ type: 'nasba' });
const schedule = scheduleOf([session('S1', '09:00', '10:40', { room: 'Room A' })]);
const CONTENT_MINUTES = 100;
const decideOne = (signals: AttendanceSignal[]) => only(decide(schedule, nasba, signals));
/** NASBA fifths, worked out here and not by the engine: 50 minutes a credit, at least 1. */
const fifths = (minutes: number) => {
	const steps = Math.floor((minutes * 5) / 50);
	return steps < 5 ? '0' : String(steps / 5);
};

describe('sequential presence from several devices is one timeline', () => {
	it('device A sees entry and exit, device B a later re-entry and exit: credit for the union, no review', () => {
		const random = seededRandom(1616);
		for (let run = 0; run < 200; run++) {
			const [a, b] = random() < 0.5 ? ['badge', 'kiosk'] : ['kiosk', 'badge'];
			const leftAt = 5 + Math.floor(random() * 80); // minutes into the session
			const away = Math.floor(random() * 15); // 0: out through one door, in through another
			const signals = [
				...inOut(plus('09:00', -Math.floor(random() * 10)), plus('09:00', leftAt), { source: a }),
				...inOut(plus('09:00', leftAt + away), plus('10:40', Math.floor(random() * 10)), {
					source: b,
				}),
			];
			const d = decideOne(shuffled(signals, random));
			const expected = [CONTENT_MINUTES - away, fifths(CONTENT_MINUTES - away)];
			const got = [d.attendedMinutes, d.credits];
			if (d.outcome === 'needs_review' || JSON.stringify(got) !== JSON.stringify(expected))
				throw new Error(`run ${run} (${a} then ${b}, away ${away}): ${d.outcome} ${codes(d)}`);
			expect(codes(d)).not.toContain('CONFLICTING_SOURCES');
		}
	});

	it('the exact case from the field: no CONFLICTING_SOURCES, full credit', () => {
		const d = decideOne([
			...inOut('08:58', '09:30', { source: 'badge' }),
			...inOut('09:30', '10:41', { source: 'kiosk' }),
		]);
		expect([d.outcome, d.credits, codes(d)]).toEqual([
			'full_credit',
			'2',
			['MET_DURATION_THRESHOLD'],
		]);
		expect(d.windowsUsed.map((w) => [w.start, w.end, w.sources])).toEqual([
			[at('09:00'), at('10:40'), ['badge', 'kiosk']],
		]);
	});

	it('an exit inside another device continuous presence is still a conflict, with both claims named', () => {
		const d = decideOne([
			...inOut('08:58', '10:41', { source: 'kiosk' }),
			...inOut('08:59', '09:20', { source: 'badge' }),
		]);
		expect([d.outcome, d.reasons[0]]).toEqual([
			'needs_review',
			{
				code: 'CONFLICTING_SOURCES',
				detail:
					'badge recorded an exit at 09:20 while kiosk shows continuous presence from 08:58 to 10:41 (80 min in dispute); tolerance 5 min',
			},
		]);
	});

	it('online and in the room: a Zoom leave inside a badge stay is a conflict', () => {
		const d = decideOne([...inOut('09:00', '10:40'), ...zoomSegment('09:00', '09:15')]);
		expect([d.outcome, codes(d)[0]]).toEqual(['needs_review', 'CONFLICTING_SOURCES']);
	});
});

describe('equal timestamps never depend on input order', () => {
	it('out through one door and in through another in the same second: one continuous stay', () => {
		const signals = [
			...inOut('08:58', '09:40', { row: 1 }),
			...inOut('09:40', '10:41', { row: 2 }),
		];
		for (const order of [signals, [...signals].reverse(), shuffled(signals, seededRandom(7))]) {
			const d = decideOne(order);
			expect([d.outcome, d.attendedMinutes, d.credits, codes(d)]).toEqual([
				'full_credit',
				CONTENT_MINUTES,
				'2',
				['MET_DURATION_THRESHOLD'],
			]);
		}
	});

	it('a Zoom row whose join and leave fall in the same second still pairs', () => {
		const d = decideOne([...zoomSegment('09:00', '09:00'), ...zoomSegment('09:00', '10:40')]);
		expect(codes(d)).not.toContain('DUPLICATE_SIGNALS');
		expect(codes(d)).not.toContain('CHECK_OUT_WITHOUT_CHECK_IN');
	});

	it('any permutation of signals with many equal instants gives identical decisions', () => {
		const random = seededRandom(4242);
		const kinds: AttendanceSignal['kind'][] = ['check_in', 'check_out', 'scan', 'join', 'leave'];
		const sources = ['badge', 'kiosk', 'zoom_report'];
		for (let run = 0; run < 300; run++) {
			const signals: AttendanceSignal[] = [];
			const count = 2 + Math.floor(random() * 8);
			for (let i = 0; i < count; i++) {
				// A coarse grid of instants: most signals share their second with another one.
				const minute = Math.floor(random() * 6) * 20 - 10;
				signals.push(
					signal({
						kind: kinds[Math.floor(random() * kinds.length)],
						source: sources[Math.floor(random() * sources.length)],
						at: at(plus('09:00', minute)),
					}),
				);
			}
			if (random() < 0.3)
				signals.push(
					signal({ kind: 'poll_answer', source: 'poll', at: at('09:50'), pollId: 'p1' }),
				);
			const reference = decide(schedule, nasba, signals);
			for (let k = 0; k < 3; k++)
				expect(decide(schedule, nasba, shuffled(signals, random))).toEqual(reference);
		}
	});
});
