import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

export type ItemHandler = (itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/**
 * The canonical per-item loop: every output item is paired with its input; with Continue On Fail
 * a failed item carries `error` (n8n moves it to the error output when that is configured) and
 * the next item still runs.
 */
export async function runPerItem(
	this: IExecuteFunctions,
	handle: ItemHandler,
	toNodeError: (error: unknown, itemIndex: number) => NodeApiError | NodeOperationError,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await handle(itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const nodeError = toNodeError(error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			output.push({
				json: { error: nodeError.message },
				error: nodeError,
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [output];
}
