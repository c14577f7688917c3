import type { PlatformError } from '../../core/integrations/platforms';
import { explainPlatformError } from '../../kit/issuing/platform-node-errors';

export const TOKEN_EXPIRED_MESSAGE =
	'The Credly token expired or was revoked: create a new one in Credly (Organization settings → Developers → Authorization tokens) and update the Credly credential';

/** Credly answers 401 to an expired token like to a wrong one: say what usually happened. */
function credlyOverride(error: PlatformError) {
	if (error.code !== 'unauthorized' && error.code !== 'token_expired') return undefined;
	return {
		message: TOKEN_EXPIRED_MESSAGE,
		description: `${error.message}\nTokens expire 180 days after they are created. If the token is new, check the Organization ID and the environment (Production, Sandbox) of the credential.`,
	};
}

export const explainCredlyError = explainPlatformError(credlyOverride);
