import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

export type NodeError = NodeApiError | NodeOperationError;

/** How a domain error reads for the user: what happened, naming the field, and the fix. */
export interface Explained {
	message: string;
	description?: string;
	/**
	 * Set when a service refused or failed (NodeApiError keeps its status for the UI): a plain
	 * summary, never the error itself, whose cause may carry the request and its credentials.
	 */
	api?: { summary: JsonObject; httpCode?: string };
}

/** A node's reading of its domain's errors; undefined for errors it does not know. */
export type Explain = (cause: unknown, itemIndex: number | undefined) => Explained | undefined;

/**
 * The one way node code turns a failure into n8n's error classes. n8n errors pass through (they
 * learn their item); domain errors read as their node explains them; anything else keeps only
 * its message, so nothing attached to it (a request, a header) reaches the execution data.
 */
export function toNodeError(
	node: INode,
	cause: unknown,
	itemIndex: number | undefined,
	explain?: Explain,
): NodeError {
	if (cause instanceof NodeApiError || cause instanceof NodeOperationError) {
		if (cause.context.itemIndex === undefined && itemIndex !== undefined)
			cause.context.itemIndex = itemIndex;
		return cause;
	}
	const explained = explain?.(cause, itemIndex);
	if (!explained) {
		const message = cause instanceof Error ? cause.message : String(cause);
		return new NodeOperationError(node, message, { itemIndex });
	}
	const { message, description, api } = explained;
	if (!api) return new NodeOperationError(node, message, { itemIndex, description });
	return new NodeApiError(node, api.summary, {
		message,
		description,
		itemIndex,
		...(api.httpCode !== undefined ? { httpCode: api.httpCode } : {}),
	});
}

/** "Item 3: " before a message about one item; nothing for a failure of the whole run. */
export function itemPrefix(itemIndex: number | undefined): string {
	return itemIndex === undefined ? '' : `Item ${itemIndex}: `;
}
