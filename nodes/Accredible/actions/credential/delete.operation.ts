import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../kit/display-options';
import { credentialIdField, optionsCollection } from '../common.descriptions';
import { revokeWith } from './revoke';

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting is permanent: the credential page and its verification disappear. To withdraw a credential but keep a record, use Expire.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	credentialIdField,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['delete'] } },
	properties,
);

export const execute = revokeWith('delete');
