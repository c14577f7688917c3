import type { IWebhookFunctions } from 'n8n-workflow';

import type { Jwks } from '../core/integrations/lms';
import { parseJwks } from '../core/integrations/lms';

const TTL_MS = 10 * 60_000;
/** An unknown kid may mean a rotated key; refetch, but not more often than this. */
const MIN_REFETCH_MS = 5_000;
const cache = new Map<string, { jwks: Jwks; fetchedAt: number }>();

export interface CanvasCredentials {
	allowedRootAccounts?: string;
	allowedHosts?: string;
	jwksSource: 'url' | 'json';
	jwksUrl?: string;
	jwks?: unknown;
}

/** What the sender is told when the keys cannot be had: no URL, no network detail. */
export const KEYS_UNAVAILABLE =
	'The Canvas signing keys could not be loaded; retry later (the details are in the n8n log)';

/**
 * The key set to verify with, from the credential or the JWKS URL (cached per URL). When there
 * is none, the reason (which may name the URL or a network error) is logged and undefined is
 * returned: the caller answers with KEYS_UNAVAILABLE only.
 */
export async function loadJwks(
	this: IWebhookFunctions,
	credentials: CanvasCredentials,
	refresh = false,
): Promise<Jwks | undefined> {
	const problem = (detail: string) => {
		this.logger.error(`${this.getNode().name}: ${detail}`);
		return undefined;
	};
	if (credentials.jwksSource === 'json') {
		return (
			parseJwks(credentials.jwks) ??
			problem('the JWKS JSON in the Canvas Live Events credential is not {"keys":[...]}')
		);
	}
	const url = String(credentials.jwksUrl ?? '').trim();
	if (!/^https?:\/\//.test(url))
		return problem('the Canvas Live Events credential has no valid JWKS URL');
	const cached = cache.get(url);
	const now = Date.now();
	if (cached && now - cached.fetchedAt < (refresh ? MIN_REFETCH_MS : TTL_MS)) return cached.jwks;
	let jwks: Jwks | undefined;
	try {
		jwks = parseJwks(await this.helpers.httpRequest({ url, method: 'GET', json: true }));
	} catch (error) {
		return problem(`could not fetch the Canvas JWKS from ${url}: ${(error as Error).message}`);
	}
	if (!jwks) return problem(`the JWKS URL ${url} did not return {"keys":[...]}`);
	cache.set(url, { jwks, fetchedAt: now });
	return jwks;
}
