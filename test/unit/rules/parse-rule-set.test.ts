import { canonicalJson, sha256Hex } from '../../../nodes/core/domain/canonical';
import {
	parseCompletionRuleSet,
	parseCompletionRuleSetText,
	type RuleSetParseResult,
} from '../../../nodes/core/domain/rules';

type Json = Record<string, unknown>;

function validRuleSet(): Json {
	return {
		id: 'acme-cpe',
		version: '2026.1',
		description: 'Ethics and tax courses',
		defaults: { reviewMargin: 2, nameTolerance: 2 },
		courses: {
			'C-101': {
				name: 'Ethics',
				passingScore: 80,
				reviewMargin: 3,
				minTimeOnTaskMinutes: 50,
				requiredModules: ['m1', 'm2', 'm3'],
				prerequisites: ['C-100'],
				identityCheck: true,
				nameTolerance: 1,
				subjectiveCriteria: [{ id: 'capstone', label: 'Capstone project' }, { id: 'practical' }],
			},
			'C-102': { passingScore: 70 },
		},
	};
}

/** Applies a change at a dotted location of a fresh valid rule set. */
function withChange(mutate: (ruleSet: Json) => void): Json {
	const ruleSet = validRuleSet();
	mutate(ruleSet);
	return ruleSet;
}

const course = (ruleSet: Json): Json => (ruleSet.courses as Json)['C-101'] as Json;

function issuesOf(result: RuleSetParseResult) {
	if (result.ok) throw new Error('expected the rule set to be refused');
	return result.issues;
}

function hashOf(result: RuleSetParseResult): string {
	if (!result.ok) throw new Error(`expected a valid rule set: ${JSON.stringify(result.issues)}`);
	return result.ruleHash;
}

describe('parseCompletionRuleSet: valid rule sets', () => {
	it('accepts the full shape and returns the hash of its canonical JSON', () => {
		const result = parseCompletionRuleSet(validRuleSet());
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.ruleSet.courses['C-101'].requiredModules).toEqual(['m1', 'm2', 'm3']);
		expect(result.ruleHash).toMatch(/^[0-9a-f]{64}$/);
		expect(result.ruleHash).toBe(sha256Hex(canonicalJson(result.ruleSet)));
	});

	it('fills defaults: reviewMargin 2, nameTolerance 2, identityCheck true', () => {
		const result = parseCompletionRuleSet({ id: 'x', version: '1', courses: { A: {} } });
		expect(result.ok && result.ruleSet).toEqual({
			id: 'x',
			version: '1',
			defaults: { reviewMargin: 2, nameTolerance: 2 },
			courses: { A: { identityCheck: true } },
		});
	});

	it.each([
		[2026.1, '2026.1'],
		[3, '3'],
		['2026.10', '2026.10'],
		['v2', 'v2'],
	])('turns version %j into the text %j', (version, expected) => {
		const result = parseCompletionRuleSet({ ...validRuleSet(), version });
		expect(result.ok && result.ruleSet.version).toBe(expected);
	});

	it('accepts the boundary values 0 and 100 for passingScore and 0 for margins and tolerances', () => {
		const result = parseCompletionRuleSet({
			id: 'x',
			version: '1',
			defaults: { reviewMargin: 0, nameTolerance: 0 },
			courses: {
				A: { passingScore: 0 },
				B: { passingScore: 100, reviewMargin: 0, nameTolerance: 0 },
			},
		});
		expect(result.ok).toBe(true);
	});
});

describe('parseCompletionRuleSet: refused with the exact path', () => {
	it.each<[string, (r: Json) => void, string, RegExp]>([
		['top level: not an object', () => undefined, '', /expected an object/],
		['top level: id missing', (r) => delete r.id, 'id', /missing; expected text/],
		[
			'top level: id empty',
			(r) => (r.id = ''),
			'id',
			/received an empty string; expected non-empty text/,
		],
		[
			'top level: id with spaces around',
			(r) => (r.id = ' acme '),
			'id',
			/without leading or trailing spaces/,
		],
		['top level: version missing', (r) => delete r.version, 'version', /missing/],
		[
			'top level: version a boolean',
			(r) => (r.version = true),
			'version',
			/received true; expected text/,
		],
		['top level: version NaN-like text', (r) => (r.version = ''), 'version', /empty string/],
		[
			'top level: description a number',
			(r) => (r.description = 5),
			'description',
			/received the number 5/,
		],
		[
			'top level: courses missing',
			(r) => delete r.courses,
			'courses',
			/missing; expected an object/,
		],
		['top level: courses empty', (r) => (r.courses = {}), 'courses', /at least one course/],
		[
			'top level: courses a list',
			(r) => (r.courses = [{}]),
			'courses',
			/received a list of 1 item\(s\); expected an object/,
		],
		[
			'top level: typo',
			(r) => (r.decription = 'x'),
			'decription',
			/unknown field "decription" \(did you mean "description"\?\)/,
		],
		[
			'defaults: not an object',
			(r) => (r.defaults = 2),
			'defaults',
			/received 2; expected an object/,
		],
		[
			'defaults: negative reviewMargin',
			(r) => (r.defaults = { reviewMargin: -1 }),
			'defaults.reviewMargin',
			/received -1; expected a number at least 0/,
		],
		[
			'defaults: fractional nameTolerance',
			(r) => (r.defaults = { nameTolerance: 1.5 }),
			'defaults.nameTolerance',
			/received 1.5; expected a whole number/,
		],
		[
			'defaults: unknown key',
			(r) => (r.defaults = { reviewmargin: 1 }),
			'defaults.reviewmargin',
			/did you mean "reviewMargin"/,
		],
		[
			'course: not an object',
			(r) => ((r.courses as Json)['C-101'] = null),
			'courses.C-101',
			/received null; expected an object/,
		],
		['course: empty id', (r) => ((r.courses as Json)[''] = {}), 'courses[""]', /non-empty text/],
		[
			'course: id with a trailing space',
			(r) => ((r.courses as Json)['C-103 '] = {}),
			'courses["C-103 "]',
			/leading or trailing spaces/,
		],
		[
			'course: passingScore above 100',
			(r) => (course(r).passingScore = 120),
			'courses.C-101.passingScore',
			/received 120; expected a number at most 100/,
		],
		[
			'course: passingScore negative',
			(r) => (course(r).passingScore = -1),
			'courses.C-101.passingScore',
			/at least 0/,
		],
		[
			'course: passingScore as text',
			(r) => (course(r).passingScore = '80'),
			'courses.C-101.passingScore',
			/received "80"; expected a number/,
		],
		[
			'course: passingScore infinite',
			(r) => (course(r).passingScore = Infinity),
			'courses.C-101.passingScore',
			/received Infinity; expected a finite number/,
		],
		[
			'course: negative reviewMargin',
			(r) => (course(r).reviewMargin = -0.5),
			'courses.C-101.reviewMargin',
			/at least 0/,
		],
		[
			'course: zero minTimeOnTaskMinutes',
			(r) => (course(r).minTimeOnTaskMinutes = 0),
			'courses.C-101.minTimeOnTaskMinutes',
			/received 0; expected a number more than 0/,
		],
		[
			'course: timeBelowMinimum not one of its values',
			(r) => (course(r).timeBelowMinimum = 'refuse'),
			'courses.C-101.timeBelowMinimum',
			/received "refuse"; expected one of "needs_review", "not_eligible"/,
		],
		[
			'defaults: timeBelowMinimum as a boolean',
			(r) => (r.defaults = { timeBelowMinimum: true }),
			'defaults.timeBelowMinimum',
			/received true; expected 'needs_review' \| 'not_eligible'/,
		],
		[
			'course: identityCheck as text',
			(r) => (course(r).identityCheck = 'yes'),
			'courses.C-101.identityCheck',
			/received "yes"; expected true or false/,
		],
		[
			'course: negative nameTolerance',
			(r) => (course(r).nameTolerance = -1),
			'courses.C-101.nameTolerance',
			/at least 0/,
		],
		[
			'course: typo passingscore',
			(r) => (course(r).passingscore = 80),
			'courses.C-101.passingscore',
			/unknown field "passingscore" \(did you mean "passingScore"\?\)/,
		],
		[
			'course: typo minTimeOnTask',
			(r) => (course(r).minTimeOnTask = 5),
			'courses.C-101.minTimeOnTask',
			/unknown field "minTimeOnTask"; expected one of name, passingScore/,
		],
		[
			'requiredModules: empty list',
			(r) => (course(r).requiredModules = []),
			'courses.C-101.requiredModules',
			/expected a list of at least 1 item/,
		],
		[
			'requiredModules: not a list',
			(r) => (course(r).requiredModules = 'm1'),
			'courses.C-101.requiredModules',
			/received "m1"; expected a list/,
		],
		[
			'requiredModules[2]: empty id',
			(r) => (course(r).requiredModules = ['m1', 'm2', '']),
			'courses.C-101.requiredModules[2]',
			/non-empty text/,
		],
		[
			'requiredModules[1]: a number',
			(r) => (course(r).requiredModules = ['m1', 7]),
			'courses.C-101.requiredModules[1]',
			/received the number 7; expected text \(quote it: "7"\)/,
		],
		[
			'requiredModules[2]: duplicate',
			(r) => (course(r).requiredModules = ['m1', 'm2', 'm1']),
			'courses.C-101.requiredModules[2]',
			/received "m1" again; expected unique values \(first at \[0\]\)/,
		],
		[
			'prerequisites[1]: duplicate',
			(r) => (course(r).prerequisites = ['C-100', 'C-100']),
			'courses.C-101.prerequisites[1]',
			/again/,
		],
		[
			'prerequisites[0]: the course itself',
			(r) => (course(r).prerequisites = ['C-101']),
			'courses.C-101.prerequisites[0]',
			/cannot be its own prerequisite/,
		],
		[
			'subjectiveCriteria[1].id: empty',
			(r) => (course(r).subjectiveCriteria = [{ id: 'a' }, { id: '' }]),
			'courses.C-101.subjectiveCriteria[1].id',
			/non-empty text/,
		],
		[
			'subjectiveCriteria[0].id: missing',
			(r) => (course(r).subjectiveCriteria = [{ label: 'x' }]),
			'courses.C-101.subjectiveCriteria[0].id',
			/missing/,
		],
		[
			'subjectiveCriteria[1].id: duplicate',
			(r) => (course(r).subjectiveCriteria = [{ id: 'a' }, { id: 'a' }]),
			'courses.C-101.subjectiveCriteria[1].id',
			/received "a" again/,
		],
		[
			'subjectiveCriteria[0]: typo',
			(r) => (course(r).subjectiveCriteria = [{ id: 'a', lable: 'x' }]),
			'courses.C-101.subjectiveCriteria[0].lable',
			/did you mean "label"/,
		],
		[
			'subjectiveCriteria[0]: a bare string',
			(r) => (course(r).subjectiveCriteria = ['capstone']),
			'courses.C-101.subjectiveCriteria[0]',
			/received "capstone"; expected an object/,
		],
	])('%s', (_, mutate, path, message) => {
		const input = path === '' ? ['not', 'a', 'rule', 'set'] : withChange(mutate);
		const issues = issuesOf(parseCompletionRuleSet(input));
		expect(issues).toHaveLength(1);
		expect(issues[0].path).toBe(path);
		expect(issues[0].message).toMatch(message);
	});

	it('reports every problem at once', () => {
		const input = withChange((r) => {
			r.id = '';
			course(r).passingScore = 101;
			course(r).passingscore = 80;
			(r.courses as Json)['C-102'] = { requiredModules: ['a', 'a'] };
		});
		const paths = issuesOf(parseCompletionRuleSet(input)).map((issue) => issue.path);
		expect(paths.sort()).toEqual(
			[
				'id',
				'courses.C-101.passingScore',
				'courses.C-101.passingscore',
				'courses.C-102.requiredModules[1]',
			].sort(),
		);
	});

	it('splits several unknown keys into one issue each', () => {
		const paths = issuesOf(parseCompletionRuleSet({ ...validRuleSet(), foo: 1, bar: 2 })).map(
			(i) => i.path,
		);
		expect(paths).toEqual(['foo', 'bar']);
	});
});

describe('parseCompletionRuleSetText', () => {
	const json = JSON.stringify(validRuleSet(), null, 2);
	const yaml = `
# Same rules as the JSON, other key order, YAML style
version: "2026.1"
courses:
  C-102:
    passingScore: 70
  C-101:
    subjectiveCriteria:
      - id: capstone
        label: Capstone project
      - id: practical
    requiredModules: [m1, m2, m3]
    prerequisites: [C-100]
    passingScore: 80
    reviewMargin: 3
    minTimeOnTaskMinutes: 50
    identityCheck: true
    nameTolerance: 1
    name: Ethics
defaults: { nameTolerance: 2, reviewMargin: 2 }
description: Ethics and tax courses
id: acme-cpe
`;

	it('reads JSON and YAML of the same rules to the same hash', () => {
		expect(hashOf(parseCompletionRuleSetText(yaml))).toBe(hashOf(parseCompletionRuleSetText(json)));
		expect(hashOf(parseCompletionRuleSetText(json))).toBe(
			hashOf(parseCompletionRuleSet(validRuleSet())),
		);
	});

	it('ignores whitespace and key order', () => {
		const compact = JSON.stringify(validRuleSet());
		const reordered = JSON.stringify(
			{ courses: validRuleSet().courses, ...validRuleSet() },
			null,
			'\t',
		);
		const hash = hashOf(parseCompletionRuleSetText(json));
		expect(hashOf(parseCompletionRuleSetText(compact))).toBe(hash);
		expect(hashOf(parseCompletionRuleSetText(reordered))).toBe(hash);
	});

	it('treats an unquoted YAML version number like the quoted text', () => {
		const unquoted = yaml.replace('version: "2026.1"', 'version: 2026.1');
		expect(unquoted).not.toBe(yaml);
		expect(hashOf(parseCompletionRuleSetText(unquoted))).toBe(
			hashOf(parseCompletionRuleSetText(yaml)),
		);
	});

	it('keeps the literal of numeric versions and course keys from text', () => {
		const result = parseCompletionRuleSetText(
			'id: x\nversion: 2026.10\ncourses:\n  0101: { passingScore: 70 }\n',
		);
		expect(result.ok && result.ruleSet.version).toBe('2026.10');
		expect(result.ok && Object.keys(result.ruleSet.courses)).toEqual(['0101']);
		const json10 = parseCompletionRuleSetText('{"id":"x","version":2026.10,"courses":{"A":{}}}');
		expect(json10.ok && json10.ruleSet.version).toBe('2026.10');
	});

	it('reports a YAML typo at its path', () => {
		const issues = issuesOf(
			parseCompletionRuleSetText(yaml.replace('    passingScore: 80', '    passingscore: 80')),
		);
		expect(issues).toEqual([
			{
				path: 'courses.C-101.passingscore',
				message: expect.stringMatching(/did you mean "passingScore"/),
			},
		]);
	});

	it.each([
		['empty text', '   \n', /empty text/],
		['broken JSON', '{"id": "x", "version": }', /not valid JSON: /],
		[
			'JSON with a trailing comma',
			'{"id": "x", "version": "1", "courses": {"A": {}},}',
			/not valid JSON: /,
		],
		['broken YAML indentation', 'id: x\n version: 1\ncourses: {}', /not valid JSON or YAML/],
		[
			'a duplicate key',
			'id: x\nid: y\nversion: 1\ncourses: { A: {} }',
			/not valid JSON or YAML.*[Dd]uplicate|Map keys must be unique/,
		],
		['a scalar document', 'just text', /received "just text"; expected an object/],
	])('refuses %s at the top level', (_, text, message) => {
		const issues = issuesOf(parseCompletionRuleSetText(text));
		expect(issues[0].path).toBe('');
		expect(issues[0].message).toMatch(message);
	});
});

describe('ruleHash', () => {
	const base = hashOf(parseCompletionRuleSet(validRuleSet()));

	it.each<[string, (r: Json) => void]>([
		['passingScore 80 -> 81', (r) => (course(r).passingScore = 81)],
		['passingScore 80 -> 80.5', (r) => (course(r).passingScore = 80.5)],
		['version', (r) => (r.version = '2026.2')],
		['rule set id', (r) => (r.id = 'acme-cpe-2')],
		['description', (r) => (r.description = 'Ethics and tax courses.')],
		['a module added', (r) => (course(r).requiredModules = ['m1', 'm2', 'm3', 'm4'])],
		['module order', (r) => (course(r).requiredModules = ['m2', 'm1', 'm3'])],
		['identityCheck off', (r) => (course(r).identityCheck = false)],
		['default margin', (r) => (r.defaults = { reviewMargin: 2.5, nameTolerance: 2 })],
		[
			'a criterion label',
			(r) => (course(r).subjectiveCriteria = [{ id: 'capstone' }, { id: 'practical' }]),
		],
		['a course id', (r) => (r.courses = { 'C-101': course(r), 'C-103': { passingScore: 70 } })],
	])('changes when %s changes', (_, mutate) => {
		expect(hashOf(parseCompletionRuleSet(withChange(mutate)))).not.toBe(base);
	});

	it('does not change when a default is written out explicitly (it hashes the rules as applied)', () => {
		const implicit = { id: 'x', version: '1', courses: { A: { passingScore: 70 } } };
		const explicit = {
			id: 'x',
			version: '1',
			defaults: { reviewMargin: 2, nameTolerance: 2 },
			courses: { A: { passingScore: 70, identityCheck: true } },
		};
		expect(hashOf(parseCompletionRuleSet(explicit))).toBe(hashOf(parseCompletionRuleSet(implicit)));
	});

	it('stays what it was before timeBelowMinimum existed for rule sets that do not set it', () => {
		// Computed before the setting was added: decisions already recorded keep matching.
		expect(base).toBe('ecb84313cf1f7e6910170ffb7367c330387dc4c12d2f167f86abef51aef65626');
	});

	it.each<[string, Json]>([
		['the built-in default written out', { timeBelowMinimum: 'needs_review' }],
		['a course value equal to the default', { courseSetting: 'needs_review' }],
	])('ignores %s (it hashes the rules as applied)', (_, change) => {
		const changed = withChange((r) => {
			if (change.timeBelowMinimum)
				r.defaults = { ...(r.defaults as Json), timeBelowMinimum: change.timeBelowMinimum };
			if (change.courseSetting) course(r).timeBelowMinimum = change.courseSetting;
		});
		const result = parseCompletionRuleSet(changed);
		expect(hashOf(result)).toBe(base);
		if (result.ok) expect(canonicalJson(result.ruleSet)).not.toContain('timeBelowMinimum');
	});

	it('changes when a rule set refuses time below the minimum, by default or per course', () => {
		const refusingDefault = hashOf(
			parseCompletionRuleSet(
				withChange(
					(r) => (r.defaults = { ...(r.defaults as Json), timeBelowMinimum: 'not_eligible' }),
				),
			),
		);
		const refusingCourse = hashOf(
			parseCompletionRuleSet(withChange((r) => (course(r).timeBelowMinimum = 'not_eligible'))),
		);
		// A course asking for review under a refusing default is a real difference, so it is kept.
		const reviewUnderRefusing = hashOf(
			parseCompletionRuleSet(
				withChange((r) => {
					r.defaults = { ...(r.defaults as Json), timeBelowMinimum: 'not_eligible' };
					course(r).timeBelowMinimum = 'needs_review';
				}),
			),
		);
		expect(new Set([base, refusingDefault, refusingCourse, reviewUnderRefusing]).size).toBe(4);
	});
});
