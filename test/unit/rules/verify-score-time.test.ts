import { verifyCompletion } from '../../../nodes/core/domain/rules';
import { codes, completion, detailOf, NOW, ruleSetWith } from './rule-fixtures';

const options = { now: NOW };

describe('score check', () => {
	const rules = ruleSetWith({ passingScore: 80 });

	it.each<[string, number | undefined, number | undefined, string, string]>([
		['well above', 95, undefined, 'SCORE_MET', 'verified'],
		['exactly 80', 80, undefined, 'SCORE_MET', 'verified'],
		['exactly 80 as 0.8 of 1', 0.8, 1, 'SCORE_MET', 'verified'],
		['exactly 80 as 16 of 20', 16, 20, 'SCORE_MET', 'verified'],
		['exactly 80 as 0.4 of 0.5', 0.4, 0.5, 'SCORE_MET', 'verified'],
		['full marks', 100, undefined, 'SCORE_MET', 'verified'],
		['79.99', 79.99, undefined, 'SCORE_NEAR_THRESHOLD', 'needs_review'],
		['79.5', 79.5, undefined, 'SCORE_NEAR_THRESHOLD', 'needs_review'],
		['exactly at the margin (78)', 78, undefined, 'SCORE_NEAR_THRESHOLD', 'needs_review'],
		['exactly at the margin as 0.78 of 1', 0.78, 1, 'SCORE_NEAR_THRESHOLD', 'needs_review'],
		['77.99', 77.99, undefined, 'SCORE_BELOW_THRESHOLD', 'not_eligible'],
		['15.5 of 20 (77.5%)', 15.5, 20, 'SCORE_BELOW_THRESHOLD', 'not_eligible'],
		['zero', 0, undefined, 'SCORE_BELOW_THRESHOLD', 'not_eligible'],
		['absent', undefined, undefined, 'SCORE_MISSING', 'needs_review'],
		['absent with a maxScore', undefined, 20, 'SCORE_MISSING', 'needs_review'],
	])('passingScore 80, margin 2: %s -> %s', (_, score, maxScore, code, outcome) => {
		const decision = verifyCompletion(completion({ score, maxScore }), rules, options);
		expect(codes(decision)).toContain(code);
		expect(decision.outcome).toBe(outcome);
	});

	it.each<[number, number, number]>([
		// Each of these is below the limit in naive float arithmetic (e.g. 0.29 / 1 * 100 = 28.999999999999996).
		[29, 0.29, 1],
		[57, 0.57, 1],
		[58, 0.58, 1],
		[56.7, 0.567, 1],
		[82.9, 16.58, 20],
		[57.7, 17.31, 30],
		[54.2, 0.813, 1.5],
	])(
		'passingScore %d is met exactly by %d of %d without float drift',
		(passingScore, score, maxScore) => {
			// Guard that the case really drifts, in both naive formulas, so the test can fail.
			expect((score / maxScore) * 100 < passingScore).toBe(true);
			expect(score * 100 < passingScore * maxScore).toBe(true);
			const decision = verifyCompletion(
				completion({ score, maxScore }),
				ruleSetWith({ passingScore }),
				options,
			);
			expect(codes(decision)).toContain('SCORE_MET');
			expect(decision.dataPoints.scorePercent).toBe(passingScore);
		},
	);

	it.each<[string, Record<string, unknown>, Record<string, unknown>, number, string]>([
		['course margin 5 keeps 75 in review', { reviewMargin: 5 }, {}, 75, 'SCORE_NEAR_THRESHOLD'],
		['course margin 5 refuses 74.99', { reviewMargin: 5 }, {}, 74.99, 'SCORE_BELOW_THRESHOLD'],
		['default margin 0 refuses 79.99', {}, { reviewMargin: 0 }, 79.99, 'SCORE_BELOW_THRESHOLD'],
		['default margin 4 keeps 76 in review', {}, { reviewMargin: 4 }, 76, 'SCORE_NEAR_THRESHOLD'],
		[
			'course margin 0 overrides default 5',
			{ reviewMargin: 0 },
			{ reviewMargin: 5 },
			79,
			'SCORE_BELOW_THRESHOLD',
		],
		['fractional margin 0.5 keeps 79.5', { reviewMargin: 0.5 }, {}, 79.5, 'SCORE_NEAR_THRESHOLD'],
		[
			'fractional margin 0.5 refuses 79.4',
			{ reviewMargin: 0.5 },
			{},
			79.4,
			'SCORE_BELOW_THRESHOLD',
		],
	])('%s', (_, course, defaults, score, code) => {
		const rules = ruleSetWith({ passingScore: 80, ...course }, { defaults });
		expect(codes(verifyCompletion(completion({ score }), rules, options))).toEqual([code]);
	});

	it('passes a score of 0 when passingScore is 0', () => {
		const decision = verifyCompletion(
			completion({ score: 0 }),
			ruleSetWith({ passingScore: 0 }),
			options,
		);
		expect(codes(decision)).toEqual(['SCORE_MET', 'ALL_CRITERIA_MET']);
	});

	it('records the values it used', () => {
		const decision = verifyCompletion(completion({ score: 15.9, maxScore: 20 }), rules, options);
		expect(decision.dataPoints).toMatchObject({
			score: 15.9,
			maxScore: 20,
			scorePercent: 79.5,
			passingScore: 80,
			reviewMargin: 2,
		});
		expect(detailOf(decision, 'SCORE_NEAR_THRESHOLD')).toBe(
			'score 79.5% is below the passing score of 80% but within the review margin of 2 points',
		);
	});

	it('records scorePercent null when the score is missing', () => {
		const decision = verifyCompletion(completion(), rules, options);
		expect(decision.dataPoints.scorePercent).toBeNull();
		expect(detailOf(decision, 'SCORE_MISSING')).toMatch(/requires 80% to pass/);
	});

	it('does not check the score when the course has no passingScore', () => {
		const decision = verifyCompletion(completion({ score: 1 }), ruleSetWith({}), options);
		expect(codes(decision)).toEqual(['ALL_CRITERIA_MET']);
		expect('scorePercent' in decision.dataPoints).toBe(false);
	});
});

describe('time-on-task check (minimum 30 minutes)', () => {
	const rules = ruleSetWith({ minTimeOnTaskMinutes: 30 });

	it.each<[string, number | undefined, string, string]>([
		['well above', 90, 'TIME_MET', 'verified'],
		['just above', 30.01, 'TIME_MET', 'verified'],
		['exactly the minimum', 30, 'TIME_AT_MINIMUM', 'needs_review'],
		['just below', 29.99, 'TIME_BELOW_MINIMUM', 'needs_review'],
		['zero', 0, 'TIME_BELOW_MINIMUM', 'needs_review'],
		['absent', undefined, 'TIME_MISSING', 'needs_review'],
	])('%s -> %s', (_, timeSpentMinutes, code, outcome) => {
		const decision = verifyCompletion(completion({ timeSpentMinutes }), rules, options);
		expect(codes(decision)[0]).toBe(code);
		expect(decision.outcome).toBe(outcome);
		expect(decision.dataPoints).toMatchObject({
			minTimeOnTaskMinutes: 30,
			timeSpentMinutes: timeSpentMinutes ?? null,
		});
	});

	it('explains an exact hit on the minimum', () => {
		const decision = verifyCompletion(completion({ timeSpentMinutes: 30 }), rules, options);
		expect(detailOf(decision, 'TIME_AT_MINIMUM')).toMatch(/exactly the minimum of 30 min/);
	});

	it('does not check time when the course has no minimum', () => {
		const decision = verifyCompletion(
			completion({ timeSpentMinutes: 0 }),
			ruleSetWith({}),
			options,
		);
		expect(decision.outcome).toBe('verified');
		expect('minTimeOnTaskMinutes' in decision.dataPoints).toBe(false);
	});
});
