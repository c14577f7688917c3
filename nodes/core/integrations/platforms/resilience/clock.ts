/** Time as the clients see it; injected so tests and benchmarks can run on scaled time. */
export interface Clock {
	/** Milliseconds, like Date.now(). */
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * A clock on which `factor` milliseconds pass per real millisecond: a minute of rate-limit
 * window and a Retry-After of 60 s take 600 real ms at factor 100. Pair it with a simulator
 * started with the same time scale.
 */
export function scaledClock(factor: number): Clock {
	if (!(factor > 0)) throw new RangeError('scaledClock: the factor must be above 0');
	const origin = Date.now();
	return {
		now: () => origin + (Date.now() - origin) * factor,
		sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / factor))),
	};
}
