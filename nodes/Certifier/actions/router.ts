import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { holdingUnmappedCourse, refuseBrokenCourseMapping } from '../../kit/issuing/course-mapping';
import { routeOperation, type ItemOperation } from '../../kit/operation-router';
import { certifierNodeError } from '../helpers/errors';
import { CERTIFIER_MAPPING } from '../helpers/fields';
import { certifierRun, type CertifierRun } from './context';
import * as credential from './credential/Credential.resource';
import * as group from './group/Group.resource';

const OPERATIONS: Record<string, Record<string, ItemOperation<CertifierRun>>> = {
	credential: {
		issue: holdingUnmappedCourse(credential.issue.execute),
		createDraft: holdingUnmappedCourse(credential.createDraft.execute),
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
	return await routeOperation(this, {
		operations: OPERATIONS,
		startRun: () => {
			refuseBrokenCourseMapping(this, CERTIFIER_MAPPING);
			return certifierRun(this);
		},
		toNodeError: certifierNodeError,
	});
}
