import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../kit/node-description';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	operationProperty(
		'badgeTemplate',
		[
			{
				name: 'Get Many',
				value: 'getMany',
				description: "Get the organization's badge templates (all pages)",
				action: 'Get many badge templates',
			},
		],
		'getMany',
	),
	...getMany.description,
];
