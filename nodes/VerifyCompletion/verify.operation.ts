import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Decision } from '../core/domain/model';
import {
	parsePrerequisiteRecords,
	parseVerificationInput,
	verifyCompletion,
} from '../core/domain/rules';
import type { ParsedCompletionRuleSet, PrerequisiteRecord } from '../core/domain/rules';
import { describeIssues, invalidItemError, readJsonParameter } from '../kit/errors';
import { toNodeError } from '../kit/node-errors';
import { failEveryItem, ItemOutput, runPerItem, type ItemPlan } from '../kit/per-item';
import { optionalText } from '../kit/text';
import { readRawCompletion } from './completion-input';
import { loadRuleSet } from './rule-set-loader';

/** Output indexes, in the order the node declares its outputs. */
const OUTPUT_INDEX: Record<Decision['outcome'], number> = {
	verified: 0,
	needs_review: 1,
	not_eligible: 2,
};

function loadPrerequisiteRecords(this: IExecuteFunctions): PrerequisiteRecord[] {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const json = readJsonParameter(options.completedPrerequisites, 'completedPrerequisites');
	const parsed = json.ok
		? parsePrerequisiteRecords(json.value)
		: { ok: false as const, issues: [json.issue] };
	if (parsed.ok) return parsed.records;
	const first = parsed.issues[0];
	throw new NodeOperationError(
		this.getNode(),
		`Invalid Completed Prerequisites option at "${first.path || '(root)'}": ${first.message}`,
		{ description: describeIssues(parsed.issues) },
	);
}

/** The decision for one item, on the output named by its outcome; bad input throws, naming the field. */
function judgeItem(
	this: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
	{ ruleSet, prerequisiteRecords }: Configuration,
): ItemOutput {
	const raw = readRawCompletion.call(this, itemIndex, item.json);
	if (!raw.ok) throw invalidItemError(this.getNode(), itemIndex, 'completion', raw.issues);
	const input = parseVerificationInput(raw.raw);
	if (!input.ok) throw invalidItemError(this.getNode(), itemIndex, 'completion', input.issues);

	const decision = verifyCompletion(input.value, ruleSet, { prerequisiteRecords });
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const field = optionalText(options.decisionField) ?? 'decision';
	return new ItemOutput(OUTPUT_INDEX[decision.outcome], {
		...item.json,
		[field]: decision as unknown as IDataObject,
	});
}

interface Configuration {
	ruleSet: ParsedCompletionRuleSet;
	prerequisiteRecords: PrerequisiteRecord[];
}

/**
 * A failed item must never reach the Verified branch, where a credential would be issued: it goes
 * to Needs Review, carrying `error` (so "Continue (using error output)" moves it there).
 */
function itemPlan(this: IExecuteFunctions): ItemPlan {
	return {
		outputs: 3,
		failedOutput: OUTPUT_INDEX.needs_review,
		toNodeError: (cause, itemIndex) => toNodeError(this.getNode(), cause, itemIndex),
	};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const plan = itemPlan.call(this);
	if (this.getInputData().length === 0) return [[], [], []];
	// Configuration is checked before any learner is judged; with Continue On Fail every item
	// then goes to Needs Review with the error.
	let configuration: Configuration;
	try {
		const ruleSet = await loadRuleSet.call(this);
		configuration = { ruleSet, prerequisiteRecords: loadPrerequisiteRecords.call(this) };
	} catch (cause) {
		return failEveryItem.call(this, plan, cause);
	}
	return await runPerItem.call(this, plan, async (itemIndex, item) =>
		judgeItem.call(this, itemIndex, item, configuration),
	);
}
