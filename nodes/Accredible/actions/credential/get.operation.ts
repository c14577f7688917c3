import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { clientsFor, credentialSummary } from '../client';
import { credentialIdField, optionsCollection } from '../common.descriptions';
import { credentialIdOf, forEachItem } from '../items';

const properties: INodeProperties[] = [credentialIdField, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const clientFor = clientsFor.call(this);
	return await forEachItem.call(this, async (itemIndex) => {
		const credentialId = credentialIdOf.call(this, itemIndex);
		const client = await clientFor(itemIndex);
		return credentialSummary(await client.get(credentialId));
	});
}
