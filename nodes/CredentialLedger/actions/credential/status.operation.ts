import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { StatusQuery } from '../../../core/domain/ledger';
import { updateDisplayOptions } from '../../../kit/display-options';
import type { OpenedLedger } from '../../transport/open-ledger';
import { keyParameter } from './key.property';
import {
	lookupByPlatformId,
	platformIdParameter,
	statusLookupProperties,
} from './lookup.properties';

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['status'] } },
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
	itemIndex: number,
	{ ledger }: OpenedLedger,
	item: INodeExecutionData,
): Promise<IDataObject> {
	const query = lookupOf.call(this, itemIndex);
	const credentials = await ledger.status(query);
	const result = { ...query, found: credentials.length > 0, credentials };
	return { ...item.json, ledger: result as unknown as IDataObject };
}
