import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getMany.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['badgeTemplate'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: "Get the organization's badge templates (all pages)",
				action: 'Get many badge templates',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
