import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	NodeApiError,
} from 'n8n-workflow';

import { runPerItem } from './run-items';

/** One operation on one item, given what the run shares (clients, template lists). */
export type ItemOperation<Run> = (
	this: IExecuteFunctions,
	itemIndex: number,
	run: Run,
) => Promise<IDataObject | IDataObject[]>;

export interface OperationRouting<Run> {
	/** resource → operation → its per-item execute. */
	operations: Record<string, Record<string, ItemOperation<Run>>>;
	/** What every item of this run shares; built once, after the operation is known. */
	startRun(): Run | Promise<Run>;
	toNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError;
}

/**
 * execute() of a resource/operation node: picks the operation, starts the run, then runs it per
 * item with pairedItem and Continue On Fail (see runPerItem).
 */
export async function routeOperation<Run>(
	context: IExecuteFunctions,
	routing: OperationRouting<Run>,
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operationName = context.getNodeParameter('operation', 0) as string;
	const operation = routing.operations[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operationName}" is not supported for resource "${resource}"`,
		);
	}
	const run = await routing.startRun();
	return await runPerItem.call(
		context,
		async (itemIndex) => await operation.call(context, itemIndex, run),
		(error, itemIndex) => routing.toNodeError(context.getNode(), error, itemIndex),
	);
}
