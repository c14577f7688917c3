// Configuration drift: the rule set against an LMS course list and the courses learners completed.
// Expected findings are written out per case, not computed by the code under test.
import {
	checkRuleCoverage,
	ruleCoverageMessage,
	type RuleCoverageInput,
} from '../../../nodes/core/domain/rules';

const RULE_SET = {
	id: 'completion-rules',
	version: '7',
	courses: {
		'12': { name: 'Workplace Safety Fundamentals', identityCheck: true },
		'13': { name: 'Data Protection Basics', identityCheck: true },
		'98': { name: 'Retired Course', identityCheck: true },
	},
};

const MOODLE_COURSES = [
	{ id: '12', name: 'Workplace Safety Fundamentals', code: 'SAFE101' },
	{ id: '13', name: 'Data Protection Basics', code: 'GDPR' },
	{ id: '14', name: 'Draft Course', code: 'DRAFT' },
	{ id: '17', name: 'Fire Warden Refresher', code: 'FIRE' },
];

const input = (overrides: Partial<RuleCoverageInput> = {}): RuleCoverageInput => ({
	lms: 'Moodle',
	ruleSet: RULE_SET,
	listedCourses: MOODLE_COURSES,
	completions: [
		{ courseId: '12', completions: 40, lastCompletionAt: '2026-12-01T09:00:00.000Z' },
		{ courseId: '17', completions: 3, lastCompletionAt: '2026-12-06T15:30:00.000Z' },
	],
	...overrides,
});

describe('checkRuleCoverage', () => {
	test('a course with completions but no rule, and a rule whose course the LMS no longer lists', () => {
		const coverage = checkRuleCoverage(input());
		expect(coverage).toMatchObject({
			lms: 'Moodle',
			ruleSetId: 'completion-rules',
			ruleVersion: '7',
			driftFound: true,
			coursesListed: 4,
			rulesChecked: 3,
			coursesWithCompletions: 2,
		});
		expect(coverage.findings).toEqual([
			{
				kind: 'course_without_rule',
				lms: 'Moodle',
				courseId: '17',
				courseName: 'Fire Warden Refresher',
				completions: 3,
				lastCompletionAt: '2026-12-06T15:30:00.000Z',
				problem: expect.stringContaining('COURSE_RULE_MISSING'),
				action: expect.stringContaining('Add a rule for course id "17"'),
			},
			{
				kind: 'rule_without_course',
				lms: 'Moodle',
				courseId: '98',
				courseName: 'Retired Course',
				problem: 'Moodle lists no course with id "98", so this rule never applies',
				action: expect.stringContaining('Remove the rule'),
			},
		]);
	});

	test('a listed course without a rule and without completions is not drift (nothing falls to review yet)', () => {
		const coverage = checkRuleCoverage(input({ completions: [] }));
		expect(coverage.findings.map((f) => [f.kind, f.courseId])).toEqual([
			['rule_without_course', '98'],
		]);
	});

	test('adding the missing rule and removing the stale one clears every finding', () => {
		const { '98': _retired, ...kept } = RULE_SET.courses;
		const fixed = { ...RULE_SET, courses: { ...kept, '17': { identityCheck: true } } };
		const coverage = checkRuleCoverage(input({ ruleSet: fixed }));
		expect(coverage.driftFound).toBe(false);
		expect(coverage.findings).toEqual([]);
	});

	test('a course with completions that the LMS does not list is still reported, without a name', () => {
		const coverage = checkRuleCoverage(
			input({ completions: [{ courseId: '55', completions: 1 }], otherLmsCourseIds: ['98'] }),
		);
		expect(coverage.findings).toEqual([
			expect.objectContaining({
				kind: 'course_without_rule',
				courseId: '55',
				courseName: undefined,
			}),
		]);
	});

	test('rules named in Course IDs in Other LMSs are not reported missing from this LMS', () => {
		const coverage = checkRuleCoverage(input({ completions: [], otherLmsCourseIds: ['98'] }));
		expect(coverage.findings).toEqual([]);
	});

	test('a rule keyed by the short name instead of the id says which id to use', () => {
		const ruleSet = { ...RULE_SET, courses: { GDPR: { identityCheck: true } } };
		const coverage = checkRuleCoverage(input({ ruleSet, completions: [] }));
		expect(coverage.findings).toEqual([
			expect.objectContaining({
				kind: 'rule_without_course',
				courseId: 'GDPR',
				action: 'Moodle course 13 is called "GDPR": key the rule by the course id "13".',
			}),
		]);
	});

	test('ids are compared exactly and findings are ordered by kind, then numerically by id', () => {
		const coverage = checkRuleCoverage(
			input({
				ruleSet: { ...RULE_SET, courses: { '12 ': { identityCheck: true } } },
				listedCourses: [{ id: '12' }],
				completions: [
					{ courseId: '100', completions: 1 },
					{ courseId: '12', completions: 2 },
					{ courseId: '9', completions: 1 },
					{ courseId: '8', completions: 0 },
				],
			}),
		);
		expect(coverage.findings.map((f) => [f.kind, f.courseId])).toEqual([
			['course_without_rule', '9'],
			['course_without_rule', '12'],
			['course_without_rule', '100'],
			['rule_without_course', '12 '],
		]);
	});
});

describe('ruleCoverageMessage', () => {
	test('one message listing every finding with what to do', () => {
		const coverage = checkRuleCoverage(input());
		const period = {
			periodStart: '2026-11-30T00:00:00.000Z',
			periodEnd: '2026-12-07T00:00:00.000Z',
		};
		const message = ruleCoverageMessage(coverage, period);
		expect(message.subject).toBe('Configuration drift in Moodle: 2 finding(s)');
		const lines = message.text.split('\n');
		expect(lines[0]).toBe(
			'Rule set completion-rules v7 (3 rule(s)) compared with 4 Moodle course(s) and the Moodle completions decided from 2026-11-30T00:00:00.000Z to 2026-12-07T00:00:00.000Z.',
		);
		expect(lines).toContain('Courses with completions but no rule:');
		expect(lines).toContain('Rules whose course Moodle no longer lists:');
		expect(message.text).toContain('- 17 "Fire Warden Refresher": 3 completion(s) but no rule');
		expect(message.text).toContain('- 98 "Retired Course": Moodle lists no course with id "98"');
		expect(message.text.match(/ {2}To do: /g)).toHaveLength(2);
	});

	test('no drift says so, with no finding section', () => {
		const message = ruleCoverageMessage(
			checkRuleCoverage(input({ completions: [], otherLmsCourseIds: ['98'] })),
		);
		expect(message.subject).toBe('No configuration drift in Moodle');
		expect(message.text).not.toContain('To do');
	});
});
