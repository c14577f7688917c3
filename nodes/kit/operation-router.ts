import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toNodeError, type Explain } from './node-errors';
import { failEveryItem, runPerItem, type ItemPlan, type ItemResult } from './per-item';
import { runPerItemStaged } from './staged-items';

/** One operation on one item, given what the run shares (clients, template lists, a ledger). */
export type ItemOperation<Run> = (
	this: IExecuteFunctions,
	itemIndex: number,
	run: Run,
	item: INodeExecutionData,
) => Promise<ItemResult>;

/** An operation module, as n8n's Airtable v2 lays them out: its fields and its execute. */
export interface OperationModule<Run> {
	description?: INodeProperties[];
	/** Runs once per input item inside the kit's per-item loop. */
	execute?: ItemOperation<Run>;
	/**
	 * Instead of execute, per item in two steps (see ItemStages in staged-items): prepare may run
	 * ahead for several items, commit makes the item's one store call before its first await.
	 */
	prepare?: (
		this: IExecuteFunctions,
		itemIndex: number,
		run: Run,
		item: INodeExecutionData,
	) => Promise<unknown>;
	commit?: (
		this: IExecuteFunctions,
		prepared: never,
		run: Run,
		item: INodeExecutionData,
	) => Promise<ItemResult>;
	/** Items prepared and committed at once (default STAGED_WINDOW; 1: strictly one by one). */
	window?: (this: IExecuteFunctions) => number;
	/** Runs once over all input items (bulk requests, whole-ledger operations). */
	executeAll?: (
		this: IExecuteFunctions,
		run: Run,
		plan: ItemPlan,
	) => Promise<INodeExecutionData[][]>;
	/** Outputs of the node while this operation is chosen, and where failed items go. */
	outputs?: number;
	failedOutput?: number;
	/** How a run that could not start shows (default: every item carries the error). */
	failRun?: (this: IExecuteFunctions, plan: ItemPlan, cause: unknown) => INodeExecutionData[][];
}

export type OperationTable<Run> = Record<string, Record<string, OperationModule<Run>>>;

export interface OperationRouting<Run> {
	/** resource → operation → module. */
	operations: OperationTable<Run>;
	/** What every item of this run shares; built once, after the operation is known. */
	startRun(operation: string): Run | Promise<Run>;
	/** Releases what startRun took (a ledger lock), whatever happened. */
	endRun?(run: Run): void;
	/** How this node explains its domain's errors (see toNodeError). */
	explain?: Explain;
	/** The rest of the per-item plan (error item shape, binary pass-through). */
	items?: Pick<ItemPlan, 'failure' | 'keepBinary'>;
}

/** The module for the node's Resource and Operation; an unknown pair is refused by name. */
export function operationOf<Module>(
	context: IExecuteFunctions,
	operations: Record<string, Record<string, Module>>,
): { operation: string; module: Module } {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const module = Object.prototype.hasOwnProperty.call(operations[resource] ?? {}, operation)
		? operations[resource][operation]
		: undefined;
	if (module === undefined) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" is not supported for resource "${resource}"`,
		);
	}
	return { operation, module };
}

/**
 * execute() of a resource/operation node: picks the operation, starts the run, then runs the
 * operation per item (pairedItem, Continue On Fail) or once over all items. A run that cannot
 * start fails every item alike.
 */
export async function routeOperation<Run>(
	context: IExecuteFunctions,
	routing: OperationRouting<Run>,
): Promise<INodeExecutionData[][]> {
	const { operation, module } = operationOf(context, routing.operations);
	const plan: ItemPlan = {
		...routing.items,
		outputs: module.outputs,
		failedOutput: module.failedOutput,
		toNodeError: (cause, itemIndex) =>
			toNodeError(context.getNode(), cause, itemIndex, routing.explain),
	};
	// Nothing to do per item: no client is built, no credential read.
	if (!module.executeAll && context.getInputData().length === 0)
		return Array.from({ length: module.outputs ?? 1 }, () => []);
	let run: Run;
	try {
		run = await routing.startRun(operation);
	} catch (cause) {
		return (module.failRun ?? failEveryItem).call(context, plan, cause);
	}
	try {
		if (module.executeAll) return await module.executeAll.call(context, run, plan);
		const { prepare, commit } = module;
		if (prepare && commit) {
			return await runPerItemStaged.call(
				context,
				plan,
				{
					prepare: async (itemIndex, item) => await prepare.call(context, itemIndex, run, item),
					commit: (prepared, _itemIndex, item) =>
						commit.call(context, prepared as never, run, item),
				},
				module.window?.call(context),
			);
		}
		const execute = module.execute;
		if (!execute) throw new NodeOperationError(context.getNode(), `"${operation}" has no execute`);
		return await runPerItem.call(context, plan, async (itemIndex, item) =>
			execute.call(context, itemIndex, run, item),
		);
	} finally {
		routing.endRun?.(run);
	}
}
