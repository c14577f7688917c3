import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { templateJson } from '../../../shared/credential-output';
import { updateDisplayOptions } from '../../../shared/display-options';
import type { CredlyRun } from '../context';

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
	{
		displayName: 'Active Only',
		name: 'activeOnly',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out archived and draft templates, which cannot be issued from',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['badgeTemplate'], operation: ['getAll'] } },
	properties,
);

/** Every page is read: Credly serves 50 templates a page. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CredlyRun,
): Promise<IDataObject[]> {
	const all = await run.templates();
	const activeOnly = this.getNodeParameter('activeOnly', itemIndex, true) as boolean;
	const templates = activeOnly ? all.filter((template) => template.active) : all;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? templates.length
		: (this.getNodeParameter('limit', itemIndex, 50) as number);
	return templates.slice(0, limit).map(templateJson);
}
