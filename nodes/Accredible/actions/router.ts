import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as credential from './credential/Credential.resource';
import * as group from './group/Group.resource';

type Operation = { execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> };

const OPERATIONS: Record<string, Record<string, Operation>> = {
	credential: {
		create: credential.create,
		delete: credential.delete,
		expire: credential.expire,
		generatePdf: credential.generatePdf,
		get: credential.get,
		search: credential.search,
		unpublish: credential.unpublish,
		update: credential.update,
	},
	group: { getMany: group.getMany },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	if (this.getInputData().length === 0) return [[]];
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = OPERATIONS[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not known for the resource "${resource}"`,
		);
	}
	return [await handler.execute.call(this)];
}
