export interface RetryPolicy {
	/** Tries in all, the first included (default 3). */
	maxAttempts: number;
	/** Delay before the second try; doubled (multiplier) for each further one. */
	baseDelayMs: number;
	multiplier: number;
	maxDelayMs: number;
	/** Random spread, 0..1, so a cohort of failed calls does not retry in lockstep. */
	jitter: number;
	/**
	 * A Retry-After longer than this is not waited out inside the call: the error is thrown
	 * (retryable, with retryAfterMs) for a retry queue to pick up later.
	 */
	maxRetryAfterMs: number;
	/**
	 * After a create whose answer was lost, how long an issuance keeps looking for the credential
	 * it may have made before it creates again: the platforms' searches lag behind their writes.
	 */
	lostAnswerWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 3,
	baseDelayMs: 1000,
	multiplier: 2,
	maxDelayMs: 30_000,
	jitter: 0.2,
	maxRetryAfterMs: 120_000,
	// [inferred] None of the platforms publishes its search delay; search indexes usually catch up
	// within a second or two, so 10 s leaves a wide margin without holding a run for long.
	lostAnswerWaitMs: 10_000,
};

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
	const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
	if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
		throw new RangeError('retry.maxAttempts must be a whole number, 1 or more');
	}
	for (const key of [
		'baseDelayMs',
		'maxDelayMs',
		'maxRetryAfterMs',
		'lostAnswerWaitMs',
		'jitter',
	] as const) {
		if (!(policy[key] >= 0)) throw new RangeError(`retry.${key} must be 0 or more`);
	}
	if (!(policy.multiplier >= 1)) throw new RangeError('retry.multiplier must be 1 or more');
	return policy;
}

/**
 * Wait before the try after `failedAttempt` (1-based). A Retry-After from the server wins: we
 * never come back sooner than asked (jitter only adds to it).
 */
export function retryDelayMs(
	policy: RetryPolicy,
	failedAttempt: number,
	retryAfterMs: number | undefined,
	random: () => number = Math.random,
): number {
	const exponential = Math.min(
		policy.maxDelayMs,
		policy.baseDelayMs * policy.multiplier ** (failedAttempt - 1),
	);
	const spread = exponential * policy.jitter * random();
	if (retryAfterMs !== undefined)
		return retryAfterMs + Math.min(spread, retryAfterMs * policy.jitter);
	return exponential - exponential * policy.jitter * 0.5 + spread;
}

/** Retry-After as delta seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
	if (value === undefined) return undefined;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const at = Date.parse(text);
	return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
