import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { clientsFor } from '../client';
import { optionsCollection, returnAllAndLimit } from '../common.descriptions';
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
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
		const client = await clientFor(itemIndex);
		const groups = await client.listTemplates();
		return (returnAll ? groups : groups.slice(0, limit)).map(
			(group) => ({ ...group.raw, id: group.id }) as IDataObject,
		);
	});
}
