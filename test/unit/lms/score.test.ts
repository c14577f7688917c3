// Scores from every LMS end on one 0-100 scale, and the value the LMS sent stays beside it.
import { normaliseScore, percentScore } from '../../../nodes/core/integrations/lms';

test('points on any range become a percentage, the original range kept', () => {
	expect(normaliseScore(17, { max: 20 })).toEqual({
		score: 85,
		maxScore: 100,
		scoreOriginal: { value: 17, min: 0, max: 20 },
	});
	// Moodle grade items may start above zero (grademin).
	expect(normaliseScore(7, { min: 1, max: 9 })?.score).toBe(75);
	expect(normaliseScore(2, { max: 3 }, '2 / 3')).toEqual({
		score: 66.67,
		maxScore: 100,
		scoreOriginal: { value: 2, min: 0, max: 3, text: '2 / 3' },
	});
});

test('extra credit stays above 100 instead of being capped', () => {
	expect(normaliseScore(105.5, { max: 100 })?.score).toBe(105.5);
});

test.each([
	[NaN, { max: 100 }],
	[50, { max: 0 }],
	[50, { min: 10, max: 10 }],
	[-1, { max: 100 }],
	[Infinity, { max: 100 }],
])('%p on %p is not a score', (value, range) => {
	expect(normaliseScore(value, range)).toBeUndefined();
});

test.each([
	['85', 85],
	['85.00%', 85],
	['85,5 %', 85.5],
	[' 100 ', 100],
	[92.25, 92.25],
])('percentage %p reads as %p', (input, expected) => {
	const read = percentScore(input);
	expect(read?.score).toBe(expected);
	expect(read?.scoreOriginal.max).toBe(100);
	if (typeof input === 'string') expect(read?.scoreOriginal.text).toBe(input);
});

test.each(['', 'B+', 'Pass', '85/100', null, undefined, {}])('%p is not guessed at', (input) => {
	expect(percentScore(input)).toBeUndefined();
});
