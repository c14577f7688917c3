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

const hour = scheduleOf([session('S1', '09:00', '10:00')]);
const summary = (d: ReturnType<typeof only>) => [d.outcome, d.credits, codes(d)];

describe('threshold rules', () => {
	const eighty = policyOf({ type: 'threshold', minimumPercent: 80, credits: '1' });

	it('80 % of a 60-minute session: 48 minutes earn the credit, 47 do not', () => {
		expect(summary(only(decide(hour, eighty, inOut('09:12', '10:05'))))).toEqual([
			'full_credit',
			'1',
			['ARRIVED_LATE', 'MET_DURATION_THRESHOLD'],
		]);
		expect(summary(only(decide(hour, eighty, inOut('09:13', '10:05'))))).toEqual([
			'no_credit',
			'0',
			['ARRIVED_LATE', 'BELOW_ATTENDANCE_MINIMUM'],
		]);
	});

	it('keynote = full duration, with a grace period for late scans', () => {
		const keynote = policyOf({
			type: 'threshold',
			minimumPercent: 100,
			credits: '1',
			grace: { lateArrivalMinutes: 5, earlyDepartureMinutes: 2 },
		});
		expect(summary(only(decide(hour, keynote, inOut('09:05', '09:58'))))).toEqual([
			'full_credit',
			'1',
			['LATE_ARRIVAL_GRACE_APPLIED', 'EARLY_DEPARTURE_GRACE_APPLIED', 'MET_DURATION_THRESHOLD'],
		]);
		expect(summary(only(decide(hour, keynote, inOut('09:06', '10:00'))))).toEqual([
			'no_credit',
			'0',
			['ARRIVED_LATE', 'BELOW_ATTENDANCE_MINIMUM'],
		]);
		const d = only(decide(hour, keynote, inOut('09:05', '10:00')));
		expect(d.windowsUsed).toEqual([
			{ sessionId: 'S1', start: at('09:00'), end: at('10:00'), sources: ['badge', 'grace'] },
		]);
	});

	it('without a fixed credit the session length sets it; partial credit below the threshold when allowed', () => {
		const long = scheduleOf([session('S1', '09:00', '11:00')]);
		const partial = policyOf({
			type: 'threshold',
			minimumPercent: 90,
			partialCredit: true,
			increment: '0.5',
		});
		expect(summary(only(decide(long, partial, inOut('09:00', '10:50'))))).toEqual([
			'full_credit',
			'2',
			['LEFT_EARLY', 'MET_DURATION_THRESHOLD'],
		]);
		expect(summary(only(decide(long, partial, inOut('09:00', '10:20'))))).toEqual([
			'partial_credit',
			'1',
			['LEFT_EARLY', 'PARTIAL_DURATION_CREDIT'],
		]);
	});
});

describe('custom, CLE, CME and IACET policies', () => {
	it('custom: maximum credits cap and a minimum attendance share', () => {
		const capped = policyOf({
			type: 'custom',
			minutesPerCredit: '50',
			increment: '0.1',
			maximumCredits: '1',
			minimumPercent: 50,
		});
		expect(summary(only(decide(hour, capped, inOut('09:00', '10:00'))))).toEqual([
			'full_credit',
			'1',
			['MET_DURATION_THRESHOLD'],
		]);
		expect(summary(only(decide(hour, capped, inOut('09:00', '09:29'))))).toEqual([
			'no_credit',
			'0',
			['LEFT_EARLY', 'BELOW_ATTENDANCE_MINIMUM'],
		]);
		expect(summary(only(decide(hour, capped, inOut('09:00', '09:40'))))).toEqual([
			'partial_credit',
			'0.8',
			['LEFT_EARLY', 'PARTIAL_DURATION_CREDIT'],
		]);
	});

	it('a session with designated credits uses them as its maximum', () => {
		const designated = scheduleOf([session('S1', '09:00', '10:00', { credits: 1.5 })]);
		const cle = policyOf({ type: 'cle', increment: '0.5' });
		expect(only(decide(designated, cle, inOut('09:00', '10:00'))).credits).toBe('1.5');
		expect(summary(only(decide(designated, cle, inOut('09:00', '09:45'))))).toEqual([
			'partial_credit',
			'0.5',
			['LEFT_EARLY', 'PARTIAL_DURATION_CREDIT'],
		]);
	});

	it('CME rounds to the nearest quarter with a 0.25 minimum; IACET can require a share', () => {
		expect(only(decide(hour, policyOf({ type: 'cme' }), inOut('09:00', '09:07'))).credits).toBe(
			'0',
		);
		expect(only(decide(hour, policyOf({ type: 'cme' }), inOut('09:00', '09:08'))).credits).toBe(
			'0.25',
		);
		const iacet = policyOf({ type: 'iacet', minimumPercent: 75 });
		expect(codes(only(decide(hour, iacet, inOut('09:00', '09:40'))))).toEqual([
			'LEFT_EARLY',
			'BELOW_ATTENDANCE_MINIMUM',
		]);
		expect(only(decide(hour, iacet, inOut('09:00', '10:00'))).credits).toBe('0.1');
	});
});

describe('polling requirement (group internet based)', () => {
	const webinar = scheduleOf([
		session('W', '13:00', '14:40', { deliveryMethod: 'group-internet' }),
	]);
	const present = zoomSegment('12:59', '14:41', { sessionId: 'W' });
	const decidePolls = (policy: ReturnType<typeof policyOf>, answered: number) =>
		only(
			decide(webinar, policy, [...present, ...polls(answered, 8, { sessionId: 'W' }, '13:05')]),
			'W',
		);

	it('percent mode: full credit from the threshold, a review band, and none below', () => {
		const percent = policyOf({
			type: 'nasba',
			polling: { mode: 'percent', fullCreditPercent: 75, reviewPercent: 50 },
		});
		expect(summary(decidePolls(percent, 6))).toEqual([
			'full_credit',
			'2',
			['MET_DURATION_THRESHOLD', 'POLLING_REQUIREMENT_MET'],
		]);
		expect(summary(decidePolls(percent, 4))).toEqual([
			'needs_review',
			'2',
			['MET_DURATION_THRESHOLD', 'POLLING_BELOW_FULL_CREDIT_PERCENT'],
		]);
		expect(summary(decidePolls(percent, 3))).toEqual([
			'no_credit',
			'0',
			['MET_DURATION_THRESHOLD', 'POLLING_BELOW_MINIMUM'],
		]);
		expect(decidePolls(percent, 3).dataPoints).toMatchObject({ pollsAnswered: 3, pollsTotal: 8 });
	});

	it('polling can be switched off for a sponsor that monitors otherwise', () => {
		expect(decidePolls(policyOf({ type: 'nasba', polling: { mode: 'none' } }), 0).credits).toBe(
			'2',
		);
	});

	it('hybrid session: the room attendee needs no polls, the online attendee does', () => {
		const hybrid = scheduleOf([session('H', '09:00', '10:40', { modality: 'hybrid' })]);
		const decisions = decide(hybrid, policyOf({ type: 'nasba' }), [
			...inOut('08:55', '10:45', { sessionId: 'H', attendeeId: 'room' }),
			...zoomSegment('08:55', '10:45', { sessionId: 'H', attendeeId: 'online' }),
			...polls(4, 6, { sessionId: 'H', attendeeId: 'online' }),
		]);
		expect(
			decisions.map((d) => [d.subject.attendeeId, d.deliveryMethod, d.credits, codes(d).at(-1)]),
		).toEqual([
			['online', 'group-internet', '1.2', 'POLLING_LIMITED_CREDIT'],
			['room', 'group-live', '2', 'MET_DURATION_THRESHOLD'],
		]);
	});
});

describe('units, registrations and completion-based credit', () => {
	it('registered attendees without any evidence get NO_ATTENDANCE_RECORDED', () => {
		const d = only(
			decide(hour, policyOf({ type: 'nasba' }), [], {
				registrations: [{ attendeeId: 'a1', sessionId: 'S1' }],
			}),
		);
		expect(summary(d)).toEqual(['no_credit', '0', ['NO_ATTENDANCE_RECORDED']]);
	});

	it('parallel sessions of one program count once (simultaneous sessions count once)', () => {
		const program = scheduleOf([
			session('P1', '09:00', '09:40', { programId: 'P' }),
			session('P2', '09:20', '10:00', { programId: 'P' }),
		]);
		const d = only(
			decide(program, policyOf({ type: 'nasba' }), [
				...inOut('09:00', '09:40', { sessionId: 'P1' }),
				...inOut('09:20', '10:00', { sessionId: 'P2' }),
			]),
			'P',
		);
		expect([d.contentMinutes, d.attendedMinutes, d.credits, d.sessions]).toEqual([
			60,
			60,
			'1.2',
			[
				{ sessionId: 'P1', contentMinutes: 40, attendedMinutes: 40 },
				{ sessionId: 'P2', contentMinutes: 40, attendedMinutes: 40 },
			],
		]);
	});

	it('a single session too short for a credit says so (and how to combine it)', () => {
		const short = scheduleOf([session('S1', '09:00', '09:30')]);
		expect(
			summary(only(decide(short, policyOf({ type: 'nasba' }), inOut('09:00', '09:30')))),
		).toEqual(['no_credit', '0', ['SESSION_BELOW_MINIMUM_CREDIT']]);
	});

	it('self study without a completion confirmation earns nothing', () => {
		const selfStudy = scheduleOf([
			session('S1', '09:00', '10:00', { deliveryMethod: 'self-study' }),
		]);
		expect(
			summary(
				only(
					decide(selfStudy, policyOf({ type: 'nasba' }), [
						signal({ kind: 'heartbeat', at: at('09:10') }),
					]),
				),
			),
		).toEqual(['no_credit', '0', ['COMPLETION_NOT_CONFIRMED']]);
	});

	it("a NASBA policy's delivery method overrides the session's", () => {
		const d = only(
			decide(
				hour,
				policyOf({ type: 'nasba', deliveryMethod: 'group-internet' }),
				zoomSegment('09:00', '10:00'),
			),
		);
		expect([d.deliveryMethod, codes(d).at(-1)]).toEqual([
			'group-internet',
			'POLLING_BELOW_MINIMUM',
		]);
	});
});
