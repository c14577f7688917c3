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
import { readRawCompletion } from './completion-input';
import { loadRuleSet } from './rule-set-loader';

/** Output indexes, in the order the node declares its outputs. */
const OUTPUT_INDEX: Record<Decision['outcome'], number> = {
	verified: 0,
	needs_review: 1,
	not_eligible: 2,
};

type Judgement =
	| { ok: true; outcome: Decision['outcome']; json: IDataObject }
	| { ok: false; error: NodeOperationError };

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

function judgeItem(
	this: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
	ruleSet: ParsedCompletionRuleSet,
	prerequisiteRecords: PrerequisiteRecord[],
): Judgement {
	const raw = readRawCompletion.call(this, itemIndex, item.json);
	if (!raw.ok)
		return {
			ok: false,
			error: invalidItemError(this.getNode(), itemIndex, 'completion', raw.issues),
		};
	const input = parseVerificationInput(raw.raw);
	if (!input.ok)
		return {
			ok: false,
			error: invalidItemError(this.getNode(), itemIndex, 'completion', input.issues),
		};

	const decision = verifyCompletion(input.value, ruleSet, { prerequisiteRecords });
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const field = (options.decisionField as string | undefined)?.trim() || 'decision';
	return {
		ok: true,
		outcome: decision.outcome,
		json: { ...item.json, [field]: decision as unknown as IDataObject },
	};
}

interface Configuration {
	ruleSet: ParsedCompletionRuleSet;
	prerequisiteRecords: PrerequisiteRecord[];
}

async function loadConfiguration(
	this: IExecuteFunctions,
): Promise<{ ok: true; value: Configuration } | { ok: false; error: NodeOperationError }> {
	try {
		const ruleSet = await loadRuleSet.call(this);
		return {
			ok: true,
			value: { ruleSet, prerequisiteRecords: loadPrerequisiteRecords.call(this) },
		};
	} catch (error) {
		const failure =
			error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.getNode(), error as Error);
		return { ok: false, error: failure };
	}
}

/**
 * A failed item must never reach the Verified branch, where a credential would be issued. It goes
 * to Needs Review; the `error` property lets n8n move it to the error output when the node is set
 * to "Continue (using error output)".
 */
function failedItem(
	item: INodeExecutionData,
	itemIndex: number,
	error: NodeOperationError,
): INodeExecutionData {
	return { json: { ...item.json, error: error.message }, error, pairedItem: { item: itemIndex } };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = [[], [], []];
	if (items.length === 0) return outputs;

	// Configuration is checked before any learner is judged. With Continue On Fail a throw would
	// make n8n pass the input through the first output (Verified), so every item goes to review.
	const configuration = await loadConfiguration.call(this);
	if (!configuration.ok) {
		if (!this.continueOnFail()) throw configuration.error;
		outputs[OUTPUT_INDEX.needs_review] = items.map((item, index) =>
			failedItem(item, index, configuration.error),
		);
		return outputs;
	}
	const { ruleSet, prerequisiteRecords } = configuration.value;

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let judgement: Judgement;
		try {
			judgement = judgeItem.call(this, itemIndex, items[itemIndex], ruleSet, prerequisiteRecords);
		} catch (error) {
			// Unexpected failures (e.g. an expression that cannot be evaluated) still name the item.
			judgement = {
				ok: false,
				error: new NodeOperationError(this.getNode(), error as Error, { itemIndex }),
			};
		}
		if (judgement.ok) {
			outputs[OUTPUT_INDEX[judgement.outcome]].push({
				json: judgement.json,
				pairedItem: { item: itemIndex },
			});
			continue;
		}
		if (!this.continueOnFail()) throw judgement.error;
		outputs[OUTPUT_INDEX.needs_review].push(
			failedItem(items[itemIndex], itemIndex, judgement.error),
		);
	}
	return outputs;
}
