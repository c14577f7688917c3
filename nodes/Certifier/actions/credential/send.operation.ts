import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { credentialJson } from '../../../kit/issuing/credential-output';
import { updateDisplayOptions } from '../../../kit/display-options';
import type { CertifierRun } from '../context';
import { credentialIdOf, credentialIdProperty } from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['send'] } },
	[credentialIdProperty] as INodeProperties[],
);

/** Step 3 of 3: emails an issued credential to its recipient (each run sends one email). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CertifierRun,
): Promise<IDataObject> {
	const client = await run.client();
	return credentialJson(await client.send(credentialIdOf.call(this, itemIndex)));
}
