import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../shared/run-items';
import { certifierNodeError } from '../helpers/errors';
import { certifierRun, type CertifierRun } from './context';
import * as credential from './credential/Credential.resource';
import * as group from './group/Group.resource';

type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
	run: CertifierRun,
) => Promise<IDataObject | IDataObject[]>;

const OPERATIONS: Record<string, Record<string, Operation>> = {
	credential: {
		issue: credential.issue.execute,
		createDraft: credential.createDraft.execute,
		issueDraft: credential.issueDraft.execute,
		send: credential.send.execute,
		get: credential.get.execute,
		search: credential.search.execute,
		updateExpiry: credential.updateExpiry.execute,
		expire: credential.expire.execute,
		deleteCredential: credential.deleteCredential.execute,
	},
	group: { getAll: group.getAll.execute },
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
	const run = certifierRun(this);
	return await runPerItem.call(
		this,
		async (itemIndex) => await operation.call(this, itemIndex, run),
		(error, itemIndex) => certifierNodeError(this.getNode(), error, itemIndex),
	);
}
