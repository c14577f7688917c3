import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { RevokeMethod, RevokeOutcome } from '../../../core/integrations/platforms';
import { clientsFor, credentialSummary } from '../client';
import { credentialIdOf, dateField, forEachItem, optionsOf } from '../items';

function revokeOutput(outcome: RevokeOutcome): IDataObject {
	return {
		method: outcome.method,
		credentialId: outcome.credentialId,
		// true: it already was expired / unpublished / gone, and nothing was changed.
		alreadyDone: outcome.alreadyDone,
		deleted: outcome.deleted,
		...(outcome.credential ? credentialSummary(outcome.credential) : {}),
	};
}

/** Expire, unpublish or delete each item's credential; repeating one changes nothing. */
export async function revokeItems(
	this: IExecuteFunctions,
	method: RevokeMethod,
): Promise<INodeExecutionData[]> {
	const clientFor = clientsFor.call(this);
	return await forEachItem.call(this, async (itemIndex) => {
		const credentialId = credentialIdOf.call(this, itemIndex);
		const effectiveOn =
			method === 'expire'
				? dateField.call(
						this,
						optionsOf.call(this, itemIndex).effectiveOn,
						'Expiry Date',
						itemIndex,
					)
				: undefined;
		const client = await clientFor(itemIndex);
		return revokeOutput(await client.revoke({ credentialId, method, effectiveOn }));
	});
}
