import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../kit/display-options';
import { credentialSummary, type ClientFor } from '../client';
import { credentialIdField, optionsCollection } from '../common.descriptions';
import { credentialIdOf } from '../items';

const properties: INodeProperties[] = [credentialIdField, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	clientFor: ClientFor,
): Promise<IDataObject> {
	const credentialId = credentialIdOf.call(this, itemIndex);
	const client = await clientFor(itemIndex);
	return credentialSummary(await client.get(credentialId));
}
