import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { credentialJson } from '../../../kit/issuing/credential-output';
import { updateDisplayOptions } from '../../../kit/display-options';
import type { CertifierRun } from '../context';
import { credentialIdOf, credentialIdProperty } from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['issueDraft'] } },
	[credentialIdProperty] as INodeProperties[],
);

/** Step 2 of 3: draft → issued. Repeating it is harmless: an issued credential is returned as is. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CertifierRun,
): Promise<IDataObject> {
	const client = await run.client();
	return credentialJson(await client.issueDraft(credentialIdOf.call(this, itemIndex)));
}
