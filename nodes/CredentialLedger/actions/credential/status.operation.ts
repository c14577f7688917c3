import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { CredentialLedger, StatusQuery } from '../../../core/domain/ledger';
import { forOperation } from '../../helpers/display-options';
import { forEachItem } from '../../helpers/items';
import { keyParameter } from './key.property';
import {
	lookupByPlatformId,
	platformIdParameter,
	statusLookupProperties,
} from './lookup.properties';

export const description = forOperation(
	'credential',
	'status',
	statusLookupProperties as INodeProperties[],
);

export function lookupOf(this: IExecuteFunctions, itemIndex: number): StatusQuery {
	if (lookupByPlatformId.call(this, itemIndex)) return platformIdParameter.call(this, itemIndex);
	return this.getNodeParameter('lookupBy', itemIndex, 'key') === 'learner'
		? { learnerId: String(this.getNodeParameter('learnerId', itemIndex, '') ?? '').trim() }
		: { key: keyParameter.call(this, itemIndex) };
}

export async function execute(
	this: IExecuteFunctions,
	ledger: CredentialLedger,
): Promise<INodeExecutionData[][]> {
	return await forEachItem.call(this, 1, 0, async (itemIndex, item) => {
		const query = lookupOf.call(this, itemIndex);
		const credentials = await ledger.status(query);
		const result = { ...query, found: credentials.length > 0, credentials };
		return { output: 0, json: { ...item.json, ledger: result as unknown as IDataObject } };
	});
}
