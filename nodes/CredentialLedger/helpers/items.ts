import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ledgerNodeError } from './errors';

export interface ItemOutcome {
	/** Output index the item goes to. */
	output: number;
	json: IDataObject;
}

/**
 * Runs `handle` for every input item, pairing each output item with its input and keeping its
 * binary data (e.g. the PDF a Certificate node rendered before Record). A failed item throws, or
 * with Continue On Fail goes to `failedOutput` carrying `error` (so "Continue (using error
 * output)" moves it to the error output); it never reaches an output that issues.
 */
export async function forEachItem(
	this: IExecuteFunctions,
	outputCount: number,
	failedOutput: number,
	handle: (itemIndex: number, item: INodeExecutionData) => Promise<ItemOutcome>,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const { binary } = items[itemIndex];
		try {
			const outcome = await handle(itemIndex, items[itemIndex]);
			outputs[outcome.output].push({
				json: outcome.json,
				...(binary ? { binary } : {}),
				pairedItem: { item: itemIndex },
			});
		} catch (caught) {
			const error = ledgerNodeError(this.getNode(), caught, itemIndex);
			if (!this.continueOnFail()) throw error;
			outputs[failedOutput].push({
				json: { ...items[itemIndex].json, error: error.message },
				...(binary ? { binary } : {}),
				error,
				pairedItem: { item: itemIndex },
			});
		}
	}
	return outputs;
}

/** Ledger-wide operations run once per execution; their one item pairs with every input. */
export function pairedWithAll(this: IExecuteFunctions): Array<{ item: number }> {
	const count = Math.max(this.getInputData().length, 1);
	return Array.from({ length: count }, (_, item) => ({ item }));
}

/** Who the chain names when the user leaves Actor empty: this workflow. */
export function actorOf(this: IExecuteFunctions, value: unknown): string {
	const given = typeof value === 'string' ? value.trim() : '';
	if (given !== '') return given;
	const workflow = this.getWorkflow();
	return `n8n workflow ${workflow.name ?? workflow.id ?? ''}`.trim().slice(0, 200);
}

/** A text parameter as the domain expects it: trimmed, and absent when empty. */
export function optionalText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	return text === '' ? undefined : text;
}
