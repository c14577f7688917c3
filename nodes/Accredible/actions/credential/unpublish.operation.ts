import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { credentialIdField, optionsCollection } from '../common.descriptions';
import { revokeItems } from './revoke';

const properties: INodeProperties[] = [credentialIdField, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['unpublish'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await revokeItems.call(this, 'unpublish');
}
