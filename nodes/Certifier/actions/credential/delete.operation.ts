import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { revokeJson } from '../../../kit/issuing/credential-output';
import { updateDisplayOptions } from '../../../kit/display-options';
import type { CertifierRun } from '../context';
import { credentialIdOf, credentialIdProperty } from './common';

const properties: INodeProperties[] = [
	{
		displayName:
			'Certifier deletes permanently ("cannot be undone"). To withdraw a credential and keep the record, use Expire.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	credentialIdProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CertifierRun,
): Promise<IDataObject> {
	const client = await run.client();
	return revokeJson(
		await client.revoke({ credentialId: credentialIdOf.call(this, itemIndex), method: 'delete' }),
	);
}
