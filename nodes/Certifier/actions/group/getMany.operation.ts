import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { templateJson } from '../../../shared/credential-output';
import { updateDisplayOptions } from '../../../shared/display-options';
import type { CertifierRun } from '../context';

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getAll'] } },
	properties,
);

/** Groups (credential templates), every page. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CertifierRun,
): Promise<IDataObject[]> {
	const groups = await run.groups();
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? groups.length
		: (this.getNodeParameter('limit', itemIndex, 50) as number);
	return groups.slice(0, limit).map(templateJson);
}
