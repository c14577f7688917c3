import { isPlatformError } from './errors';
import { unsupportedRevokeMethod } from './request-errors';
import type {
	PlatformCredential,
	PlatformName,
	RevokeMethod,
	RevokeOutcome,
	RevokeRequest,
} from './types';

/** The platform-specific pieces of a revoke. */
export interface RevokeSteps {
	platform: PlatformName;
	/** Supported methods; the first is the default. */
	methods: readonly RevokeMethod[];
	get(credentialId: string): Promise<PlatformCredential>;
	/** The credential already is where the method would take it. */
	isDone(method: RevokeMethod, current: PlatformCredential): boolean;
	/** Applies revoke / expire / unpublish and returns the credential afterwards. */
	apply(method: RevokeMethod, current: PlatformCredential): Promise<PlatformCredential>;
	/** Deletes for good. */
	remove(credentialId: string): Promise<void>;
}

/**
 * Revoke, idempotently: unknown methods are refused before sending, a credential already
 * revoked/expired/unpublished is left alone, and a retried delete whose first answer was lost
 * (the second one finds nothing) counts as done.
 */
export async function revokeWith(
	steps: RevokeSteps,
	request: RevokeRequest,
): Promise<RevokeOutcome> {
	const method = request.method ?? steps.methods[0];
	if (!steps.methods.includes(method)) {
		throw unsupportedRevokeMethod(steps.platform, method, steps.methods);
	}
	const id = request.credentialId;
	const current = await steps.get(id);
	const outcome = (credential: PlatformCredential | undefined, alreadyDone: boolean) => ({
		method,
		credentialId: id,
		credential,
		deleted: method === 'delete',
		alreadyDone,
	});
	if (method === 'delete') {
		try {
			await steps.remove(id);
			return outcome(undefined, false);
		} catch (error) {
			if (isPlatformError(error, 'not_found')) return outcome(undefined, true);
			throw error;
		}
	}
	if (steps.isDone(method, current)) return outcome(current, true);
	return outcome(await steps.apply(method, current), false);
}
