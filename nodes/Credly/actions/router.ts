import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { holdingUnmappedCourse, refuseBrokenCourseMapping } from '../../kit/issuing/course-mapping';
import { routeOperation, type ItemOperation } from '../../kit/operation-router';
import { credlyNodeError } from '../helpers/errors';
import { CREDLY_MAPPING } from '../helpers/fields';
import { credlyClient } from '../transport';
import * as badge from './badge/Badge.resource';
import * as badgeTemplate from './badgeTemplate/BadgeTemplate.resource';
import { credlyRun, type CredlyRun } from './context';

const OPERATIONS: Record<string, Record<string, ItemOperation<CredlyRun>>> = {
	badge: {
		issue: holdingUnmappedCourse(badge.issue.execute),
		get: badge.get.execute,
		search: badge.search.execute,
		revoke: badge.revoke.execute,
		replace: badge.replace.execute,
		deleteBadge: badge.deleteBadge.execute,
	},
	badgeTemplate: { getAll: badgeTemplate.getAll.execute },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, {
		operations: OPERATIONS,
		// The credential is read once per run: a missing Organization ID fails the node, not each item.
		startRun: async () => {
			refuseBrokenCourseMapping(this, CREDLY_MAPPING);
			return credlyRun(await credlyClient.call(this));
		},
		toNodeError: credlyNodeError,
	});
}
