import type { INode, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { platformNodeError } from '../../kit/issuing/platform-node-errors';

export function certifierNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	return platformNodeError(node, error, itemIndex);
}
