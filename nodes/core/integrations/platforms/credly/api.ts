import { PlatformError, sentence } from '../errors';
import { genericFailure, textAt } from '../http/failures';
import type { ApiRequest } from '../http/platform-http';
import type { RateLimit } from '../resilience/rate-limiter';
import type { HttpResponse } from '../transport/http-transport';

export type CredlyEnvironment = 'production' | 'sandbox';

export const CREDLY_BASE_URLS: Record<CredlyEnvironment, string> = {
	production: 'https://api.credly.com',
	sandbox: 'https://sandbox-api.credly.com',
};

/**
 * [inferred] Credly publishes no number. Its clients back off to the next minute on 429, which
 * suggests per-minute windows; 100 a minute is a cautious default. The credential's "Requests
 * per Minute" sets the known one.
 */
export const CREDLY_RATE_LIMIT: RateLimit = { requests: 100, perMs: 60_000 };

/**
 * The credential's "Requests per Minute" as the account's limit; blank keeps CREDLY_RATE_LIMIT.
 * Anything but a whole number above 0 is refused, never read as "no limit".
 */
export function credlyRateLimit(requestsPerMinute: unknown): RateLimit {
	if (requestsPerMinute === undefined || requestsPerMinute === null || requestsPerMinute === '') {
		return CREDLY_RATE_LIMIT;
	}
	const requests = Number(requestsPerMinute);
	if (!Number.isInteger(requests) || requests < 1) {
		throw new RangeError(
			`"Requests per Minute" must be a whole number above 0; received ${JSON.stringify(requestsPerMinute)}. Enter the limit Credly gives your organization, or ${CREDLY_RATE_LIMIT.requests} when you do not know it.`,
		);
	}
	return { requests, perMs: 60_000 };
}

/** HTTP Basic with the organization token as user name and an empty password. */
export function credlyAuthorization(token: string): string {
	return `Basic ${Buffer.from(`${token}:`, 'utf8').toString('base64')}`;
}

/** Tokens live 180 days; an expired one answers 401 like a wrong one. */
export const TOKEN_FIX =
	'Credly authorization tokens expire 180 days after they are created: rotate the token (Credly: Organization → Developers → Authorization tokens, or POST /organizations/{org}/authorization_tokens/rotate) and update the credential.';

export function tokenExpired(detail: string): PlatformError {
	return new PlatformError(
		'credly',
		'token_expired',
		`the authorization token has expired (${detail}).`,
		{
			fix: TOKEN_FIX,
			status: 401,
		},
	);
}

/** Credly's error body is {data: {message}, metadata}. */
export function credlyMessage(body: unknown): string | undefined {
	return (
		textAt(body, 'data.message') ??
		textAt(body, 'message') ??
		(typeof body === 'string' ? body : undefined)
	);
}

export function mapCredlyFailure(response: HttpResponse, request: ApiRequest): PlatformError {
	const message = credlyMessage(response.body);
	const said = message ? ` It said: ${sentence(message)}` : '';
	if (response.status === 401) {
		if (message && /expire/i.test(message)) return tokenExpired(`Credly said: ${message}`);
		return new PlatformError(
			'credly',
			'unauthorized',
			`the authorization token was refused while ${request.action}.${said} A token that worked before has most likely expired.`,
			{
				fix: `${TOKEN_FIX} Also check the organization id and the environment (production or sandbox).`,
				status: 401,
			},
		);
	}
	if (response.status === 403) {
		return new PlatformError(
			'credly',
			'forbidden',
			`access denied while ${request.action}.${said}`,
			{
				fix: 'Use a token with read, write or delete access as needed, of the organization that owns the template.',
				status: 403,
			},
		);
	}
	if (response.status === 422) {
		return new PlatformError(
			'credly',
			'validation_error',
			`the request was refused while ${request.action}.${said}`,
			{
				fix: 'Correct the request data and try again.',
				status: 422,
				field: fieldIn(message),
			},
		);
	}
	return genericFailure('credly', response, request.action, message);
}

/** Credly's messages name fields in prose; pick a known one when it is there. */
function fieldIn(message: string | undefined): string | undefined {
	const match = message?.match(
		/\b(recipient_email|issued_to_first_name|issued_to_last_name|badge_template_id|issued_at|expires_at|issuer_earner_id|reason)\b/,
	);
	return match?.[1];
}
