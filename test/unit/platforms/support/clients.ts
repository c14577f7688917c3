import {
	AccredibleClient,
	CertifierClient,
	CredlyClient,
	RateLimiterRegistry,
	SingleFlight,
	isPlatformError,
} from '../../../../nodes/core/integrations/platforms';
import type {
	HttpResponse,
	HttpTransport,
	AccredibleClientOptions,
	CertifierClientOptions,
	CredlyClientOptions,
	PlatformClientOptions,
	PlatformError,
} from '../../../../nodes/core/integrations/platforms';
import { createAxiosTransport } from '../../../support/axios-transport';
import type { SimHandle } from '../../../simulators';

/**
 * Client options for tests: real HTTP to the simulator, fast retries, an own limiter registry
 * and single-flight map (no state shared between tests), and a generous rate limit.
 */
export function testOptions(
	sim: SimHandle,
	extra: Partial<PlatformClientOptions> = {},
): PlatformClientOptions {
	return {
		transport: createAxiosTransport(),
		baseUrl: sim.url,
		apiKey: sim.credentials.apiKey,
		timeoutMs: 2000,
		// A lost create answer is looked for up to 0.4 s: longer than any search lag the tests set.
		retry: {
			baseDelayMs: 5,
			maxDelayMs: 50,
			jitter: 0,
			maxRetryAfterMs: 5000,
			lostAnswerWaitMs: 400,
		},
		rateLimit: { requests: 1_000_000, perMs: 1000, burst: 1000 },
		rateLimiters: new RateLimiterRegistry(),
		issueFlights: new SingleFlight(),
		random: () => 0.5,
		...extra,
	};
}

export function accredibleFor(
	sim: SimHandle,
	extra: Partial<AccredibleClientOptions> = {},
): AccredibleClient {
	return new AccredibleClient({ ...testOptions(sim), ...extra });
}

export function credlyFor(sim: SimHandle, extra: Partial<CredlyClientOptions> = {}): CredlyClient {
	return new CredlyClient({
		...testOptions(sim),
		organizationId: sim.credentials.organizationId,
		...extra,
	});
}

export function certifierFor(
	sim: SimHandle,
	extra: Partial<CertifierClientOptions> = {},
): CertifierClient {
	return new CertifierClient({ ...testOptions(sim), ...extra });
}

/**
 * A transport whose first `count` requests matching `when` get `answer` instead of reaching the
 * simulator: a search index lagging behind a create, for instance.
 */
export function laggingTransport(
	when: (url: string, method: string) => boolean,
	count: number,
	answer: HttpResponse,
): HttpTransport {
	const real = createAxiosTransport();
	let left = count;
	return async (request) => {
		if (left > 0 && when(request.url, request.method)) {
			left -= 1;
			return answer;
		}
		return real(request);
	};
}

/** Runs `work` over `items` with at most `limit` in flight; settles every item. */
export async function pool<T, R>(
	items: readonly T[],
	limit: number,
	work: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
	const results: PromiseSettledResult<R>[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			try {
				results[index] = { status: 'fulfilled', value: await work(items[index], index) };
			} catch (reason) {
				results[index] = { status: 'rejected', reason };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

/** A deterministic shuffle (the same order every run). */
export function shuffled<T>(items: readonly T[], seed = 7): T[] {
	const out = [...items];
	let state = seed;
	const random = () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/** Learners for cohort tests: distinct emails, stable ids. */
export function cohort(
	size: number,
	prefix = 'learner',
): Array<{ name: string; email: string; id: string }> {
	return Array.from({ length: size }, (_, i) => ({
		name: `Learner ${String(i + 1).padStart(3, '0')} Example`,
		email: `${prefix}${i + 1}@example.test`,
		id: `lms-${prefix}-${i + 1}`,
	}));
}

/** The PlatformError `run` rejects with; any other outcome fails the test. */
export async function failure(run: () => Promise<unknown>): Promise<PlatformError> {
	try {
		await run();
	} catch (error) {
		if (isPlatformError(error)) return error;
		throw error;
	}
	throw new Error('expected a PlatformError');
}
