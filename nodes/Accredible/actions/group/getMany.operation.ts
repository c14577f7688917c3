import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { clientsFor } from '../client';
import { resultLimit, returnAllAndLimit } from '../../../kit/result-limit';
import { optionsCollection } from '../common.descriptions';
import { forEachItem } from '../items';

const properties: INodeProperties[] = [...returnAllAndLimit, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getMany'] } },
	properties,
);

/** The account's groups (credential templates), one item each, in Accredible's shape. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const clientFor = clientsFor.call(this);
	return await forEachItem.call(this, async (itemIndex) => {
		const limit = resultLimit.call(this, itemIndex);
		const client = await clientFor(itemIndex);
		const groups = await client.listTemplates();
		return groups.slice(0, limit).map((group) => ({ ...group.raw, id: group.id }) as IDataObject);
	});
}
