import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { credentialJson } from '../../../kit/issuing/credential-output';
import { updateDisplayOptions } from '../../../kit/display-options';
import { dateOnly, inputError } from '../../../kit/issuing/issue-input';
import type { CertifierRun } from '../context';
import { credentialIdOf, credentialIdProperty } from './common';

const properties: INodeProperties[] = [
	credentialIdProperty,
	{
		displayName: 'Never Expires',
		name: 'neverExpires',
		type: 'boolean',
		default: false,
		description: 'Whether to remove the expiry date',
	},
	{
		displayName: 'Expiry Date',
		name: 'expiryDate',
		type: 'string',
		required: true,
		default: '',
		placeholder: '2027-05-01',
		description: 'YYYY-MM-DD. A date in the past makes the credential expired.',
		displayOptions: { show: { neverExpires: [false] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['updateExpiry'] } },
	properties,
);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CertifierRun,
): Promise<IDataObject> {
	const credentialId = credentialIdOf.call(this, itemIndex);
	const never = this.getNodeParameter('neverExpires', itemIndex, false) === true;
	const date = never ? null : dateOnly(this.getNodeParameter('expiryDate', itemIndex, ''));
	if (date !== null && (date === undefined || !DATE.test(date))) {
		throw inputError(
			this.getNode(),
			itemIndex,
			[
				{
					path: 'expiresOn',
					message: `received ${date === undefined ? 'nothing' : `"${date}"`}; expected a date as YYYY-MM-DD`,
				},
			],
			{ expiresOn: 'Expiry Date' },
		);
	}
	const client = await run.client();
	const outcome = await client.replace({ credentialId, expiresOn: date });
	return {
		previousExpiresOn: outcome.previous.expiresOn ?? null,
		credential: credentialJson(outcome.credential),
	};
}
