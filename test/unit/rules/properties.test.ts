import {
	DecisionSchema,
	type ModuleStatus,
	type Outcome,
} from '../../../nodes/core/domain/model';
import {
	parseCompletionRuleSet,
	REASON_CODES,
	verifyCompletion,
	type ApprovalStatus,
	type PrerequisiteStatus,
	type VerificationInput,
} from '../../../nodes/core/domain/rules';
import { completion, NOW, ruleSetWith, seededRandom } from './rule-fixtures';

const RANK: Record<Outcome, number> = { verified: 0, needs_review: 1, not_eligible: 2 };
const RUNS = 500;

describe('properties (deterministic pseudo-random inputs)', () => {
	it('a lower score never gives a better outcome', () => {
		const random = seededRandom(1);
		for (let run = 0; run < RUNS; run++) {
			const passingScore = Math.round(random() * 10000) / 100;
			const reviewMargin = Math.round(random() * 100) / 10;
			const maxScore = [1, 10, 20, 50, 100, 250][Math.floor(random() * 6)];
			const rules = ruleSetWith({ passingScore, reviewMargin });
			const higher = Math.round(random() * maxScore * 1000) / 1000;
			const lower = Math.round(random() * higher * 1000) / 1000;
			const high = verifyCompletion(completion({ score: higher, maxScore }), rules, { now: NOW });
			const low = verifyCompletion(completion({ score: lower, maxScore }), rules, { now: NOW });
			if (RANK[low.outcome] < RANK[high.outcome]) {
				throw new Error(
					`score ${lower} beat ${higher} of ${maxScore} at ${passingScore}/${reviewMargin}`,
				);
			}
			expect(RANK[low.outcome]).toBeGreaterThanOrEqual(RANK[high.outcome]);
		}
	});

	it('a score exactly at the passing percentage always passes, and the smallest step below never does', () => {
		const random = seededRandom(2);
		for (let run = 0; run < RUNS; run++) {
			const cents = 1 + Math.floor(random() * 10000); // passingScore in hundredths, 0.01..100
			const maxScore = [1, 3, 7, 20, 30, 40, 150][Math.floor(random() * 7)];
			// score = cents * maxScore / 10^4 exactly, written as decimal text like an LMS would send it.
			const units = cents * maxScore;
			const exact = Number(
				`${Math.floor(units / 10000)}.${String(units % 10000).padStart(4, '0')}`,
			);
			const below = Number(
				`${Math.floor((units - 1) / 10000)}.${String((units - 1) % 10000).padStart(4, '0')}`,
			);
			const rules = ruleSetWith({ passingScore: cents / 100, reviewMargin: 0 });
			const atLimit = verifyCompletion(completion({ score: exact, maxScore }), rules, { now: NOW });
			const justBelow = verifyCompletion(completion({ score: below, maxScore }), rules, {
				now: NOW,
			});
			expect([atLimit.reasons[0].code, exact, maxScore, cents]).toEqual([
				'SCORE_MET',
				exact,
				maxScore,
				cents,
			]);
			expect([justBelow.reasons[0].code, below, maxScore, cents]).toEqual([
				'SCORE_BELOW_THRESHOLD',
				below,
				maxScore,
				cents,
			]);
		}
	});

	it('more time on task never gives a worse outcome', () => {
		const random = seededRandom(3);
		for (let run = 0; run < RUNS; run++) {
			const minimum = 1 + Math.floor(random() * 120);
			const rules = ruleSetWith({ minTimeOnTaskMinutes: minimum });
			const less = Math.floor(random() * 200);
			const more = less + Math.floor(random() * 50);
			const a = verifyCompletion(completion({ timeSpentMinutes: less }), rules, { now: NOW });
			const b = verifyCompletion(completion({ timeSpentMinutes: more }), rules, { now: NOW });
			expect(RANK[b.outcome]).toBeLessThanOrEqual(RANK[a.outcome]);
		}
	});

	it('the outcome is always the most severe catalogued outcome among the reasons', () => {
		const random = seededRandom(4);
		const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
		const maybe = <T>(value: T): T | undefined => (random() < 0.3 ? undefined : value);
		for (let run = 0; run < RUNS; run++) {
			const rules = ruleSetWith({
				passingScore: maybe(70),
				minTimeOnTaskMinutes: maybe(30),
				requiredModules: maybe(['m1', 'm2']),
				prerequisites: maybe(['C-100']),
				subjectiveCriteria: maybe([{ id: 'capstone' }]),
				identityCheck: random() < 0.8,
			});
			const input: VerificationInput = completion({
				score: maybe(Math.round(random() * 100)),
				timeSpentMinutes: maybe(Math.round(random() * 60)),
				modules: maybe(
					['m1', 'm2'].map((id) => ({
						id,
						status: pick<ModuleStatus>(['completed', 'incomplete', 'exempt']),
					})),
				),
				prerequisites: maybe([
					{
						courseId: 'C-100',
						status: pick<PrerequisiteStatus>(['completed', 'in_appeal', 'incomplete']),
					},
				]),
				recipientName: maybe(pick(['Ada Lovelace', 'Ada Lovelase', 'Grace Hopper'])),
				integrityHold: maybe(random() < 0.2),
				investigationActive: maybe(random() < 0.2),
				approvals: maybe({ capstone: pick<ApprovalStatus>(['approved', 'rejected', 'pending']) }),
				course: { id: random() < 0.1 ? 'C-404' : 'C-101' },
			});
			const decision = verifyCompletion(input, rules, { now: NOW });
			const worst = Math.max(
				...decision.reasons.map(
					(r) => RANK[REASON_CODES[r.code as keyof typeof REASON_CODES].outcome],
				),
			);
			expect(RANK[decision.outcome]).toBe(worst);
			expect(decision.reasons.some((r) => r.code === 'ALL_CRITERIA_MET')).toBe(
				decision.outcome === 'verified',
			);
			expect(DecisionSchema.safeParse(decision).success).toBe(true);
		}
	});

	it('the rule hash ignores key order and changes with any passing score change', () => {
		const random = seededRandom(5);
		const shuffle = <T>(items: T[]): T[] => {
			const out = [...items];
			for (let i = out.length - 1; i > 0; i--) {
				const j = Math.floor(random() * (i + 1));
				[out[i], out[j]] = [out[j], out[i]];
			}
			return out;
		};
		const reorder = (value: unknown): unknown => {
			if (Array.isArray(value)) return value.map(reorder);
			if (value === null || typeof value !== 'object') return value;
			return Object.fromEntries(shuffle(Object.entries(value)).map(([k, v]) => [k, reorder(v)]));
		};
		for (let run = 0; run < 100; run++) {
			const passingScore = Math.round(random() * 9900) / 100;
			const ruleSet = {
				id: 'acme',
				version: String(run),
				defaults: { reviewMargin: 1, nameTolerance: 3 },
				courses: {
					A: {
						passingScore,
						requiredModules: ['m1', 'm2'],
						subjectiveCriteria: [{ id: 'c', label: 'L' }],
					},
					B: { minTimeOnTaskMinutes: 10, prerequisites: ['A'] },
				},
			};
			const one = parseCompletionRuleSet(ruleSet);
			const two = parseCompletionRuleSet(reorder(ruleSet));
			const changed = parseCompletionRuleSet({
				...ruleSet,
				courses: {
					...ruleSet.courses,
					A: { ...ruleSet.courses.A, passingScore: passingScore + 0.01 },
				},
			});
			if (!one.ok || !two.ok || !changed.ok) throw new Error('fixture must be valid');
			expect(two.ruleHash).toBe(one.ruleHash);
			expect(changed.ruleHash).not.toBe(one.ruleHash);
		}
	});
});
