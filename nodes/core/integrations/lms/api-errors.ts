import { TransportFailure } from '../platforms/transport/http-transport';
import type { HttpResponse } from '../platforms/transport/http-transport';
import { at } from './values';

/** A failed LMS API call. The message is shown to users: it names the problem and the fix. */
export class LmsApiError extends Error {
	constructor(
		message: string,
		readonly status?: number,
	) {
		super(message);
		this.name = 'LmsApiError';
	}
}

export interface ApiFailureContext {
	/** "Teachable", "Docebo". */
	lms: string;
	/** What to check on 401/403, e.g. "the API key in the Teachable API credential". */
	credentialFix: string;
	/** What was not found on 404, e.g. "learner 1001". */
	missing: string;
}

/** The error for a non-2xx reply. Never includes the request URL (it may carry a key). */
export function apiFailure(response: HttpResponse, context: ApiFailureContext): LmsApiError {
	const { status } = response;
	const { lms } = context;
	if (status === 401 || status === 403) {
		return new LmsApiError(
			`${lms} refused the request (HTTP ${status}): check ${context.credentialFix}`,
			status,
		);
	}
	if (status === 404) {
		return new LmsApiError(
			`${lms} does not know ${context.missing} (HTTP 404): check that the event comes from the ${lms} site the credential belongs to`,
			status,
		);
	}
	if (status === 429) {
		const wait = response.headers['retry-after'] ?? response.headers['ratelimit-reset'];
		return new LmsApiError(
			`${lms} API rate limit reached (HTTP 429): wait ${wait ? `${wait} seconds` : 'a minute'} before more lookups, or send fewer completions at once`,
			status,
		);
	}
	if (status >= 500) {
		return new LmsApiError(
			`The ${lms} API is unavailable (HTTP ${status}): try again later`,
			status,
		);
	}
	const said = replyMessage(response.body);
	return new LmsApiError(
		`The ${lms} API answered HTTP ${status}${said ? `: ${said}` : ''}`,
		status,
	);
}

/** The error for a request that got no reply at all. */
export function unreachable(lms: string, failure: TransportFailure): LmsApiError {
	return new LmsApiError(
		`Could not reach the ${lms} API (${failure.message}): check the URL in the ${lms} API credential and that the site is up`,
	);
}

/** `{message}` (string or list), `{error_description}` or `{error}`, cut to one short line. */
function replyMessage(body: unknown): string | undefined {
	const value =
		at(body, 'message') ?? at(body, 'error_description') ?? at(body, 'error') ?? undefined;
	const text = Array.isArray(value) ? value.map(String).join('; ') : value;
	return typeof text === 'string' && text.trim() ? text.trim().slice(0, 200) : undefined;
}

/** Runs a transport call; no reply becomes a clear LmsApiError. */
export async function callApi(
	lms: string,
	send: () => Promise<HttpResponse>,
): Promise<HttpResponse> {
	try {
		return await send();
	} catch (error) {
		if (error instanceof TransportFailure) throw unreachable(lms, error);
		throw error;
	}
}
