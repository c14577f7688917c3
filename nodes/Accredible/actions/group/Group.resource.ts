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
				description: 'List the groups (credential templates) of the account',
				action: 'Get many groups',
			},
		],
		'getMany',
	),
	...getMany.description,
];
