import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { templateJson } from '../../../kit/issuing/credential-output';
import { updateDisplayOptions } from '../../../kit/display-options';
import { resultLimit, returnAllAndLimit } from '../../../kit/result-limit';
import type { CertifierRun } from '../context';

const properties: INodeProperties[] = [...returnAllAndLimit];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getMany'] } },
	properties,
);

/** Groups (credential templates), every page. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CertifierRun,
): Promise<IDataObject[]> {
	const groups = await run.groups();
	return groups.slice(0, resultLimit.call(this, itemIndex)).map(templateJson);
}
