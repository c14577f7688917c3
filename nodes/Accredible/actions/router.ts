import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperation, type OperationTable } from '../../kit/operation-router';
import { accredibleFailure, explainAccredibleError } from '../transport';
import { clientsFor, type ClientFor } from './client';
import * as credential from './credential/Credential.resource';
import * as group from './group/Group.resource';

const OPERATIONS: OperationTable<ClientFor> = {
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
	return await routeOperation(this, {
		operations: OPERATIONS,
		// Clients are built per distinct Max Attempts / Timeout, when an item first needs one.
		startRun: () => clientsFor.call(this),
		explain: explainAccredibleError(),
		items: { failure: accredibleFailure },
	});
}
