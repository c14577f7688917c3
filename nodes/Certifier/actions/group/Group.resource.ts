import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../kit/node-description';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	operationProperty(
		'group',
		[
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the groups (credential templates) of the workspace',
				action: 'Get many groups',
			},
		],
		'getMany',
	),
	...getMany.description,
];
