import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../kit/node-description';
import * as create from './create.operation';
import * as deleteBadge from './delete.operation';
import * as get from './get.operation';
import * as replace from './replace.operation';
import * as revoke from './revoke.operation';
import * as search from './search.operation';

export { create, deleteBadge as delete, get, replace, revoke, search };

export const description: INodeProperties[] = [
	operationProperty(
		'badge',
		[
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a badge for good',
				action: 'Delete a badge',
			},
			{ name: 'Get', value: 'get', description: 'Get a badge by ID', action: 'Get a badge' },
			{
				name: 'Issue',
				value: 'create',
				description: 'Issue a badge exactly once (an existing one is returned, not duplicated)',
				action: 'Issue a badge',
			},
			{
				name: 'Replace',
				value: 'replace',
				description: 'Supersede a badge with a corrected one (name, dates, template)',
				action: 'Replace a badge',
			},
			{
				name: 'Revoke',
				value: 'revoke',
				description: 'Revoke a badge with a reason; the record stays',
				action: 'Revoke a badge',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find issued badges by recipient, template or state',
				action: 'Search badges',
			},
		],
		'create',
	),
	...create.description,
	...get.description,
	...search.description,
	...revoke.description,
	...replace.description,
	...deleteBadge.description,
];
