import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { loadIssuerKey, type IssuerKey } from '../../core/domain/open-badges';
import { optionalText } from '../../kit/text';

export const ISSUER_CREDENTIAL = 'openBadgeIssuerApi';

export interface Issuer {
	key: IssuerKey;
	name: string;
	url?: string;
}

/** The issuer a credential describes; the key is parsed here and never returned as text. */
export async function issuerOf(data: ICredentialDataDecryptedObject): Promise<Issuer> {
	const identity =
		data.identity === 'web'
			? { method: 'web' as const, domain: optionalText(data.domain) ?? '' }
			: { method: 'key' as const };
	const key = await loadIssuerKey({ privateKey: String(data.privateKey ?? ''), identity });
	const url = optionalText(data.issuerUrl);
	return { key, name: optionalText(data.issuerName) ?? '', ...(url ? { url } : {}) };
}
