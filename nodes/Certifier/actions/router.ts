import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { holdingUnmappedCourse, refuseBrokenCourseMapping } from '../../kit/issuing/course-mapping';
import { routeOperation, type OperationTable } from '../../kit/operation-router';
import { errorOnly } from '../../kit/per-item';
import { explainCertifierError } from '../helpers/errors';
import { CERTIFIER_MAPPING } from '../helpers/fields';
import { certifierRun, type CertifierRun } from './context';
import * as credential from './credential/Credential.resource';
import * as group from './group/Group.resource';

const OPERATIONS: OperationTable<CertifierRun> = {
	credential: {
		create: holdingUnmappedCourse(credential.create),
		createDraft: holdingUnmappedCourse(credential.createDraft),
		issueDraft: credential.issueDraft,
		send: credential.send,
		get: credential.get,
		search: credential.search,
		updateExpiry: credential.updateExpiry,
		expire: credential.expire,
		delete: credential.delete,
	},
	group: { getMany: group.getMany },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, {
		operations: OPERATIONS,
		startRun: () => {
			refuseBrokenCourseMapping(this, CERTIFIER_MAPPING);
			return certifierRun(this);
		},
		explain: explainCertifierError,
		items: { failure: errorOnly },
	});
}
