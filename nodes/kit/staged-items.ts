import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { failedItem, placeResult, type ItemPlan, type ItemResult } from './per-item';

/**
 * An item's work in two steps. `prepare` reads the item (parameters, its binary data) and may
 * run for several items at once. `commit` makes the item's one store call, and must make it
 * before its first await: commits are started strictly in item order without waiting for the
 * one before, so the calls reach the store in item order (a repeated key is decided as it would
 * be one by one) and a store that batches concurrent transactions writes them with one sync.
 */
export interface ItemStages<Prepared> {
	prepare(itemIndex: number, item: INodeExecutionData): Promise<Prepared>;
	commit(prepared: Prepared, itemIndex: number, item: INodeExecutionData): Promise<ItemResult>;
}

/**
 * Items in flight at once. A conference's 2,000 attendees wrote one chain sync (and one
 * evidence folder sync) per item one by one; at 32 a batch shares them. More gains little and
 * keeps more of the items' evidence in memory at once.
 */
export const STAGED_WINDOW = 32;

/**
 * runPerItem in windows of `window` items: every window's items are prepared together, then
 * committed in item order and awaited together, and placed in item order, paired with their
 * inputs. Without Continue On Fail, a failed preparation stops the run before anything of it or
 * after it is committed, as one by one; a failed commit stops it too, but the window's later
 * commits were already started and may be written. A run that stops is not passed on anyway:
 * the next run meets those items as already reserved, recorded or pending.
 */
export async function runPerItemStaged<Prepared>(
	this: IExecuteFunctions,
	plan: ItemPlan,
	stages: ItemStages<Prepared>,
	window = STAGED_WINDOW,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = Array.from({ length: plan.outputs ?? 1 }, () => []);
	const keepGoing = this.continueOnFail();
	for (let start = 0; start < items.length; start += window) {
		const indexes = Array.from(
			{ length: Math.min(window, items.length - start) },
			(_, offset) => start + offset,
		);
		const prepared = await Promise.allSettled(
			indexes.map(async (index) => await stages.prepare(index, items[index])),
		);
		const firstFailed = prepared.findIndex((result) => result.status === 'rejected');
		const committing = keepGoing || firstFailed === -1 ? indexes.length : firstFailed;
		const committed = await Promise.allSettled(
			indexes.slice(0, committing).map((index, offset) => {
				const ready = prepared[offset];
				return ready.status === 'fulfilled'
					? stages.commit(ready.value, index, items[index])
					: Promise.reject(ready.reason);
			}),
		);
		for (const [offset, index] of indexes.entries()) {
			const result = offset < committing ? committed[offset] : prepared[offset];
			if (result.status === 'fulfilled' && offset < committing) {
				placeResult(outputs, plan, result.value as ItemResult, index, items[index]);
			} else {
				const cause = result.status === 'rejected' ? result.reason : undefined;
				outputs[plan.failedOutput ?? 0].push(failedItem.call(this, plan, cause, index));
			}
		}
	}
	return outputs;
}
