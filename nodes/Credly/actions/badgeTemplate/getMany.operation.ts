import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { templateJson } from '../../../kit/issuing/credential-output';
import { updateDisplayOptions } from '../../../kit/display-options';
import { resultLimit, returnAllAndLimit } from '../../../kit/result-limit';
import type { CredlyRun } from '../context';

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	{
		displayName: 'Active Only',
		name: 'activeOnly',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out archived and draft templates, which cannot be issued from',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['badgeTemplate'], operation: ['getMany'] } },
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
	return templates.slice(0, resultLimit.call(this, itemIndex)).map(templateJson);
}
