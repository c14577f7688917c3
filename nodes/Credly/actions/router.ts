import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../shared/run-items';
import { credlyNodeError } from '../helpers/errors';
import { credlyClient } from '../transport';
import * as badge from './badge/Badge.resource';
import * as badgeTemplate from './badgeTemplate/BadgeTemplate.resource';
import { credlyRun, type CredlyRun } from './context';

type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
	run: CredlyRun,
) => Promise<IDataObject | IDataObject[]>;

const OPERATIONS: Record<string, Record<string, Operation>> = {
	badge: {
		issue: badge.issue.execute,
		get: badge.get.execute,
		search: badge.search.execute,
		revoke: badge.revoke.execute,
		replace: badge.replace.execute,
		deleteBadge: badge.deleteBadge.execute,
	},
	badgeTemplate: { getAll: badgeTemplate.getAll.execute },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = OPERATIONS[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not supported for resource "${resource}"`,
		);
	}
	const run = credlyRun(await credlyClient.call(this));
	return await runPerItem.call(
		this,
		async (itemIndex) => await operation.call(this, itemIndex, run),
		(error, itemIndex) => credlyNodeError(this.getNode(), error, itemIndex),
	);
}
