import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { credentialIdField, optionsCollection } from '../common.descriptions';
import { revokeItems } from './revoke';

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

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await revokeItems.call(this, 'delete');
}
