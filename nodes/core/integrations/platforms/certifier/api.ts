import { PlatformError, sentence } from '../errors';
import { genericFailure, textAt } from '../http/failures';
import type { ApiRequest } from '../http/platform-http';
import type { RateLimit } from '../resilience/rate-limiter';
import type { HttpResponse } from '../transport/http-transport';

export const CERTIFIER_BASE_URL = 'https://api.certifier.io';

/** Required on every request; without it Certifier answers 400 missing_version. */
export const CERTIFIER_API_VERSION = '2022-10-26';

/** [inferred] Certifier documents a 429 but no number; 100 a minute is a cautious default. */
export const CERTIFIER_RATE_LIMIT: RateLimit = { requests: 100, perMs: 60_000 };

export function certifierAuthorization(token: string): string {
	return `Bearer ${token}`;
}

/**
 * Certifier's envelope is {error: {code, message}}; like its own plugins we also read
 * message / error / detail / errors, in that order.
 */
export function certifierError(body: unknown): { code?: string; message?: string } {
	const code = textAt(body, 'error.code');
	const message =
		textAt(body, 'error.message') ??
		textAt(body, 'message') ??
		textAt(body, 'error') ??
		textAt(body, 'detail') ??
		textAt(body, 'errors') ??
		(typeof body === 'string' ? body : undefined);
	return { code, message };
}

export function mapCertifierFailure(response: HttpResponse, request: ApiRequest): PlatformError {
	const { code, message } = certifierError(response.body);
	const said = message ? ` It said: ${sentence(message)}` : '';
	const status = response.status;
	if (code === 'missing_version' || code === 'invalid_version') {
		return new PlatformError(
			'certifier',
			'validation_error',
			`the Certifier-Version header was refused (${code}).${said}`,
			{
				fix: `Send Certifier-Version: ${CERTIFIER_API_VERSION} (the client does; check proxies that strip headers).`,
				status,
				field: 'Certifier-Version',
			},
		);
	}
	if (status === 401) {
		return new PlatformError(
			'certifier',
			'unauthorized',
			`the access token was refused while ${request.action}.${said}`,
			{
				fix: 'Create a new access token (Certifier: Settings → Developers → Access Tokens) and update the credential.',
				status,
			},
		);
	}
	if (status === 402) {
		return new PlatformError(
			'certifier',
			'payment_required',
			`this needs a premium Certifier plan (${request.action}).${said}`,
			{
				fix: 'Upgrade the Certifier workspace, or leave out the premium feature.',
				status,
			},
		);
	}
	if (status === 409) {
		return new PlatformError(
			'certifier',
			'invalid_state',
			`the credential's state does not allow this (${request.action}).${said}`,
			{
				fix: 'Read the credential and retry the step that fits its state.',
				status,
			},
		);
	}
	if (status === 400 || status === 422) {
		return new PlatformError(
			'certifier',
			'validation_error',
			`the request was refused while ${request.action}.${said}`,
			{
				fix: 'Correct the request data and try again.',
				status,
				field: fieldIn(message),
			},
		);
	}
	return genericFailure('certifier', response, request.action, message);
}

function fieldIn(message: string | undefined): string | undefined {
	const match = message?.match(
		/\b(groupId|recipient\.email|recipient\.name|recipient|issueDate|expiryDate|customAttributes(?:\.[\w.-]+)?|deliveryMethod)\b/,
	);
	return match?.[1];
}
