import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { credentialJson } from '../../../kit/issuing/credential-output';
import { updateDisplayOptions } from '../../../kit/display-options';
import type { CertifierRun } from '../context';
import { checkGroupOption, newCredentialProperties, newCredentialRequest } from './common';

const properties: INodeProperties[] = [
	...newCredentialProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [checkGroupOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['createDraft'] } },
	properties,
);

/**
 * Step 1 of 3: a draft nobody sees yet. The recipient's credential of the group is looked up
 * first, so a repeated run returns it (alreadyExists: true) instead of a second draft.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CertifierRun,
): Promise<IDataObject> {
	const request = await newCredentialRequest.call(this, itemIndex, run, false);
	const client = await run.client();
	const existing = await client.findExisting(request.recipient, request.templateId);
	if (existing) return { alreadyExists: true, credential: credentialJson(existing) };
	return { alreadyExists: false, credential: credentialJson(await client.createDraft(request)) };
}
