import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { isPlatformError, type PlatformError } from '../../core/integrations/platforms';

/** Codes that mean "your input or configuration is wrong", not "the service said no". */
const INPUT_CODES = new Set([
	'invalid_request',
	'missing_template_mapping',
	'template_not_found',
	'template_archived',
]);

export interface ErrorOverride {
	message: string;
	description?: string;
}

/**
 * Turns a platform client error into n8n's error classes for one item. The message already names
 * the cause and the fix; it never holds request headers, so tokens cannot leak through it. Only
 * a plain summary goes to NodeApiError (never the error itself, whose cause may carry a request).
 */
export function platformNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	override?: (error: PlatformError) => ErrorOverride | undefined,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (!isPlatformError(error)) {
		const message = error instanceof Error ? error.message : String(error);
		return new NodeOperationError(node, message, { itemIndex });
	}
	const replaced = override?.(error);
	const message = replaced?.message ?? `Item ${itemIndex}: ${error.message}`;
	const description = replaced?.description ?? describe(error);
	if (INPUT_CODES.has(error.code)) {
		return new NodeOperationError(node, message, { itemIndex, description });
	}
	const summary: JsonObject = {
		message: error.message,
		code: error.code,
		platform: error.platform,
		...(error.status !== undefined ? { httpCode: String(error.status) } : {}),
	};
	return new NodeApiError(node, summary, {
		message,
		description,
		itemIndex,
		...(error.status !== undefined ? { httpCode: String(error.status) } : {}),
	});
}

/** The fix first, then every bad field on its own line. */
function describe(error: PlatformError): string {
	const lines = [error.fix];
	if (error.field) lines.push(`Field: ${error.field}`);
	for (const issue of error.issues) lines.push(`${issue.path || '(root)'}: ${issue.message}`);
	return lines.join('\n');
}
