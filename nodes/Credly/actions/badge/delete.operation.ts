import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { revokeJson } from '../../../kit/issuing/credential-output';
import { updateDisplayOptions } from '../../../kit/display-options';
import type { CredlyRun } from '../context';
import { badgeIdOf, badgeIdProperty } from './common';

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting removes the badge for good, with no record left. To withdraw a badge and keep the record, use Revoke.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	badgeIdProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['badge'], operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CredlyRun,
): Promise<IDataObject> {
	const outcome = await run.client.revoke({
		credentialId: badgeIdOf.call(this, itemIndex),
		method: 'delete',
	});
	return revokeJson(outcome);
}
