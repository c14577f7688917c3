// Helpers for driving the Verify Completion node through the real engine and reading its
// three outputs. Expected values stay in the tests; these only locate and unwrap results.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { REPO_ROOT } from './pinned-n8n';
import { runNode, type NodeRunResult, type NodeSettings } from './run-node';

export const VERIFY_COMPLETION_TYPE = 'n8n-nodes-certificate-delivery.verifyCompletion';

/** Output indexes in the order the node declares them; `error` exists with continueErrorOutput. */
export const OUTPUT = { verified: 0, needs_review: 1, not_eligible: 2, error: 3 } as const;
export type Branch = keyof typeof OUTPUT;

export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const RULES_YAML_PATH = path.join(FIXTURES, 'rule-sets', 'completion-rules.yaml');
export const RULES_JSON_PATH = path.join(FIXTURES, 'rule-sets', 'completion-rules.json');
export const RULES_YAML = readFileSync(RULES_YAML_PATH, 'utf8');
export const RULES_JSON = readFileSync(RULES_JSON_PATH, 'utf8');

export function readJsonFixture(relativePath: string): IDataObject {
	const parsed: unknown = JSON.parse(readFileSync(path.join(FIXTURES, relativePath), 'utf8'));
	if (!isDataObject(parsed)) throw new Error(`fixture ${relativePath} is not a JSON object`);
	return parsed;
}

/**
 * A valid completion of course SCORE-ONLY that passes; tests override what they probe. An
 * override set to undefined removes the field, as a payload that never had it.
 */
export function completionEvent(overrides: IDataObject = {}): IDataObject {
	const event: IDataObject = {
		source: 'moodle',
		learner: { id: '57', name: 'Ana Lima' },
		course: { id: 'SCORE-ONLY' },
		completedAt: '2024-06-03T16:00:00Z',
		score: 90,
		...overrides,
	};
	for (const key of Object.keys(event)) if (event[key] === undefined) delete event[key];
	return event;
}

export interface VerifyRunOptions {
	items: IDataObject[];
	parameters?: INodeParameters;
	settings?: NodeSettings;
}

export interface VerifyRun extends NodeRunResult {
	/** Which output holds the item paired with input `itemIndex` (undefined: none does). */
	branchOf(itemIndex: number): Branch | undefined;
	/** The output item paired with input `itemIndex`, wherever it went. */
	itemFor(itemIndex: number): INodeExecutionData | undefined;
}

export async function runVerifyCompletion({
	items,
	parameters,
	settings,
}: VerifyRunOptions): Promise<VerifyRun> {
	const result = await runNode({
		type: VERIFY_COMPLETION_TYPE,
		parameters: { ruleSet: RULES_YAML, ...parameters },
		items,
		settings,
	});
	const locate = (itemIndex: number) => {
		for (const [branch, outputIndex] of Object.entries(OUTPUT)) {
			const item = (result.outputs[outputIndex] ?? []).find(
				(candidate) => pairedIndex(candidate) === itemIndex,
			);
			if (item) return { branch: branch as Branch, item };
		}
		return undefined;
	};
	return {
		...result,
		branchOf: (itemIndex) => locate(itemIndex)?.branch,
		itemFor: (itemIndex) => locate(itemIndex)?.item,
	};
}

/** Item index of the single input an output item is paired with. */
export function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem : [item.pairedItem];
	if (paired.length !== 1) return undefined;
	const only = paired[0];
	if (typeof only === 'number') return only;
	return only?.item;
}

export interface DecisionView {
	outcome: string;
	reasons: Array<{ code: string; detail: string }>;
	subject: IDataObject;
	dataPoints: IDataObject;
	ruleSetId: string;
	ruleVersion: string;
	ruleHash: string;
	decidedAt: string;
}

/** The decision on an output item, checked for shape so a malformed one fails loudly. */
export function decisionOf(item: INodeExecutionData | undefined, field = 'decision'): DecisionView {
	const decision = item?.json[field];
	if (!isDecision(decision)) {
		throw new Error(`no decision in field "${field}" of ${JSON.stringify(item?.json)}`);
	}
	return decision;
}

export function reasonCodes(item: INodeExecutionData | undefined, field = 'decision'): string[] {
	return decisionOf(item, field).reasons.map((reason) => reason.code);
}

function isDecision(value: unknown): value is DecisionView {
	if (!isDataObject(value)) return false;
	const { outcome, reasons, subject, dataPoints } = value;
	return (
		typeof outcome === 'string' &&
		Array.isArray(reasons) &&
		reasons.every(
			(reason) =>
				isDataObject(reason) &&
				typeof reason.code === 'string' &&
				typeof reason.detail === 'string',
		) &&
		isDataObject(subject) &&
		isDataObject(dataPoints) &&
		['ruleSetId', 'ruleVersion', 'ruleHash', 'decidedAt'].every(
			(key) => typeof value[key] === 'string',
		)
	);
}

export function isDataObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Total number of items across the node's outputs. */
export function countItems(outputs: INodeExecutionData[][]): number {
	return outputs.reduce((sum, items) => sum + items.length, 0);
}

/** One row of a table-driven check test: an event, where it must go and why. */
export interface CheckCase {
	name: string;
	event: IDataObject;
	branch: Exclude<Branch, 'error'>;
	codes: string[];
	/** The node's Completed Prerequisites option, when the case needs outside records. */
	completedPrerequisites?: IDataObject[];
}

/** Runs one case and asserts branch, outcome and the exact set of reason codes. */
export async function expectCheckCase(testCase: CheckCase): Promise<DecisionView> {
	const options = testCase.completedPrerequisites
		? { completedPrerequisites: JSON.stringify(testCase.completedPrerequisites) }
		: {};
	const run = await runVerifyCompletion({ items: [testCase.event], parameters: { options } });
	expect(run.error).toBeUndefined();
	expect(countItems(run.outputs)).toBe(1);
	expect(run.branchOf(0)).toBe(testCase.branch);
	const decision = decisionOf(run.itemFor(0));
	expect(decision.outcome).toBe(testCase.branch);
	const codes = decision.reasons.map((reason) => reason.code);
	expect(new Set(codes).size).toBe(codes.length);
	expect([...codes].sort()).toEqual([...testCase.codes].sort());
	return decision;
}
