import type { INode, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { platformNodeError } from '../../shared/platform-node-errors';

export function certifierNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	return platformNodeError(node, error, itemIndex);
}
