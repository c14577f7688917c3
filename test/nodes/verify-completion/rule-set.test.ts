// The rule set: JSON and YAML, parameter and file, and refusal of bad rules with the path of
// the bad field, before any learner is judged.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { runWorkflow } from '../support/run-workflow';
import { TRIGGER_NAME } from '../support/run-node';
import {
	completionEvent,
	countItems,
	decisionOf,
	isDataObject,
	OUTPUT,
	readJsonFixture,
	RULES_JSON,
	RULES_JSON_PATH,
	RULES_YAML,
	RULES_YAML_PATH,
	runVerifyCompletion,
	VERIFY_COMPLETION_TYPE,
} from '../support/verify-completion';

const passingEvent = completionEvent({ course: { id: 'SCORE-ONLY' }, score: 90 });

/** The fixture rules with one change, as JSON text; `undefined` deletes the key. */
function rulesWith(change: (rules: Record<string, unknown>) => void): string {
	const rules = readJsonFixture('rule-sets/completion-rules.json');
	change(rules);
	return JSON.stringify(rules);
}

function course(rules: Record<string, unknown>, id: string): Record<string, unknown> {
	const courses = rules.courses;
	if (!isDataObject(courses)) throw new Error('fixture rules have no courses');
	const found = courses[id];
	if (!isDataObject(found)) throw new Error(`fixture rules have no course ${id}`);
	return found;
}

interface BadRuleSetCase {
	name: string;
	ruleSet: string;
	/** Text the error message must contain: the path of the bad field, or what is wrong. */
	mentions: string[];
}

const badRuleSets: BadRuleSetCase[] = [
	{
		name: 'the documented example: a passing score above 100',
		ruleSet: 'id: rules\nversion: "1"\ncourses:\n  C-101:\n    passingScore: 120\n',
		mentions: ['courses.C-101.passingScore'],
	},
	{ name: 'top level: id missing', ruleSet: rulesWith((r) => delete r.id), mentions: ['"id"'] },
	{
		name: 'top level: unknown key',
		ruleSet: rulesWith((r) => (r.cources = {})),
		mentions: ['cources'],
	},
	{
		name: 'top level: no courses',
		ruleSet: rulesWith((r) => (r.courses = {})),
		mentions: ['courses'],
	},
	{
		name: 'defaults: negative review margin',
		ruleSet: rulesWith((r) => (r.defaults = { reviewMargin: -1 })),
		mentions: ['defaults.reviewMargin'],
	},
	{
		name: 'defaults: unknown key',
		ruleSet: rulesWith((r) => (r.defaults = { nameTolerence: 3 })),
		mentions: ['defaults.nameTolerence'],
	},
	{
		name: 'course field: passing score as words',
		ruleSet: rulesWith((r) => (course(r, 'SCORE-ONLY').passingScore = 'eighty')),
		mentions: ['courses.SCORE-ONLY.passingScore'],
	},
	{
		name: 'course field: unknown key with a did-you-mean hint',
		ruleSet: rulesWith((r) => (course(r, 'TIME-ONLY').passingscore = 80)),
		mentions: ['courses.TIME-ONLY.passingscore', 'passingScore'],
	},
	{
		name: 'array element: empty module id',
		ruleSet: rulesWith((r) => (course(r, 'MODULES-ONLY').requiredModules = ['introduction', ''])),
		mentions: ['courses.MODULES-ONLY.requiredModules[1]'],
	},
	{
		name: 'array element: repeated module id',
		ruleSet: rulesWith(
			(r) => (course(r, 'MODULES-ONLY').requiredModules = ['introduction', 'introduction']),
		),
		mentions: ['courses.MODULES-ONLY.requiredModules[1]'],
	},
	{
		name: 'array element: criterion without an id',
		ruleSet: rulesWith(
			(r) => (course(r, 'APPROVALS-ONLY').subjectiveCriteria = [{ label: 'Capstone' }]),
		),
		mentions: ['courses.APPROVALS-ONLY.subjectiveCriteria[0].id'],
	},
	{
		name: 'a course that is its own prerequisite',
		ruleSet: rulesWith(
			(r) => (course(r, 'PREREQUISITES-ONLY').prerequisites = ['PREREQUISITES-ONLY']),
		),
		mentions: ['courses.PREREQUISITES-ONLY.prerequisites[0]'],
	},
	{
		name: 'YAML that does not parse',
		ruleSet: 'id: rules\nversion: "1"\ncourses:\n  C-101: [unclosed\n',
		mentions: ['not valid JSON or YAML'],
	},
	{ name: 'empty text', ruleSet: '   \n', mentions: ['empty'] },
];

describe('Verify Completion: bad rule sets are refused with the path of the bad field', () => {
	test.each(badRuleSets)('$name', async ({ ruleSet, mentions }) => {
		const run = await runVerifyCompletion({
			items: [passingEvent, passingEvent],
			parameters: { ruleSet },
		});
		expect(run.status).toBe('error');
		expect(run.error?.nodeName).toBe('Node Under Test');
		for (const text of mentions) expect(run.error?.message).toContain(text);
		expect(countItems(run.outputs)).toBe(0);
	});

	// n8n passes a failed node's input through its first output when the node continues on
	// error, and the first output here is Verified: a bad rule set must never get there.
	test.each(['continueRegularOutput', 'continueErrorOutput'] as const)(
		'with onError=%s no item reaches Verified and the path is still reported',
		async (onError) => {
			const ruleSet = badRuleSets[0].ruleSet;
			const run = await runVerifyCompletion({
				items: [passingEvent],
				parameters: { ruleSet },
				settings: { onError },
			});
			expect(run.outputs[OUTPUT.verified] ?? []).toEqual([]);
			const reported = [run.error?.message, ...run.outputs.flat().map((item) => item.json.error)];
			expect(
				reported.some(
					(text) => typeof text === 'string' && text.includes('courses.C-101.passingScore'),
				),
			).toBe(true);
		},
	);

	test('with continue on fail, the node after Verified never runs', async () => {
		const noOp = (name: string, y: number) => ({
			name,
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [440, y] as [number, number],
			parameters: {},
		});
		const run = await runWorkflow(
			{
				nodes: [
					{
						name: TRIGGER_NAME,
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						name: 'Verify Completion',
						type: VERIFY_COMPLETION_TYPE,
						typeVersion: 1,
						position: [220, 0],
						parameters: { ruleSet: badRuleSets[0].ruleSet },
						onError: 'continueRegularOutput',
					},
					noOp('Issue Credential', -100),
					noOp('Ask a Reviewer', 0),
				],
				connections: {
					[TRIGGER_NAME]: { main: [[{ node: 'Verify Completion', type: 'main', index: 0 }]] },
					'Verify Completion': {
						main: [
							[{ node: 'Issue Credential', type: 'main', index: 0 }],
							[{ node: 'Ask a Reviewer', type: 'main', index: 0 }],
						],
					},
				},
			},
			{ pinData: { [TRIGGER_NAME]: [{ json: passingEvent }] } },
		);
		expect(run.order).toContain('Verify Completion');
		expect(run.order).not.toContain('Issue Credential');
	});
});

describe('Verify Completion: the Completed Prerequisites option is checked like the rules', () => {
	test('a bad record fails the node with its position and field', async () => {
		const records = [{ learnerId: '57', courseId: 'SAFE-100', status: 'done' }];
		const run = await runVerifyCompletion({
			items: [passingEvent],
			parameters: { options: { completedPrerequisites: JSON.stringify(records) } },
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('Completed Prerequisites');
		expect(run.error?.message).toContain('[0].status');
		expect(countItems(run.outputs)).toBe(0);
	});
});

describe('Verify Completion: rule set formats and sources', () => {
	const judge = async (parameters: Record<string, string>) => {
		const run = await runVerifyCompletion({ items: [passingEvent], parameters });
		expect(run.error).toBeUndefined();
		expect(run.branchOf(0)).toBe('verified');
		return decisionOf(run.itemFor(0));
	};

	test('YAML and JSON of the same rules give the same decision and rule hash', async () => {
		const fromYaml = await judge({ ruleSet: RULES_YAML });
		const fromJson = await judge({ ruleSet: RULES_JSON });
		expect(fromYaml.ruleSetId).toBe('node-test-rules');
		expect(fromYaml.ruleVersion).toBe('2026.1');
		expect(fromYaml.ruleHash).toMatch(/^[0-9a-f]{64}$/);
		expect(fromJson.ruleHash).toBe(fromYaml.ruleHash);
		expect(fromJson.reasons).toEqual(fromYaml.reasons);
	});

	test('changing one rule changes the rule hash', async () => {
		const original = await judge({ ruleSet: RULES_JSON });
		const changed = await judge({
			ruleSet: rulesWith((r) => (course(r, 'SCORE-ONLY').passingScore = 85)),
		});
		expect(changed.ruleHash).not.toBe(original.ruleHash);
	});

	test.each([
		['YAML', RULES_YAML_PATH],
		['JSON', RULES_JSON_PATH],
	])('reads a %s rule-set file', async (_format, filePath) => {
		const fromFile = await judge({ ruleSetSource: 'file', ruleSetFilePath: filePath });
		const fromParameter = await judge({ ruleSet: RULES_YAML });
		expect(fromFile.ruleHash).toBe(fromParameter.ruleHash);
	});

	describe('file problems fail the node and name the file', () => {
		let folder = '';
		beforeAll(() => {
			folder = mkdtempSync(path.join(tmpdir(), 'rule-set-file-'));
		});
		afterAll(() => rmSync(folder, { recursive: true, force: true }));

		test('a file that does not exist', async () => {
			const missing = path.join(folder, 'missing.yaml');
			const run = await runVerifyCompletion({
				items: [passingEvent],
				parameters: { ruleSetSource: 'file', ruleSetFilePath: missing },
			});
			expect(run.status).toBe('error');
			expect(run.error?.message).toContain(missing);
			expect(countItems(run.outputs)).toBe(0);
		});

		test('a file with a bad rule', async () => {
			const badFile = path.join(folder, 'bad-rules.yaml');
			writeFileSync(badFile, badRuleSets[0].ruleSet);
			const run = await runVerifyCompletion({
				items: [passingEvent],
				parameters: { ruleSetSource: 'file', ruleSetFilePath: badFile },
			});
			expect(run.status).toBe('error');
			expect(run.error?.message).toContain(badFile);
			expect(run.error?.message).toContain('courses.C-101.passingScore');
		});
	});
});
