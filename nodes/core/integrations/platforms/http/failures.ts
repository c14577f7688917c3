import { PlatformError, sentence } from '../errors';
import { parseRetryAfter } from '../resilience/retry';
import { TransportFailure, classifyTransportError } from '../transport/http-transport';
import type { HttpResponse } from '../transport/http-transport';
import type { PlatformName } from '../types';

/**
 * Failures every platform answers alike: throttling, server trouble, no response. Vendor mappers
 * handle their own 4xx bodies first and fall back to `genericFailure`.
 */
export function commonFailure(
	platform: PlatformName,
	response: HttpResponse,
	action: string,
	nowMs: number,
): PlatformError | undefined {
	const retryAfterMs = parseRetryAfter(response.headers['retry-after'], nowMs);
	if (response.status === 429) {
		return new PlatformError(platform, 'rate_limited', `rate limit reached while ${action}.`, {
			fix: 'Lower the rate limit set for this credential, or retry later.',
			status: 429,
			retryAfterMs,
		});
	}
	if (response.status >= 500 || response.status === 408) {
		return new PlatformError(
			platform,
			'server_error',
			`the service failed while ${action} (HTTP ${response.status}).`,
			{ fix: 'This is usually temporary: retry later.', status: response.status, retryAfterMs },
		);
	}
	return undefined;
}

/** A 4xx nobody recognised: named by status, with the platform's own message. */
export function genericFailure(
	platform: PlatformName,
	response: HttpResponse,
	action: string,
	message: string | undefined,
): PlatformError {
	const said = message ? ` It said: ${sentence(message)}` : '';
	const status = response.status;
	if (status === 401) {
		return new PlatformError(
			platform,
			'unauthorized',
			`the API key was refused while ${action}.${said}`,
			{
				fix: 'Check the key and the region/base URL of the credential.',
				status,
			},
		);
	}
	if (status === 403) {
		return new PlatformError(platform, 'forbidden', `access denied while ${action}.${said}`, {
			fix: 'Use a key or token that has permission for this.',
			status,
		});
	}
	if (status === 404) {
		return new PlatformError(platform, 'not_found', `not found while ${action}.${said}`, {
			fix: 'Check the id; it may have been deleted.',
			status,
		});
	}
	return new PlatformError(
		platform,
		'validation_error',
		`the request was refused while ${action} (HTTP ${status}).${said}`,
		{ fix: 'Correct the request data and try again.', status },
	);
}

/**
 * No response at all. Only TransportFailures count as network trouble (retryable); anything else
 * thrown by a transport is reported by its message alone, never with the original error attached:
 * HTTP library errors carry the request, Authorization header included.
 */
export function transportFailure(
	platform: PlatformName,
	error: unknown,
	action: string,
	timeoutMs: number,
): PlatformError {
	const classified = classifyTransportError(error);
	if (!(classified instanceof TransportFailure)) {
		const message = String((error as { message?: unknown } | undefined)?.message ?? error);
		return new PlatformError(
			platform,
			'unexpected_response',
			`the request could not be sent while ${action}: ${sentence(message)}`,
			{
				fix: 'Check the base URL and the credential settings.',
			},
		);
	}
	if (classified.kind === 'timeout') {
		return new PlatformError(
			platform,
			'timeout',
			`no answer within ${timeoutMs} ms while ${action}.`,
			{
				fix: 'Retry; if it keeps happening, raise the timeout.',
				cause: classified,
			},
		);
	}
	return new PlatformError(
		platform,
		'network',
		`could not reach the service while ${action}${classified.code ? ` (${classified.code})` : ''}.`,
		{
			fix: 'Check the base URL and the network; retry later if the service is down.',
			cause: classified,
		},
	);
}

/** Reads `path` (dot separated) from a parsed body when it is a non-empty string. */
export function textAt(body: unknown, path: string): string | undefined {
	let current: unknown = body;
	for (const key of path.split('.')) {
		if (typeof current !== 'object' || current === null) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return typeof current === 'string' && current.trim() !== '' ? current : undefined;
}
