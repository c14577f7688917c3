import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../kit/display-options';
import type { OpenedLedger } from '../../transport/open-ledger';
import { lookupProperties } from './lookup.properties';
import { lookupOf } from './status.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['evidenceBundle'] } },
	lookupProperties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ ledger }: OpenedLedger,
	item: INodeExecutionData,
): Promise<IDataObject> {
	const query = lookupOf.call(this, itemIndex);
	let result: IDataObject;
	if ('key' in query) {
		result = { ...(await ledger.evidenceBundle(query.key)) } as unknown as IDataObject;
	} else {
		// A learner's (or a platform id's) credentials in the order they first appeared, each with its full bundle.
		const statuses = await ledger.status(query);
		const bundles = [];
		for (const status of statuses) bundles.push(await ledger.evidenceBundle(status.key));
		result = { ...query, bundles } as unknown as IDataObject;
	}
	return { ...item.json, ledger: result };
}
