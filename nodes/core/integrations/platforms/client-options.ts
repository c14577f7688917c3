import { createHash } from 'node:crypto';

import { PlatformHttp, normaliseBaseUrl, type PlatformHttpConfig } from './http/platform-http';
import { systemClock, type Clock } from './resilience/clock';
import {
	sharedRateLimiters,
	type RateLimit,
	type RateLimiterRegistry,
} from './resilience/rate-limiter';
import { retryPolicy, type RetryPolicy } from './resilience/retry';
import { sharedIssueFlights, type SingleFlight } from './resilience/single-flight';
import type { HttpTransport } from './transport/http-transport';
import type { PlatformName } from './types';

/** What every platform client accepts. */
export interface PlatformClientOptions {
	transport: HttpTransport;
	/** Overrides the region's base URL (the simulator, a proxy). A trailing /v1 is ignored. */
	baseUrl?: string;
	/**
	 * Outside n8n: the key or token, and the client sets the Authorization header itself. Inside
	 * n8n leave it out: the credential type's `authenticate` adds the header.
	 */
	apiKey?: string;
	/** Per request; default 30 s. */
	timeoutMs?: number;
	/** Default: 3 tries, 1 s doubling, Retry-After honoured. */
	retry?: Partial<RetryPolicy>;
	/** Default: the platform's documented limit (or a cautious guess where none is published). */
	rateLimit?: RateLimit;
	/**
	 * Names the credential the rate limit belongs to (an n8n credential id). Clients with the
	 * same key share one limiter. Default: the base URL plus a hash of the key.
	 */
	rateLimiterKey?: string;
	rateLimiters?: RateLimiterRegistry;
	issueFlights?: SingleFlight;
	clock?: Clock;
	/** Jitter source; tests pass a fixed one. */
	random?: () => number;
}

export interface ResolvedClient {
	http: PlatformHttp;
	baseUrl: string;
	retry: RetryPolicy;
	clock: Clock;
	random: () => number;
	flights: SingleFlight;
	/** Identifies the account for in-process dedupe keys. */
	accountKey: string;
}

type VendorHttp = Pick<
	PlatformHttpConfig,
	'headers' | 'mapFailure' | 'checkSuccess' | 'beforeSend'
>;

export const DEFAULT_TIMEOUT_MS = 30_000;

export function resolveClient(
	platform: PlatformName,
	options: PlatformClientOptions,
	defaults: { baseUrl: string; rateLimit: RateLimit },
	vendor: VendorHttp,
): ResolvedClient {
	if (options.apiKey === undefined && options.rateLimiterKey === undefined) {
		// Without either, every account on this base URL would share one limiter.
		throw new TypeError(
			`${platform} client: give apiKey, or rateLimiterKey (the credential id) when the host adds the Authorization header`,
		);
	}
	const baseUrl = normaliseBaseUrl(options.baseUrl ?? defaults.baseUrl);
	const clock = options.clock ?? systemClock;
	const random = options.random ?? Math.random;
	const retry = retryPolicy(options.retry);
	const keyHash = createHash('sha256')
		.update(options.apiKey ?? '')
		.digest('hex')
		.slice(0, 16);
	const accountKey = options.rateLimiterKey ?? `${platform}:${baseUrl}:${keyHash}`;
	const limiter = (options.rateLimiters ?? sharedRateLimiters).forKey(
		accountKey,
		options.rateLimit ?? defaults.rateLimit,
		clock,
	);
	const http = new PlatformHttp({
		platform,
		baseUrl,
		transport: options.transport,
		timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		retry,
		limiter,
		clock,
		random,
		...vendor,
	});
	return {
		http,
		baseUrl,
		retry,
		clock,
		random,
		flights: options.issueFlights ?? sharedIssueFlights,
		accountKey,
	};
}

/** Today (UTC) as YYYY-MM-DD on the given clock. */
export function todayUtc(clock: Clock): string {
	return new Date(clock.now()).toISOString().slice(0, 10);
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

export function asArray(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

/** A string or finite number as text; undefined otherwise. */
export function idText(value: unknown): string | undefined {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

export function optionalText(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}
