// The control for the queue-mode Credly scenario (test/e2e/queue-mode.test.ts): its verdict on
// the same budget and simulator windows, with the real token bucket and the simulator's own
// window counter on fake time. One bucket shared by two workers passes; a bucket per worker
// (what the pack would do without the shared budget) fails, by 429s where the simulator enforces
// the budget and by finishing under the floor where it does not. So the scenario's check can fail.
import { TokenBucket, type RateLimit } from '../../../nodes/core/integrations/platforms';
import {
	budgetProblems,
	CREDLY_BUDGET,
	crowdingMs,
	jitterAllowedMs,
	PLATFORM_LIMIT,
	refusingAlignments,
	SIMULATOR_WINDOWS,
	type BudgetRun,
} from '../../e2e/support/credly-budget';
import { busiestWindow } from '../../support/arrivals';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Faults } = require('../../simulators/common/faults') as {
	Faults: new () => {
		configure(patch: object): void;
		takeRateSlot(): number | null;
	};
};

/** 200 issuances of 3 requests, as in the scenario. */
const REQUESTS = 600;
const BUDGET: RateLimit = { requests: CREDLY_BUDGET.requestsPerMinute, perMs: 60_000 };

/**
 * Two workers sending half the requests each, every one through its worker's bucket; a refused
 * request waits out Retry-After, as the pack's retry does, and goes through the bucket again.
 */
async function twoWorkers(buckets: [TokenBucket, TokenBucket], enforced: boolean) {
	const simulator = new Faults();
	if (enforced) simulator.configure({ rateLimit: SIMULATOR_WINDOWS });
	const run: BudgetRun = { accepted: 0, throttled: 0, seconds: 0 };
	const started = Date.now();
	const worker = async (bucket: TokenBucket) => {
		for (let sent = 0; sent < REQUESTS / 2; ) {
			await bucket.take();
			const retryAfter = simulator.takeRateSlot();
			if (retryAfter === null) {
				run.accepted += 1;
				sent += 1;
			} else {
				run.throttled += 1;
				await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
			}
		}
		run.seconds = Math.max(run.seconds, (Date.now() - started) / 1000);
	};
	await onFakeTime(Promise.all(buckets.map(worker)));
	return run;
}

/** Runs fake time forward until `work` settles. */
async function onFakeTime<T>(work: Promise<T>): Promise<T> {
	let done = false;
	const settled = work.finally(() => (done = true));
	while (!done) await jest.advanceTimersByTimeAsync(10);
	return settled;
}

/**
 * Requests sent through one shared bucket as many executions send them, the first `phaseMs` into
 * the simulator's window, in the worst order the reasoning in credly-budget.ts allows: a request
 * sent in the last `jitterMs` before every other window's edge arrives `jitterMs` late (timers,
 * event loop, network), the rest at once, so that window counts a span of W + J. The number
 * answered 429.
 */
async function lateArrivals(
	requestsPerMinute: number,
	jitterMs: number,
	phaseMs = 0,
): Promise<number> {
	const simulator = new Faults();
	simulator.configure({ rateLimit: SIMULATOR_WINDOWS });
	const origin = Date.now();
	const twoWindows = 2 * SIMULATOR_WINDOWS.windowMs;
	const lateness = (sentAt: number) =>
		(sentAt - origin) % twoWindows >= twoWindows - jitterMs ? jitterMs : 0;
	const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
	let throttled = 0;
	const sender = async () => {
		await sleep(phaseMs);
		const bucket = new TokenBucket({ requests: requestsPerMinute, perMs: 60_000 });
		const arrivals: Array<Promise<void>> = [];
		for (let i = 0; i < REQUESTS; i += 1) {
			await bucket.take();
			arrivals.push(
				sleep(lateness(Date.now())).then(() => {
					if (simulator.takeRateSlot() !== null) throttled += 1;
				}),
			);
		}
		await Promise.all(arrivals);
	};
	await onFakeTime(sender());
	return throttled;
}

describe('queue-mode Credly scenario: the check can fail', () => {
	beforeEach(() => jest.useFakeTimers({ now: Date.parse('2026-06-01T09:00:00Z') }));
	afterEach(() => jest.useRealTimers());

	it('one bucket shared by both workers: no 429, the floor and no more', async () => {
		const shared = new TokenBucket(BUDGET);
		const run = await twoWorkers([shared, shared], true);
		expect(run).toMatchObject({ accepted: REQUESTS, throttled: 0 });
		expect(budgetProblems(run)).toEqual([]);
	});

	it('a bucket per worker, the simulator enforcing the budget: 429s', async () => {
		const run = await twoWorkers([new TokenBucket(BUDGET), new TokenBucket(BUDGET)], true);
		expect(run.throttled).toBeGreaterThan(0);
		expect(budgetProblems(run).join('; ')).toMatch(/answered 429/);
	});

	it('a bucket per worker, nothing enforced: done in half the floor', async () => {
		const run = await twoWorkers([new TokenBucket(BUDGET), new TokenBucket(BUDGET)], false);
		expect(run.throttled).toBe(0);
		expect(budgetProblems(run)).toEqual([expect.stringMatching(/under the floor of 59\.90 s/)]);
	});

	it('a run slower than the tolerance allows is named: the old 5 % margin alone misses it', () => {
		// 599 slots at 570 a minute, without any other delay.
		expect(budgetProblems({ accepted: REQUESTS, throttled: 0, seconds: 63.05 })).toEqual([
			expect.stringMatching(/63\.05 s is over 1\.05 × the floor of 59\.90 s/),
		]);
	});
});

describe("the credential's margin against requests that reach a window's edge late", () => {
	beforeEach(() => jest.useFakeTimers({ now: Date.parse('2026-06-01T09:00:00Z') }));
	afterEach(() => jest.useRealTimers());

	it('2 % under the limit leaves room for 204 ms of jitter in 10 s windows', () => {
		expect(CREDLY_BUDGET.requestsPerMinute).toBe(PLATFORM_LIMIT.requestsPerMinute * 0.98);
		expect(jitterAllowedMs()).toBeCloseTo(204.08, 2);
		expect(jitterAllowedMs(PLATFORM_LIMIT.requestsPerMinute)).toBe(0);
	});

	it.each([0, 25, 50, 75, 100])(
		'at 2 %% under, arrivals 200 ms late at the worst moments: no 429 (first slot %p ms in)',
		async (phaseMs) => {
			expect(await lateArrivals(CREDLY_BUDGET.requestsPerMinute, 200, phaseMs)).toBe(0);
		},
	);

	it('at exactly the limit, arrivals 50 ms late: 429s', async () => {
		expect(await lateArrivals(PLATFORM_LIMIT.requestsPerMinute, 50, 70)).toBeGreaterThan(0);
	});

	it('at 2 % under, arrivals 400 ms late: 429s, so the bound is real', async () => {
		expect(await lateArrivals(CREDLY_BUDGET.requestsPerMinute, 400)).toBeGreaterThan(0);
	});
});

describe('crowding measured from arrivals', () => {
	it('is how much closer than the pace any run of requests came', () => {
		// At 600 a minute (100 ms apart): the third came 50 ms early against the first.
		expect(crowdingMs([0, 100, 150], 600)).toBe(50);
		expect(crowdingMs([0, 130, 180, 300], 600)).toBe(50);
	});

	it('is 0 on the pace or slower, quiet spells included', () => {
		expect(crowdingMs([0, 100, 200, 900, 1000], 600)).toBe(0);
		expect(crowdingMs([], 600)).toBe(0);
	});
});

describe('the busiest window of arrivals', () => {
	it('counts the most arrivals within any span of one window, however windows align', () => {
		expect(busiestWindow([0, 5, 9, 10, 14, 19], 10)).toBe(4);
		expect(busiestWindow([0, 9.9, 10], 10)).toBe(2);
		expect(busiestWindow([30, 0, 31, 32, 1], 10)).toBe(3);
		expect(busiestWindow([], 10)).toBe(0);
	});

	it('over the limit for 101 requests of an even pace at exactly the limit, with one 1 ms early', () => {
		const paced = Array.from({ length: 101 }, (_, i) => i * 100);
		expect(busiestWindow(paced, SIMULATOR_WINDOWS.windowMs)).toBe(100);
		paced[100] -= 1;
		expect(busiestWindow(paced, SIMULATOR_WINDOWS.windowMs)).toBe(101);
	});
});

describe('how near arrivals came to a 429', () => {
	const paced = (count: number, intervalMs: number) =>
		Array.from({ length: count }, (_, i) => 5_000 + i * intervalMs);

	it('no alignment of the windows refuses one when 101 arrivals span a window or more', () => {
		expect(refusingAlignments(paced(300, 100))).toBe(0);
		expect(refusingAlignments(paced(300, 60_000 / CREDLY_BUDGET.requestsPerMinute))).toBe(0);
		expect(refusingAlignments([])).toBe(0);
	});

	it('is the share of window starts that catch 101 arrivals', () => {
		const oneEarly = paced(101, 100);
		oneEarly[100] -= 1;
		expect(refusingAlignments(oneEarly)).toBeCloseTo(1 / 10_000, 10);
		// 101 within 100 ms: every window start but the 100 ms after the first arrival catches them.
		expect(refusingAlignments(paced(101, 1))).toBeCloseTo(0.99, 10);
	});

	it('joins the window starts of several close calls, across a window edge too', () => {
		// Window starts 5.1 s to 15 s (wrapping past 10 s), and 50 ms to 9.95 s: all of them.
		const secondBunch = paced(101, 1).map((at) => at + 4_950);
		expect(refusingAlignments(secondBunch)).toBeCloseTo(0.99, 10);
		expect(refusingAlignments([...paced(101, 1), ...secondBunch])).toBe(1);
	});
});
