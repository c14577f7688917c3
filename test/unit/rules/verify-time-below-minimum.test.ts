// Time on task below the minimum: held for review by default (go-live scenario 3, "all met except
// the time threshold"), refused when the rule set says timeBelowMinimum: not_eligible.
import type { Outcome } from '../../../nodes/core/domain/model';
import {
	REASON_CODES,
	verifyCompletion,
	type ReasonCode,
	type VerificationInput,
} from '../../../nodes/core/domain/rules';
import { codes, completion, detailOf, NOW, ruleSetWith, seededRandom } from './rule-fixtures';

const options = { now: NOW };
const RANK: Record<Outcome, number> = { verified: 0, needs_review: 1, not_eligible: 2 };

// Every criterion of this course is met by allMetButTime except the 60-minute minimum.
const fullCourse = {
	passingScore: 80,
	minTimeOnTaskMinutes: 60,
	requiredModules: ['m1'],
	prerequisites: ['C-100'],
};
const allMetButTime = (timeSpentMinutes?: number): VerificationInput =>
	completion({
		score: 92,
		timeSpentMinutes,
		modules: [{ id: 'm1', status: 'completed' }],
		prerequisites: [{ courseId: 'C-100', status: 'completed' }],
		recipientName: 'Ada Lovelace',
	});
const refusingDefaults = { defaults: { timeBelowMinimum: 'not_eligible' as const } };

describe('time below the minimum, rule set without timeBelowMinimum', () => {
	const rules = ruleSetWith(fullCourse);

	it('holds an otherwise passing completion for review, with the data points and rule identity', () => {
		const decision = verifyCompletion(allMetButTime(42.5), rules, options);
		expect(decision.outcome).toBe('needs_review');
		expect(codes(decision)).toEqual([
			'SCORE_MET',
			'TIME_BELOW_MINIMUM',
			'MODULES_COMPLETE',
			'PREREQUISITES_MET',
			'IDENTITY_MATCH',
		]);
		expect(decision.dataPoints).toMatchObject({
			timeSpentMinutes: 42.5,
			minTimeOnTaskMinutes: 60,
			timeBelowMinimum: 'needs_review',
		});
		expect(detailOf(decision, 'TIME_BELOW_MINIMUM')).toBe(
			'time on task 42.5 min is below the minimum of 60 min (held for review)',
		);
		expect(decision).toMatchObject({
			ruleSetId: 'acme-cpe',
			ruleVersion: '2026.1',
			ruleHash: rules.ruleHash,
		});
	});

	it('still refuses when another check refuses', () => {
		const input = { ...allMetButTime(10), score: 20 };
		const decision = verifyCompletion(input, rules, options);
		expect(codes(decision)).toContain('TIME_BELOW_MINIMUM');
		expect(decision.outcome).toBe('not_eligible');
	});
});

describe('timeBelowMinimum: not_eligible', () => {
	it('refuses when set as the rule set default', () => {
		const rules = ruleSetWith(fullCourse, refusingDefaults);
		const decision = verifyCompletion(allMetButTime(59.99), rules, options);
		expect(decision.outcome).toBe('not_eligible');
		expect(codes(decision)).toContain('TIME_BELOW_MINIMUM');
		expect(decision.dataPoints).toMatchObject({
			timeSpentMinutes: 59.99,
			minTimeOnTaskMinutes: 60,
			timeBelowMinimum: 'not_eligible',
		});
		expect(detailOf(decision, 'TIME_BELOW_MINIMUM')).toMatch(/\(refused by the rule set\)$/);
		// Reasons stay {code, detail}: the setting is in the data points, not in the reason.
		expect(decision.reasons.every((reason) => Object.keys(reason).length === 2)).toBe(true);
	});

	it('refuses when set on the course', () => {
		const rules = ruleSetWith({ ...fullCourse, timeBelowMinimum: 'not_eligible' });
		expect(verifyCompletion(allMetButTime(0), rules, options).outcome).toBe('not_eligible');
	});

	it('a course can ask for review against a refusing default', () => {
		const rules = ruleSetWith(
			{ ...fullCourse, timeBelowMinimum: 'needs_review' },
			refusingDefaults,
		);
		const decision = verifyCompletion(allMetButTime(30), rules, options);
		expect(decision.outcome).toBe('needs_review');
		expect(decision.dataPoints.timeBelowMinimum).toBe('needs_review');
	});
});

describe('times that are not below the minimum ignore the setting', () => {
	it.each<[string, number | undefined, ReasonCode, Outcome]>([
		// A missing time goes to review as before: it may be an LMS that does not report time.
		['no time received', undefined, 'TIME_MISSING', 'needs_review'],
		['exactly the minimum', 60, 'TIME_AT_MINIMUM', 'needs_review'],
		['above the minimum', 61, 'TIME_MET', 'verified'],
	])('%s -> %s (%s) whatever the setting', (_, time, code, outcome) => {
		for (const extra of [{}, refusingDefaults]) {
			const decision = verifyCompletion(
				allMetButTime(time),
				ruleSetWith(fullCourse, extra),
				options,
			);
			expect([codes(decision)[1], decision.outcome]).toEqual([code, outcome]);
			expect('timeBelowMinimum' in decision.dataPoints).toBe(false);
		}
	});

	it('has no effect on a course without a minimum', () => {
		const rules = ruleSetWith({ passingScore: 80, timeBelowMinimum: 'not_eligible' });
		const decision = verifyCompletion(
			completion({ score: 90, timeSpentMinutes: 1 }),
			rules,
			options,
		);
		expect(decision.outcome).toBe('verified');
		expect('minTimeOnTaskMinutes' in decision.dataPoints).toBe(false);
	});
});

describe('property: rule sets without the field change only below the minimum', () => {
	it('give the decisions of the refusing setting, except a milder outcome below the minimum', () => {
		const random = seededRandom(11);
		const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
		const maybe = <T>(value: T): T | undefined => (random() < 0.3 ? undefined : value);
		let heldForReview = 0;
		for (let run = 0; run < 500; run++) {
			const course = {
				passingScore: maybe(70),
				minTimeOnTaskMinutes: maybe(1 + Math.floor(random() * 60)),
				requiredModules: maybe(['m1']),
				subjectiveCriteria: maybe([{ id: 'capstone' }]),
			};
			const input = completion({
				score: maybe(Math.round(random() * 100)),
				timeSpentMinutes: maybe(Math.round(random() * 90)),
				modules: maybe([
					{ id: 'm1', status: pick(['completed', 'incomplete', 'exempt'] as const) },
				]),
				integrityHold: random() < 0.1,
				approvals: maybe({ capstone: pick(['approved', 'rejected', 'pending'] as const) }),
			});
			const now = verifyCompletion(input, ruleSetWith(course), options);
			const refusing = verifyCompletion(input, ruleSetWith(course, refusingDefaults), options);

			const below = codes(now).includes('TIME_BELOW_MINIMUM');
			const { timeBelowMinimum: _a, ...nowPoints } = now.dataPoints;
			const { timeBelowMinimum: _b, ...refusingPoints } = refusing.dataPoints;
			expect(nowPoints).toEqual(refusingPoints);
			expect(codes(now)).toEqual(codes(refusing));
			if (!below) {
				expect(now.outcome).toBe(refusing.outcome);
				continue;
			}
			// Below the minimum: refusing gives not_eligible; the default gives the strictest of
			// the other reasons, but at least needs_review.
			const others = now.reasons.filter((reason) => reason.code !== 'TIME_BELOW_MINIMUM');
			const worstOther = Math.max(
				RANK.needs_review,
				...others.map((reason) => RANK[REASON_CODES[reason.code as ReasonCode].outcome]),
			);
			expect([refusing.outcome, RANK[now.outcome]]).toEqual(['not_eligible', worstOther]);
			if (now.outcome === 'needs_review') heldForReview++;
		}
		// The generator must actually reach the changed case.
		expect(heldForReview).toBeGreaterThan(10);
	});
});
