import {
	creditsForMinutes,
	formatCredits,
	minimumPollsFor,
	sumCredits,
} from '../../../nodes/core/domain/credit';
import { CreditDecisionSchema } from '../../../nodes/core/domain/model';
import {
	codes,
	decide,
	inOut,
	only,
	plus,
	policyOf,
	polls,
	scheduleOf,
	session,
	signal,
	at,
	zoomSegment,
} from './cpe-fixtures';

// Every worked example of cpe-standards.md, part A3 (and the A2 comparison figures), reproduced
// through the full pipeline: schedule + attendance signals -> decision. Printed with one decimal
// as the tables write them ("1.0"); the decision holds the exact canonical text ("1").
const fifths = policyOf({ type: 'nasba', increment: 'fifths' });
const halves = policyOf({ type: 'nasba', increment: 'halves' });
const shown = (credits: string) => formatCredits(credits, 1);

describe('A3 worked CPE examples, group live (badge in/out)', () => {
	const groupLive: Array<[number, string, string, string, number]> = [
		// #, scenario, fifths, halves, minutes attended of a session of that length
		[1, '50 content-minutes attended', '1.0', '1.0', 50],
		[3, '75 min', '1.4', '1.5', 75],
		[4, "140 min (NASBA's own example, R6)", '2.8', '2.5', 140],
		[5, '70 min', '1.4', '1.0', 70],
	];
	it.each(groupLive)(
		'A3 #%i: %s -> fifths %s / halves %s',
		(_n, _scenario, expectFifths, expectHalves, minutes) => {
			const schedule = scheduleOf([session('S1', '09:00', plus('09:00', minutes))]);
			const signals = inOut('08:55', plus('09:00', minutes + 3));
			const f = only(decide(schedule, fifths, signals));
			const h = only(decide(schedule, halves, signals));
			expect([shown(f.credits), shown(h.credits)]).toEqual([expectFifths, expectHalves]);
			expect(f.attendedMinutes).toBe(minutes);
			expect(f.outcome).toBe('full_credit');
			expect(CreditDecisionSchema.safeParse(f).success).toBe(true);
		},
	);

	it('A3 #2: 49 min (left 1 min early from a 50-min session) -> 0 / 0, R2 minimum one credit', () => {
		const schedule = scheduleOf([session('S1', '09:00', '09:50')]);
		const signals = inOut('08:58', '09:49');
		for (const policy of [fifths, halves]) {
			const decision = only(decide(schedule, policy, signals));
			expect([decision.credits, decision.outcome, decision.attendedMinutes]).toEqual([
				'0',
				'no_credit',
				49,
			]);
			expect(codes(decision)).toEqual(['LEFT_EARLY', 'BELOW_MINIMUM_CREDIT']);
		}
	});

	it('A3 #6: conference, five 30-min sessions back to back = 150 min -> 3.0 / 3.0 (R7 program)', () => {
		const starts = ['09:00', '09:30', '10:00', '10:30', '11:00'];
		const schedule = scheduleOf(
			starts.map((start, i) => session(`T${i + 1}`, start, plus(start, 30), { programId: 'DAY1' })),
		);
		const signals = starts.flatMap((start, i) =>
			inOut(plus(start, -1), plus(start, 30), { sessionId: `T${i + 1}` }),
		);
		for (const [policy, expected] of [
			[fifths, '3.0'],
			[halves, '3.0'],
		] as const) {
			const decision = only(decide(schedule, policy, signals), 'DAY1');
			expect([shown(decision.credits), decision.attendedMinutes, decision.outcome]).toEqual([
				expected,
				150,
				'full_credit',
			]);
			expect(decision.subject.sessionIds).toEqual(['T1', 'T2', 'T3', 'T4', 'T5']);
			expect(codes(decision)).toContain('PROGRAM_AGGREGATED');
		}
	});

	it('A3 #7: conference day 08:30-17:00 minus lunch, two breaks, housekeeping = 400 min -> 8.0 / 8.0 (R8)', () => {
		const schedule = scheduleOf([
			session('S1', '08:30', '17:00', {
				breaks: [
					{ start: `2026-05-14 08:30`, end: `2026-05-14 08:40`, label: 'housekeeping' },
					{ start: `2026-05-14 10:30`, end: `2026-05-14 10:50`, label: 'break' },
					{ start: `2026-05-14 12:00`, end: `2026-05-14 13:00`, label: 'lunch' },
					{ start: `2026-05-14 15:00`, end: `2026-05-14 15:20`, label: 'break' },
				],
			}),
		]);
		const signals = inOut('08:20', '17:05');
		for (const policy of [fifths, halves]) {
			const decision = only(decide(schedule, policy, signals));
			expect([shown(decision.credits), decision.contentMinutes, decision.attendedMinutes]).toEqual([
				'8.0',
				400,
				400,
			]);
		}
	});

	it('A3 #8: badge scans in 09:05, out 10:37 in a 09:00-10:40 block = 92 min -> 1.8 / 1.5 (R9, R10)', () => {
		const schedule = scheduleOf([session('S1', '09:00', '10:40')]);
		const signals = [
			signal({ kind: 'scan', at: at('09:05') }),
			signal({ kind: 'scan', at: at('10:37') }),
		];
		const f = only(decide(schedule, fifths, signals));
		const h = only(decide(schedule, halves, signals));
		expect([shown(f.credits), shown(h.credits), f.attendedMinutes]).toEqual(['1.8', '1.5', 92]);
		expect(codes(f)).toEqual(['ARRIVED_LATE', 'LEFT_EARLY', 'PARTIAL_DURATION_CREDIT']);
		expect(f.windowsUsed).toEqual([
			{ sessionId: 'S1', start: at('09:05'), end: at('10:37'), sources: ['badge'] },
		]);
	});

	it('A3 #9: three sub-50-minute sessions partly attended, 35 + 40 + 20 = 95 min -> 1.8 / 1.5', () => {
		const schedule = scheduleOf([
			session('T1', '09:00', '09:45', { programId: 'P' }),
			session('T2', '09:45', '10:30', { programId: 'P' }),
			session('T3', '10:30', '11:15', { programId: 'P' }),
		]);
		const signals = [
			...inOut('09:10', '09:45', { sessionId: 'T1' }),
			...inOut('09:45', '10:25', { sessionId: 'T2' }),
			...inOut('10:30', '10:50', { sessionId: 'T3' }),
		];
		const f = only(decide(schedule, fifths, signals), 'P');
		const h = only(decide(schedule, halves, signals), 'P');
		expect([shown(f.credits), shown(h.credits), f.attendedMinutes]).toEqual(['1.8', '1.5', 95]);
		expect(f.sessions?.map((s) => s.attendedMinutes)).toEqual([35, 40, 20]);
	});
});

describe('A3 worked CPE examples, group internet based (Zoom segments + polls, R11 strict)', () => {
	const gib: Array<[number, string, string, string, number, number, number, number]> = [
		// #, scenario, fifths, halves, session minutes, minutes present, polls launched, polls answered
		[10, '100-min webinar, present 100, answered 6 of 6', '2.0', '2.0', 100, 100, 6, 6],
		[11, '100 min, answered 5 of 6: P = 1.67', '1.6', '1.5', 100, 100, 6, 5],
		[12, '100 min, answered 2 of 6: P = 0.67, below the minimum', '0', '0', 100, 100, 6, 2],
		[13, '60-min webinar, logged in 55, answered 3 of 3: T = 1.1', '1.0', '1.0', 60, 55, 3, 3],
		[
			14,
			'150 min, present 130 (T = 2.6 / 2.5), answered 7 of 9 (P = 2.33)',
			'2.2',
			'2.0',
			150,
			130,
			9,
			7,
		],
		[15, '120 min, answered 4 polls (T = 2.4 / 2.0, P = 1.33)', '1.2', '1.0', 120, 120, 12, 4],
	];
	it.each(gib)(
		'A3 #%i: %s -> fifths %s / halves %s',
		(_n, _s, expectFifths, expectHalves, length, present, launched, answered) => {
			const schedule = scheduleOf([
				session('S1', '09:00', plus('09:00', length), { deliveryMethod: 'group-internet' }),
			]);
			const signals = [
				...zoomSegment('08:58', plus('09:00', present)),
				...polls(answered, launched, {}, '09:04'),
			];
			const f = only(decide(schedule, fifths, signals));
			const h = only(decide(schedule, halves, signals));
			expect([shown(f.credits), shown(h.credits)]).toEqual([
				expectFifths === '0' ? '0.0' : expectFifths,
				expectHalves === '0' ? '0.0' : expectHalves,
			]);
			expect(f.dataPoints.pollsAnswered).toBe(answered);
			expect(f.deliveryMethod).toBe('group-internet');
		},
	);

	it('A3 #11: the poll shortfall is explained and the time credit kept in the record', () => {
		const schedule = scheduleOf([
			session('S1', '09:00', '10:40', { deliveryMethod: 'group-internet' }),
		]);
		const decision = only(
			decide(schedule, fifths, [...zoomSegment('08:58', '10:40'), ...polls(5, 6)]),
		);
		expect(codes(decision)).toEqual(['MET_DURATION_THRESHOLD', 'POLLING_LIMITED_CREDIT']);
		expect([decision.outcome, decision.credits, decision.maxCredits]).toEqual([
			'partial_credit',
			'1.6',
			'2',
		]);
	});

	it('A3 #12: too few polls answered gives no credit, with the polling reason', () => {
		const schedule = scheduleOf([
			session('S1', '09:00', '10:40', { deliveryMethod: 'group-internet' }),
		]);
		const decision = only(
			decide(schedule, halves, [...zoomSegment('08:58', '10:40'), ...polls(2, 6)]),
		);
		expect([decision.outcome, decision.credits]).toEqual(['no_credit', '0']);
		expect(codes(decision)).toContain('POLLING_BELOW_MINIMUM');
	});

	it('A3 minimum polls to schedule: a 2.6-credit session needs 8 (ceil 3 x credits)', () => {
		expect([
			minimumPollsFor('2.6'),
			minimumPollsFor('1'),
			minimumPollsFor('2.5'),
			minimumPollsFor('0.2'),
		]).toEqual([8, 3, 8, 1]);
	});
});

describe('A3 worked CPE examples, nano learning and self study (R3, R4, R16)', () => {
	it('A3 #16: nano module of 10-19 minutes, completed with assessment -> 0.2', () => {
		const schedule = scheduleOf([session('S1', '09:00', '09:15', { deliveryMethod: 'nano' })]);
		const decision = only(
			decide(schedule, fifths, [signal({ kind: 'manual', at: at('09:20'), source: 'lms' })]),
		);
		expect([decision.credits, decision.outcome]).toEqual(['0.2', 'full_credit']);
		expect(codes(decision)).toContain('COMPLETION_CONFIRMED');
		expect(
			[10, 19, 9, 20].map((m) => creditsForMinutes(fifths.policy, m, { method: 'nano' })),
		).toEqual(['0.2', '0.2', '0', '0']);
	});

	it('A3 #17: 20-minute microlearning must be two stand-alone nanos: 2 x 0.2 = 0.4', () => {
		const schedule = scheduleOf([
			session('N1', '09:00', '09:10', { deliveryMethod: 'nano' }),
			session('N2', '09:10', '09:20', { deliveryMethod: 'nano' }),
			session('N3', '10:00', '10:20', { deliveryMethod: 'nano' }),
		]);
		const decisions = decide(
			schedule,
			fifths,
			['N1', 'N2', 'N3'].map((id) =>
				signal({ kind: 'manual', at: at('10:30'), sessionId: id, source: 'lms' }),
			),
		);
		expect(
			sumCredits(decisions.filter((d) => d.subject.sessionId !== 'N3').map((d) => d.credits)),
		).toBe('0.4');
		const single = only(decisions, 'N3');
		expect([single.credits, single.outcome]).toEqual(['0', 'needs_review']);
		expect(codes(single)).toContain('NANO_LENGTH_OUT_OF_RANGE');
	});

	it.each([
		[18, 25, '0.5', '0.5'],
		[19, 60, '1.2', '1.0'],
	])(
		'A3 #%i: self study, average completion %i min -> fifths %s / halves %s',
		(_n, minutes, expectFifths, expectHalves) => {
			const schedule = scheduleOf([
				session('S1', '09:00', plus('09:00', minutes), { deliveryMethod: 'self-study' }),
			]);
			const done = [signal({ kind: 'manual', at: at('12:00'), source: 'lms' })];
			const results = [fifths, halves].map((policy) =>
				shown(only(decide(schedule, policy, done)).credits),
			);
			expect(results).toEqual([expectFifths, expectHalves]);
			expect(creditsForMinutes(fifths.policy, minutes, { method: 'self-study' })).toBe(
				minutes === 60 ? '1.2' : '0.5',
			);
			expect(creditsForMinutes(fifths.policy, 24, { method: 'self-study' })).toBe('0');
		},
	);
});

describe('A2 comparison figures for other credit systems', () => {
	const schedule100 = scheduleOf([session('S1', '09:00', '10:40')]);
	it('A2/A3 CME: 100 min -> 1.75 (nearest quarter), 95 min -> 1.5', () => {
		const cme = policyOf({ type: 'cme' });
		expect(only(decide(schedule100, cme, inOut('08:59', '10:41'))).credits).toBe('1.75');
		expect(only(decide(schedule100, cme, inOut('09:05', '10:41'))).credits).toBe('1.5');
		expect([100, 95].map((m) => creditsForMinutes(cme.policy, m))).toEqual(['1.75', '1.5']);
	});

	it('A2/A3 IACET: 6 contact hours -> 0.6 CEU; 30 min -> 0.1 CEU (the minimum, 0.05 rounds up); 1.78 -> 1.8', () => {
		const iacet = policyOf({ type: 'iacet' });
		const day = scheduleOf([session('S1', '09:00', '15:00')]);
		expect(only(decide(day, iacet, inOut('08:50', '15:10'))).credits).toBe('0.6');
		expect([30, 1068, 20].map((m) => creditsForMinutes(iacet.policy, m))).toEqual([
			'0.1',
			'1.8',
			'0',
		]);
	});

	it('A2/A3 NY CLE (50-minute hour, 0.5 steps, round down): 75 min -> 1.5, 70 min -> 1.0, 25-49 min -> 0.5', () => {
		const ny = policyOf({
			type: 'cle',
			minutesPerCredit: '50',
			increment: '0.5',
			rounding: 'down',
			minimumSessionMinutes: 25,
		});
		expect([75, 70, 25, 49, 24].map((m) => shown(creditsForMinutes(ny.policy, m)))).toEqual([
			'1.5',
			'1.0',
			'0.5',
			'0.5',
			'0.0',
		]);
		const short = scheduleOf([session('S1', '09:00', '09:20')]);
		expect(codes(only(decide(short, ny, inOut('08:55', '09:25'))))).toContain(
			'SESSION_BELOW_MINIMUM_CREDIT',
		);
	});
});
