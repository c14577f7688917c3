// Score, time on task and required modules, each against a course that has only that rule
// (test/fixtures/rule-sets/completion-rules.yaml), run through the real engine.
import { completionEvent, expectCheckCase, type CheckCase } from '../support/verify-completion';

const scoreOnly = (overrides: Record<string, unknown>) =>
	completionEvent({ course: { id: 'SCORE-ONLY' }, ...overrides });
const timeOnly = (timeSpentMinutes?: number, courseId = 'TIME-ONLY') =>
	completionEvent({ course: { id: courseId }, timeSpentMinutes });
const modulesOnly = (modules?: Array<{ id: string; status: string }>) =>
	completionEvent({ course: { id: 'MODULES-ONLY' }, modules });

const VERIFIED_SCORE = ['SCORE_MET', 'ALL_CRITERIA_MET'];

// SCORE-ONLY: passingScore 80, default reviewMargin 2. WIDE-MARGIN: 70 with its own margin 10.
const scoreCases: CheckCase[] = [
	{
		name: 'exactly the passing score',
		event: scoreOnly({ score: 80 }),
		branch: 'verified',
		codes: VERIFIED_SCORE,
	},
	{
		name: 'above the passing score',
		event: scoreOnly({ score: 97.5 }),
		branch: 'verified',
		codes: VERIFIED_SCORE,
	},
	{
		name: 'a numeric string as LMSs send it',
		event: scoreOnly({ score: '80.0' }),
		branch: 'verified',
		codes: VERIFIED_SCORE,
	},
	{
		name: '40 of 50 is 80 percent',
		event: scoreOnly({ score: 40, maxScore: 50 }),
		branch: 'verified',
		codes: VERIFIED_SCORE,
	},
	{
		name: 'one point below',
		event: scoreOnly({ score: 79 }),
		branch: 'needs_review',
		codes: ['SCORE_NEAR_THRESHOLD'],
	},
	{
		name: 'exactly the review margin below',
		event: scoreOnly({ score: 78 }),
		branch: 'needs_review',
		codes: ['SCORE_NEAR_THRESHOLD'],
	},
	{
		name: 'just beyond the review margin',
		event: scoreOnly({ score: 77.99 }),
		branch: 'not_eligible',
		codes: ['SCORE_BELOW_THRESHOLD'],
	},
	{
		name: '38.9 of 50 is 77.8 percent',
		event: scoreOnly({ score: 38.9, maxScore: 50 }),
		branch: 'not_eligible',
		codes: ['SCORE_BELOW_THRESHOLD'],
	},
	{
		name: 'zero',
		event: scoreOnly({ score: 0 }),
		branch: 'not_eligible',
		codes: ['SCORE_BELOW_THRESHOLD'],
	},
	{
		name: 'no score at all',
		event: scoreOnly({ score: undefined }),
		branch: 'needs_review',
		codes: ['SCORE_MISSING'],
	},
	{
		name: 'course margin of 10: 60 is still near',
		event: completionEvent({ course: { id: 'WIDE-MARGIN' }, score: 60 }),
		branch: 'needs_review',
		codes: ['SCORE_NEAR_THRESHOLD'],
	},
	{
		name: 'course margin of 10: 59 is below',
		event: completionEvent({ course: { id: 'WIDE-MARGIN' }, score: 59 }),
		branch: 'not_eligible',
		codes: ['SCORE_BELOW_THRESHOLD'],
	},
];

// TIME-ONLY: minTimeOnTaskMinutes 60; an exact hit is suspicious (LMS caps and defaults).
const timeCases: CheckCase[] = [
	{
		name: 'above the minimum',
		event: timeOnly(61),
		branch: 'verified',
		codes: ['TIME_MET', 'ALL_CRITERIA_MET'],
	},
	{
		name: 'exactly the minimum',
		event: timeOnly(60),
		branch: 'needs_review',
		codes: ['TIME_AT_MINIMUM'],
	},
	{
		name: 'below the minimum: held for review by default',
		event: timeOnly(59.5),
		branch: 'needs_review',
		codes: ['TIME_BELOW_MINIMUM'],
	},
	{
		name: 'no time reported',
		event: timeOnly(undefined),
		branch: 'needs_review',
		codes: ['TIME_MISSING'],
	},
];

// TIME-REFUSED: the same minimum with timeBelowMinimum: not_eligible; only "below" changes.
const refusedTimeCases: CheckCase[] = [
	{
		name: 'below the minimum',
		event: timeOnly(59.5, 'TIME-REFUSED'),
		branch: 'not_eligible',
		codes: ['TIME_BELOW_MINIMUM'],
	},
	{
		name: 'exactly the minimum',
		event: timeOnly(60, 'TIME-REFUSED'),
		branch: 'needs_review',
		codes: ['TIME_AT_MINIMUM'],
	},
	{
		name: 'no time reported',
		event: timeOnly(undefined, 'TIME-REFUSED'),
		branch: 'needs_review',
		codes: ['TIME_MISSING'],
	},
];

const completed = (id: string) => ({ id, status: 'completed' });

// MODULES-ONLY: requiredModules [introduction, final-quiz].
const moduleCases: CheckCase[] = [
	{
		name: 'every required module completed',
		event: modulesOnly([completed('introduction'), completed('final-quiz')]),
		branch: 'verified',
		codes: ['MODULES_COMPLETE', 'ALL_CRITERIA_MET'],
	},
	{
		name: 'extra optional modules do not matter',
		event: modulesOnly([
			completed('introduction'),
			completed('final-quiz'),
			{ id: 'bonus', status: 'incomplete' },
		]),
		branch: 'verified',
		codes: ['MODULES_COMPLETE', 'ALL_CRITERIA_MET'],
	},
	{
		name: 'a required module incomplete',
		event: modulesOnly([completed('introduction'), { id: 'final-quiz', status: 'incomplete' }]),
		branch: 'not_eligible',
		codes: ['MODULES_INCOMPLETE'],
	},
	{
		name: 'a required module without a record',
		event: modulesOnly([completed('introduction')]),
		branch: 'not_eligible',
		codes: ['MODULES_INCOMPLETE'],
	},
	{
		name: 'no module records at all',
		event: modulesOnly(undefined),
		branch: 'not_eligible',
		codes: ['MODULES_INCOMPLETE'],
	},
	{
		name: 'a required module exempt',
		event: modulesOnly([completed('introduction'), { id: 'final-quiz', status: 'exempt' }]),
		branch: 'needs_review',
		codes: ['MODULE_EXEMPT'],
	},
	{
		name: 'incomplete outweighs exempt',
		event: modulesOnly([
			{ id: 'introduction', status: 'exempt' },
			{ id: 'final-quiz', status: 'incomplete' },
		]),
		branch: 'not_eligible',
		codes: ['MODULES_INCOMPLETE'],
	},
	{
		name: 'a later completed attempt counts over an earlier incomplete one',
		event: modulesOnly([
			completed('introduction'),
			{ id: 'final-quiz', status: 'incomplete' },
			completed('final-quiz'),
		]),
		branch: 'verified',
		codes: ['MODULES_COMPLETE', 'ALL_CRITERIA_MET'],
	},
];

describe('Verify Completion: score', () => {
	test.each(scoreCases)('$name -> $branch $codes', async (testCase) => {
		await expectCheckCase(testCase);
	});

	test('the decision records the percentage it judged', async () => {
		const decision = await expectCheckCase({
			name: 'scaled',
			event: scoreOnly({ score: 40, maxScore: 50 }),
			branch: 'verified',
			codes: VERIFIED_SCORE,
		});
		expect(decision.dataPoints).toMatchObject({
			scorePercent: 80,
			passingScore: 80,
			reviewMargin: 2,
		});
	});
});

describe('Verify Completion: time on task', () => {
	test.each(timeCases)('$name -> $branch $codes', async (testCase) => {
		await expectCheckCase(testCase);
	});

	test.each(refusedTimeCases)(
		'timeBelowMinimum not_eligible: $name -> $branch $codes',
		async (testCase) => {
			await expectCheckCase(testCase);
		},
	);

	test('a decision below the minimum records the time, the minimum, the setting and the rules', async () => {
		const decision = await expectCheckCase({
			name: 'below, default',
			event: timeOnly(42),
			branch: 'needs_review',
			codes: ['TIME_BELOW_MINIMUM'],
		});
		expect(decision.dataPoints).toMatchObject({
			timeSpentMinutes: 42,
			minTimeOnTaskMinutes: 60,
			timeBelowMinimum: 'needs_review',
		});
		expect(decision.reasons[0].detail).toBe(
			'time on task 42 min is below the minimum of 60 min (held for review)',
		);
		expect(decision).toMatchObject({ ruleSetId: 'node-test-rules', ruleVersion: '2026.1' });
		expect(decision.ruleHash).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('Verify Completion: required modules', () => {
	test.each(moduleCases)('$name -> $branch $codes', async (testCase) => {
		await expectCheckCase(testCase);
	});
});
