import { compare, parseDecimal } from '../../../nodes/core/domain/credit/decimal';
import type { AttendanceSignal, SessionInput } from '../../../nodes/core/domain/model';
import { decide, policyOf, scheduleOf, session } from './cpe-fixtures';
import { seededRandom, shuffled } from './seeded-random';

// Seeded, deterministic property checks over random sessions, policies and evidence.
const RUNS = 300;
const START = Date.parse('2026-05-14T13:00:00.000Z'); // 09:00 in New York
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const atMost = (a: string, b: string) => compare(parseDecimal(a), parseDecimal(b)) <= 0;

const POLICIES = [
	policyOf({ type: 'nasba', increment: 'fifths' }),
	policyOf({
		type: 'nasba',
		increment: 'halves',
		grace: { missingCheckout: 'session_end', missingCheckIn: 'session_start' },
	}),
	policyOf({
		type: 'nasba',
		polling: { mode: 'percent', fullCreditPercent: 75, reviewPercent: 50 },
	}),
	policyOf({ type: 'cme' }),
	policyOf({ type: 'iacet', minimumPercent: 50 }),
	policyOf({ type: 'cle', minutesPerCredit: '50', increment: '0.5', minimumSessionMinutes: 25 }),
	policyOf({
		type: 'threshold',
		minimumPercent: 100,
		credits: '1',
		grace: { lateArrivalMinutes: 5, earlyDepartureMinutes: 5 },
	}),
	policyOf({ type: 'threshold', minimumPercent: 80, partialCredit: true }),
	policyOf({
		type: 'custom',
		minutesPerCredit: '45.5',
		increment: '0.1',
		maximumCredits: '2.3',
		minimumPercent: 10,
		grace: { missingCheckout: 'session_end' },
	}),
];

interface Scenario {
	sessions: SessionInput[];
	policyIndex: number;
	lengthMin: number;
}

function scenario(random: () => number): Scenario {
	const lengthMin = 20 + Math.floor(random() * 220);
	const extra: Partial<SessionInput> = {
		deliveryMethod: random() < 0.5 ? 'group-live' : 'group-internet',
		pollsScheduled: 6,
	};
	if (lengthMin > 90 && random() < 0.5)
		extra.breaks = [{ start: '2026-05-14 10:00', end: '2026-05-14 10:15' }];
	const end = new Date(START + lengthMin * MINUTE - 4 * 3_600_000).toISOString().slice(11, 16);
	return {
		sessions: [session('S1', '09:00', end, extra)],
		policyIndex: Math.floor(random() * POLICIES.length),
		lengthMin,
	};
}

let segmentCounter = 0;
function segment(
	random: () => number,
	lengthMin: number,
	source = random() < 0.5 ? 'zoom_report' : 'badge',
): AttendanceSignal[] {
	const from = START + Math.floor((random() * (lengthMin + 40) - 20) * MINUTE);
	const to = from + Math.floor(random() * lengthMin * MINUTE);
	const segmentId = `seg-${segmentCounter++}`;
	const kinds =
		source === 'badge' ? (['check_in', 'check_out'] as const) : (['join', 'leave'] as const);
	return [
		{
			attendeeId: 'a1',
			sessionId: 'S1',
			kind: kinds[0],
			at: iso(from),
			source,
			confidence: 0.9,
			segmentId,
		},
		{
			attendeeId: 'a1',
			sessionId: 'S1',
			kind: kinds[1],
			at: iso(to),
			source,
			confidence: 0.9,
			segmentId,
		},
	];
}

function evidence(random: () => number, lengthMin: number): AttendanceSignal[] {
	const signals: AttendanceSignal[] = [];
	const count = Math.floor(random() * 4);
	for (let i = 0; i < count; i++) signals.push(...segment(random, lengthMin));
	const base = { attendeeId: 'a1', sessionId: 'S1', confidence: 0.8 };
	for (let i = Math.floor(random() * 8); i > 0; i--) {
		signals.push({
			...base,
			kind: 'heartbeat',
			source: 'platform',
			at: iso(START + Math.floor(random() * lengthMin) * MINUTE),
		});
	}
	for (let poll = 1; poll <= 6; poll++) {
		if (random() < 0.6)
			signals.push({
				...base,
				kind: 'poll_answer',
				source: 'poll',
				pollId: `p${poll}`,
				answered: random() < 0.8,
				at: iso(START + poll * 7 * MINUTE),
			});
	}
	if (random() < 0.2)
		signals.push({
			...base,
			kind: 'check_in',
			source: 'kiosk',
			at: iso(START + Math.floor(random() * lengthMin) * MINUTE),
		});
	if (random() < 0.1)
		signals.push({
			...base,
			kind: 'check_out',
			source: 'door',
			at: iso(START + Math.floor(random() * lengthMin) * MINUTE),
		});
	if (random() < 0.1)
		signals.push({
			...base,
			kind: 'manual',
			source: 'moderator',
			at: iso(START),
			from: iso(START),
			until: iso(START + 10 * MINUTE),
		});
	return signals;
}

/** More presence: one more segment, a segment made wider, or one more answered poll. */
function grow(
	random: () => number,
	signals: AttendanceSignal[],
	lengthMin: number,
): AttendanceSignal[] {
	const choice = random();
	const paired = signals.filter(
		(s) => s.segmentId !== undefined && (s.kind === 'join' || s.kind === 'check_in'),
	);
	if (choice < 0.4 || paired.length === 0) return [...signals, ...segment(random, lengthMin)];
	if (choice < 0.8) {
		const id = paired[Math.floor(random() * paired.length)].segmentId;
		const earlier = Math.floor(random() * 30) * MINUTE;
		const later = Math.floor(random() * 30) * MINUTE;
		return signals.map((s) => {
			if (s.segmentId !== id) return s;
			const entry = s.kind === 'join' || s.kind === 'check_in';
			return { ...s, at: iso(Date.parse(s.at) + (entry ? -earlier : later)) };
		});
	}
	const missing = [1, 2, 3, 4, 5, 6].find(
		(p) => !signals.some((s) => s.pollId === `p${p}` && s.answered !== false),
	);
	if (missing === undefined) return [...signals, ...segment(random, lengthMin)];
	return [
		...signals,
		{
			attendeeId: 'a1',
			sessionId: 'S1',
			kind: 'poll_answer',
			source: 'poll',
			pollId: `p${missing}`,
			answered: true,
			confidence: 1,
			at: iso(START + missing * 7 * MINUTE),
		},
	];
}

const decideAll = (s: Scenario, signals: AttendanceSignal[]) =>
	decide(scheduleOf(s.sessions), POLICIES[s.policyIndex], signals);

describe('credit properties (seeded pseudo-random cases)', () => {
	it('credits never exceed the session maximum and are never negative', () => {
		const random = seededRandom(101);
		for (let run = 0; run < RUNS; run++) {
			const s = scenario(random);
			for (const d of decideAll(s, evidence(random, s.lengthMin))) {
				const ok = atMost(d.credits, d.maxCredits) && atMost('0', d.credits);
				if (!ok)
					throw new Error(
						`run ${run}: ${d.credits} > ${d.maxCredits} under ${POLICIES[s.policyIndex].policy.type}`,
					);
				expect(ok).toBe(true);
			}
		}
	});

	it('credits never decrease when attendance grows', () => {
		const random = seededRandom(202);
		for (let run = 0; run < RUNS; run++) {
			const s = scenario(random);
			let signals = evidence(random, s.lengthMin);
			let before = decideAll(s, signals)[0]?.credits ?? '0';
			for (let step = 0; step < 4; step++) {
				signals = grow(random, signals, s.lengthMin);
				const after = decideAll(s, signals)[0].credits;
				if (!atMost(before, after))
					throw new Error(
						`run ${run} step ${step}: ${before} -> ${after} under ${JSON.stringify(POLICIES[s.policyIndex].policy)}`,
					);
				expect(atMost(before, after)).toBe(true);
				before = after;
			}
		}
	});

	it('decisions, windows and reasons do not depend on the order of the signals', () => {
		const random = seededRandom(303);
		for (let run = 0; run < RUNS; run++) {
			const s = scenario(random);
			const signals = [...evidence(random, s.lengthMin), ...evidence(random, s.lengthMin)];
			expect(decideAll(s, shuffled(signals, random))).toEqual(decideAll(s, signals));
		}
	});
});
