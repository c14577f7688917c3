import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { CredentialLedger } from '../../../core/domain/ledger';
import { forOperation } from '../../helpers/display-options';
import { forEachItem } from '../../helpers/items';
import { lookupProperties } from './lookup.properties';
import { lookupOf } from './status.operation';

export const description = forOperation('credential', 'evidenceBundle', lookupProperties);

export async function execute(
	this: IExecuteFunctions,
	ledger: CredentialLedger,
): Promise<INodeExecutionData[][]> {
	return await forEachItem.call(this, 1, 0, async (itemIndex, item) => {
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
		return { output: 0, json: { ...item.json, ledger: result } };
	});
}
