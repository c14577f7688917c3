import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { holdingUnmappedCourse, refuseBrokenCourseMapping } from '../../kit/issuing/course-mapping';
import { routeOperation, type OperationTable } from '../../kit/operation-router';
import { errorOnly } from '../../kit/per-item';
import { explainCredlyError } from '../helpers/errors';
import { CREDLY_MAPPING } from '../helpers/fields';
import { credlyClient } from '../transport';
import * as badge from './badge/Badge.resource';
import * as badgeTemplate from './badgeTemplate/BadgeTemplate.resource';
import { credlyRun, type CredlyRun } from './context';

const OPERATIONS: OperationTable<CredlyRun> = {
	badge: {
		create: holdingUnmappedCourse(badge.create),
		get: badge.get,
		search: badge.search,
		revoke: badge.revoke,
		replace: badge.replace,
		delete: badge.delete,
	},
	badgeTemplate: { getMany: badgeTemplate.getMany },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, {
		operations: OPERATIONS,
		// The credential is read once per run: a missing Organization ID fails the node, not each item.
		startRun: async () => {
			refuseBrokenCourseMapping(this, CREDLY_MAPPING);
			return credlyRun(await credlyClient.call(this));
		},
		explain: explainCredlyError,
		items: { failure: errorOnly },
	});
}
