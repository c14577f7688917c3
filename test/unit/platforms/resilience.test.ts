import {
	RateLimiterRegistry,
	SingleFlight,
	TokenBucket,
	parseRetryAfter,
	retryDelayMs,
	retryPolicy,
	scaledClock,
	type Clock,
} from '../../../nodes/core/integrations/platforms';

/** A clock that only moves when someone sleeps on it. */
function manualClock(): Clock & { sleeps: number[] } {
	let now = 0;
	const sleeps: number[] = [];
	return {
		sleeps,
		now: () => now,
		sleep: async (ms) => {
			sleeps.push(ms);
			now += ms;
		},
	};
}

describe('Retry-After', () => {
	it('reads delta seconds and HTTP dates', () => {
		expect(parseRetryAfter('120', 0)).toBe(120_000);
		expect(parseRetryAfter('1.5', 0)).toBe(1500);
		const now = Date.parse('2025-05-01T10:00:00Z');
		expect(parseRetryAfter('Thu, 01 May 2025 10:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Thu, 01 May 2025 09:00:00 GMT', now)).toBe(0);
	});

	it('ignores absent or unreadable values', () => {
		expect(parseRetryAfter(undefined, 0)).toBeUndefined();
		expect(parseRetryAfter('soon', 0)).toBeUndefined();
	});
});

describe('backoff', () => {
	const policy = retryPolicy({ baseDelayMs: 100, multiplier: 2, maxDelayMs: 1000, jitter: 0 });

	it('doubles per failed attempt up to the cap', () => {
		expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(policy, n, undefined))).toEqual([
			100, 200, 400, 800, 1000,
		]);
	});

	it('never comes back sooner than Retry-After asks', () => {
		expect(retryDelayMs(policy, 1, 5000)).toBe(5000);
		const jittery = retryPolicy({ baseDelayMs: 100, jitter: 0.5 });
		for (const random of [0, 0.3, 0.99])
			expect(retryDelayMs(jittery, 1, 2000, () => random)).toBeGreaterThanOrEqual(2000);
	});

	it('spreads retries with jitter around the exponential delay', () => {
		const jittery = retryPolicy({ baseDelayMs: 1000, jitter: 0.2 });
		expect(retryDelayMs(jittery, 1, undefined, () => 0)).toBe(900);
		expect(retryDelayMs(jittery, 1, undefined, () => 1)).toBe(1100);
	});

	it('defaults to 3 tries and refuses nonsense', () => {
		expect(retryPolicy().maxAttempts).toBe(3);
		expect(() => retryPolicy({ maxAttempts: 0 })).toThrow(/maxAttempts/);
		expect(() => retryPolicy({ multiplier: 0.5 })).toThrow(/multiplier/);
		expect(retryPolicy().lostAnswerWaitMs).toBe(10_000);
		expect(() => retryPolicy({ lostAnswerWaitMs: -1 })).toThrow(
			/retry\.lostAnswerWaitMs must be 0 or more/,
		);
	});
});

describe('token bucket', () => {
	it('spaces requests evenly at the rate (burst 1)', async () => {
		const clock = manualClock();
		const bucket = new TokenBucket({ requests: 100, perMs: 60_000 }, clock);
		const times: number[] = [];
		for (let i = 0; i < 5; i++) {
			await bucket.take();
			times.push(clock.now());
		}
		expect(times).toEqual([0, 600, 1200, 1800, 2400]);
	});

	it('lets a burst through, then holds the rate', async () => {
		const clock = manualClock();
		const bucket = new TokenBucket({ requests: 10, perMs: 1000, burst: 3 }, clock);
		const times: number[] = [];
		for (let i = 0; i < 5; i++) {
			await bucket.take();
			times.push(clock.now());
		}
		expect(times).toEqual([0, 0, 0, 100, 200]);
	});

	it('serves concurrent callers in arrival order without exceeding the rate', async () => {
		const clock = manualClock();
		const bucket = new TokenBucket({ requests: 1, perMs: 10 }, clock);
		const order: number[] = [];
		await Promise.all([0, 1, 2, 3].map((i) => bucket.take().then(() => order.push(i))));
		expect(order).toEqual([0, 1, 2, 3]);
		expect(clock.now()).toBe(30);
	});

	it('is shared per credential key', () => {
		const registry = new RateLimiterRegistry();
		const limit = { requests: 5, perMs: 1000 };
		expect(registry.forKey('cred-a', limit)).toBe(registry.forKey('cred-a', { ...limit }));
		expect(registry.forKey('cred-a', limit)).not.toBe(registry.forKey('cred-b', limit));
		expect(() => new TokenBucket({ requests: 0, perMs: 1000 })).toThrow(RangeError);
	});
});

describe('single flight', () => {
	it('runs one call per key at a time and shares its result', async () => {
		const flights = new SingleFlight();
		let runs = 0;
		const work = async () => {
			runs += 1;
			await new Promise((resolve) => setTimeout(resolve, 10));
			return 'done';
		};
		const [a, b] = await Promise.all([flights.run('k', work), flights.run('k', work)]);
		expect(runs).toBe(1);
		expect([a.joined, b.joined]).toEqual([false, true]);
		expect(b.value).toBe('done');
		await flights.run('k', work);
		expect(runs).toBe(2);
	});
});

describe('scaled clock', () => {
	it('runs faster than real time by its factor', async () => {
		const clock = scaledClock(100);
		const start = clock.now();
		const realStart = Date.now();
		await clock.sleep(2000);
		expect(Date.now() - realStart).toBeLessThan(200);
		expect(clock.now() - start).toBeGreaterThanOrEqual(1900);
	});
});
