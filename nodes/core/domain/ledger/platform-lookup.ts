import { LedgerError } from './errors';
import type { LedgerStore } from './store';

/** A credential named the way a platform event names it: the platform and its id there. */
export interface PlatformCredentialId {
	platform: string;
	externalId: string;
}

/** Checks both parts are non-empty text; the error names the field to fix. */
export function checkPlatformCredentialId(query: PlatformCredentialId): PlatformCredentialId {
	for (const field of ['platform', 'externalId'] as const) {
		const value: unknown = query[field];
		if (typeof value !== 'string' || value.trim() === '') {
			throw new LedgerError(
				'invalid_input',
				`Invalid platform credential: ${field}: expected non-empty text`,
				{ issues: [{ path: field, message: 'expected non-empty text' }] },
			);
		}
	}
	return { platform: query.platform.trim(), externalId: query.externalId.trim() };
}

/** Keys whose `issued` entry carries this platform id, oldest first. */
export async function keysForPlatformId(
	store: LedgerStore,
	query: PlatformCredentialId,
): Promise<string[]> {
	const { platform, externalId } = checkPlatformCredentialId(query);
	return store.keysForCredential(platform, externalId);
}

/**
 * The one key whose `issued` entry carries this platform id. A credential reissued on the
 * platform has a new id on its own `issued` entry, so an old id still finds the old credential.
 */
export async function keyForPlatformId(
	store: LedgerStore,
	query: PlatformCredentialId,
): Promise<string> {
	const { platform, externalId } = checkPlatformCredentialId(query);
	const keys = await store.keysForCredential(platform, externalId);
	const named = `${platform} credential "${externalId}"`;
	if (keys.length === 0) {
		throw new LedgerError('unknown_key', `No credential issued as ${named} in the ledger`, {
			issues: [
				{
					path: 'externalId',
					message: `no issued entry names ${named}; record it as issued first`,
				},
			],
			details: { platform, externalId },
		});
	}
	if (keys.length > 1) {
		throw new LedgerError(
			'invalid_state',
			`${named} was recorded as issued for ${keys.length} credentials (${keys.join(', ')}); name the credential by its idempotency key`,
			{ details: { platform, externalId, keys } },
		);
	}
	return keys[0];
}
