import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RevokeMethod, RevokeOutcome } from '../../../core/integrations/platforms';
import { credentialSummary, type ClientFor } from '../client';
import { credentialIdOf, dateField, optionsOf } from '../items';

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

/** The execute of Expire, Unpublish or Delete: repeating one changes nothing. */
export function revokeWith(method: RevokeMethod) {
	return async function execute(
		this: IExecuteFunctions,
		itemIndex: number,
		clientFor: ClientFor,
	): Promise<IDataObject> {
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
	};
}
