import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

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
				value: 'getMany',
				description: "Get the organization's badge templates (all pages)",
				action: 'Get many badge templates',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
