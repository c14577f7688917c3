import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../kit/display-options';
import { resultLimit, returnAllAndLimit } from '../../../kit/result-limit';
import type { ClientFor } from '../client';
import { optionsCollection } from '../common.descriptions';

const properties: INodeProperties[] = [...returnAllAndLimit, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getMany'] } },
	properties,
);

/** The account's groups (credential templates), one item each, in Accredible's shape. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	clientFor: ClientFor,
): Promise<IDataObject[]> {
	const limit = resultLimit.call(this, itemIndex);
	const client = await clientFor(itemIndex);
	const groups = await client.listTemplates();
	return groups.slice(0, limit).map((group) => ({ ...group.raw, id: group.id }) as IDataObject);
}
