import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { AccredibleClient, PlatformCredential } from '../../core/integrations/platforms';
import { accredibleClient, clientSettings } from '../transport';
import { optionsOf } from './items';

/**
 * One client per distinct Max Attempts / Timeout within an execution (usually one). The rate
 * limiter and in-process single-flight are shared anyway, keyed by the credential.
 */
export type ClientFor = (itemIndex: number) => Promise<AccredibleClient>;

export function clientsFor(this: IExecuteFunctions): ClientFor {
	const cache = new Map<string, Promise<AccredibleClient>>();
	return (itemIndex) => {
		const settings = clientSettings(optionsOf.call(this, itemIndex));
		const key = JSON.stringify(settings);
		let client = cache.get(key);
		if (!client) {
			client = accredibleClient.call(this, settings);
			// A failed setup (e.g. no base URL) is reported per item, not cached.
			client.catch(() => cache.delete(key));
			cache.set(key, client);
		}
		return client;
	};
}

/** The fields every credential output has; `credential` is Accredible's own object. */
export function credentialSummary(credential: PlatformCredential): IDataObject {
	return {
		credentialId: credential.id,
		...(credential.url ? { url: credential.url } : {}),
		state: credential.state,
		groupId: credential.templateId,
		recipient: { ...credential.recipient },
		...(credential.issuedOn ? { issuedOn: credential.issuedOn } : {}),
		expiresOn: credential.expiresOn ?? null,
		credential: credential.raw as IDataObject,
	};
}
