import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { NodeError } from './node-errors';

/** An item for an output other than the first, or one that brings its own binary data. */
export class ItemOutput {
	constructor(
		readonly output: number,
		readonly json: IDataObject,
		readonly binary?: IBinaryKeyData,
	) {}
}

/** What one input item produced: plain json goes to the first output. */
export type ItemResult = IDataObject | ItemOutput | Array<IDataObject | ItemOutput>;

export type ItemHandler = (itemIndex: number, item: INodeExecutionData) => Promise<ItemResult>;

/** The json (and `error`) of the item a failure leaves under Continue On Fail. */
export type FailureShape = (
	error: NodeError,
	cause: unknown,
	input: INodeExecutionData | undefined,
) => Pick<INodeExecutionData, 'json' | 'error'>;

/** The input's json with `error` added: the next node still sees what failed. */
export const inputWithError: FailureShape = (error, _cause, input) => ({
	json: { ...input?.json, error: error.message },
	error,
});

/** Only `error`: for nodes whose items describe the service's answer, not the input. */
export const errorOnly: FailureShape = (error) => ({ json: { error: error.message }, error });

export interface ItemPlan {
	/** How many outputs the node has now (default 1). */
	outputs?: number;
	/** Where a failed item goes under Continue On Fail (default 0). Never an output that issues. */
	failedOutput?: number;
	/** Whether every item keeps its input's binary data (e.g. a PDF on its way to the ledger). */
	keepBinary?: boolean;
	/** itemIndex is undefined for a failure of the whole run. */
	toNodeError(cause: unknown, itemIndex: number | undefined): NodeError;
	/** Default: the input's json with `error`. */
	failure?: FailureShape;
}

/** The item that carries `error` for one input, paired with it. */
function errorItem(
	this: IExecuteFunctions,
	plan: ItemPlan,
	error: NodeError,
	cause: unknown,
	itemIndex: number,
): INodeExecutionData {
	const input = this.getInputData()[itemIndex];
	const binary = plan.keepBinary ? input?.binary : undefined;
	return {
		...(plan.failure ?? inputWithError)(error, cause, input),
		...(binary ? { binary } : {}),
		pairedItem: { item: itemIndex },
	};
}

/**
 * A failure of one item: thrown, or with Continue On Fail the item that carries it, paired with
 * its input. The `error` on the item lets "Continue (using error output)" move it there.
 */
export function failedItem(
	this: IExecuteFunctions,
	plan: ItemPlan,
	cause: unknown,
	itemIndex: number,
): INodeExecutionData {
	const error = plan.toNodeError(cause, itemIndex);
	if (!this.continueOnFail()) throw error;
	return errorItem.call(this, plan, error, cause, itemIndex);
}

function emptyOutputs(plan: ItemPlan): INodeExecutionData[][] {
	return Array.from({ length: plan.outputs ?? 1 }, () => []);
}

/** One item's result on the outputs it names, paired with its input. */
export function placeResult(
	outputs: INodeExecutionData[][],
	plan: ItemPlan,
	result: ItemResult,
	itemIndex: number,
	input: INodeExecutionData,
): void {
	for (const out of Array.isArray(result) ? result : [result]) {
		const placed = out instanceof ItemOutput ? out : new ItemOutput(0, out);
		const binary = placed.binary ?? (plan.keepBinary ? input.binary : undefined);
		outputs[placed.output].push({
			json: placed.json,
			...(binary ? { binary } : {}),
			pairedItem: { item: itemIndex },
		});
	}
}

/**
 * The canonical per-item loop: every output item is paired with its input; a failure throws
 * naming the item or, with Continue On Fail, becomes an error item and the next item still runs.
 */
export async function runPerItem(
	this: IExecuteFunctions,
	plan: ItemPlan,
	handle: ItemHandler,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outputs = emptyOutputs(plan);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const input = items[itemIndex];
		try {
			placeResult(outputs, plan, await handle(itemIndex, input), itemIndex, input);
		} catch (cause) {
			outputs[plan.failedOutput ?? 0].push(failedItem.call(this, plan, cause, itemIndex));
		}
	}
	return outputs;
}

/**
 * The error of a run that failed as a whole (settings, credential, storage): thrown, or returned
 * when Continue On Fail lets the node show it as items. Throwing there would make n8n pass the
 * inputs through the first output as if they had succeeded.
 */
export function runFailure(this: IExecuteFunctions, plan: ItemPlan, cause: unknown): NodeError {
	const error = plan.toNodeError(cause, undefined);
	if (!this.continueOnFail()) throw error;
	return error;
}

/** A run that cannot start: with Continue On Fail every input item carries its error. */
export function failEveryItem(
	this: IExecuteFunctions,
	plan: ItemPlan,
	cause: unknown,
): INodeExecutionData[][] {
	const error = runFailure.call(this, plan, cause);
	const outputs = emptyOutputs(plan);
	outputs[plan.failedOutput ?? 0] = this.getInputData().map((_item, itemIndex) =>
		errorItem.call(this, plan, error, cause, itemIndex),
	);
	return outputs;
}

/** Operations that run once per execution give their one item every input as its source. */
export function pairedWithAll(this: IExecuteFunctions): Array<{ item: number }> {
	const count = Math.max(this.getInputData().length, 1);
	return Array.from({ length: count }, (_, item) => ({ item }));
}
