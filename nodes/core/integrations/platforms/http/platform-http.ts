import { isPlatformError, PlatformError } from '../errors';
import type { Clock } from '../resilience/clock';
import type { RateLimiter } from '../resilience/rate-limiter';
import { retryDelayMs, type RetryPolicy } from '../resilience/retry';
import type {
	HttpMethod,
	HttpResponse,
	HttpTransport,
	QueryValue,
} from '../transport/http-transport';
import type { PlatformName } from '../types';
import { commonFailure, transportFailure } from './failures';
import { TRAILING_SLASHES } from '../../../domain/text';

export interface ApiRequest {
	method: HttpMethod;
	/** A path below the base URL ('/v1/credentials'), or an absolute URL on the same origin. */
	path: string;
	qs?: Record<string, QueryValue>;
	body?: unknown;
	/**
	 * Safe to send twice (reads, searches, updates to a fixed value, deletes): retried here.
	 * Creates are not; the issue flow retries them itself, after a lookup.
	 */
	retry: boolean;
	/** What the call is for, as it reads in an error message: "listing groups". */
	action: string;
	/** Non-2xx statuses returned as responses instead of thrown (a bulk call's 422 lists results). */
	acceptStatus?: readonly number[];
}

/** Turns a 4xx answer into the platform's typed error. */
export type FailureMapper = (response: HttpResponse, request: ApiRequest) => PlatformError;

export interface PlatformHttpConfig {
	platform: PlatformName;
	/** Origin (and optional prefix) the paths hang below, without a trailing slash. */
	baseUrl: string;
	transport: HttpTransport;
	/** Sent with every request: version headers, and Authorization when the client sets it. */
	headers: Record<string, string>;
	timeoutMs: number;
	retry: RetryPolicy;
	limiter: RateLimiter;
	clock: Clock;
	random: () => number;
	mapFailure: FailureMapper;
	/** A 2xx answer that is an error all the same (Accredible's `success: false`). */
	checkSuccess?: (response: HttpResponse, request: ApiRequest) => PlatformError | undefined;
	/** Runs before each send; may throw (Credly: a token known to be expired). */
	beforeSend?: () => void;
}

/** Sends API requests through the rate limiter, with timeouts, retries and typed errors. */
export class PlatformHttp {
	constructor(readonly config: PlatformHttpConfig) {}

	/** One request, retried when `request.retry` allows and the failure is retryable. */
	async send(request: ApiRequest): Promise<HttpResponse> {
		const { retry, clock, random } = this.config;
		for (let attempt = 1; ; attempt++) {
			try {
				return await this.sendOnce(request);
			} catch (error) {
				if (!request.retry || !isPlatformError(error) || !error.retryable) throw error;
				if (attempt >= retry.maxAttempts) throw error;
				if ((error.retryAfterMs ?? 0) > retry.maxRetryAfterMs) throw error;
				await clock.sleep(retryDelayMs(retry, attempt, error.retryAfterMs, random));
			}
		}
	}

	/** Exactly one request: no retry. */
	async sendOnce(request: ApiRequest): Promise<HttpResponse> {
		const { platform, transport, timeoutMs, limiter, clock } = this.config;
		this.config.beforeSend?.();
		const url = this.resolve(request.path);
		await limiter.take();
		let response: HttpResponse;
		try {
			response = await transport({
				method: request.method,
				url,
				headers: { ...this.config.headers },
				qs: request.qs ?? {},
				body: request.body,
				timeoutMs,
			});
		} catch (error) {
			throw transportFailure(platform, error, request.action, timeoutMs);
		}
		if (request.acceptStatus?.includes(response.status)) return response;
		if (response.status >= 200 && response.status < 300) {
			const refusal = this.config.checkSuccess?.(response, request);
			if (refusal) throw refusal;
			return response;
		}
		throw (
			commonFailure(platform, response, request.action, clock.now()) ??
			this.config.mapFailure(response, request)
		);
	}

	/**
	 * Paths join the base URL. Absolute URLs (next-page links) are followed only on the base URL's
	 * own origin, so the credentials are never sent to another host.
	 */
	private resolve(path: string): string {
		if (!/^https?:\/\//i.test(path)) return `${this.config.baseUrl}${path}`;
		const target = new URL(path);
		if (target.origin !== new URL(this.config.baseUrl).origin) {
			throw new PlatformError(
				this.config.platform,
				'unexpected_response',
				`the service pointed to another host (${target.origin}); the link was not followed.`,
				{ fix: 'Check that the base URL is the service itself, not a proxy or a redirect.' },
			);
		}
		return target.toString();
	}
}

/** Ensures a base URL has no trailing slash and no trailing API version segment. */
export function normaliseBaseUrl(url: string, versionSuffix = /\/v1\/?$/): string {
	return url
		.trim()
		.replace(TRAILING_SLASHES, '')
		.replace(versionSuffix, '')
		.replace(TRAILING_SLASHES, '');
}
