// The control for the queue-mode Credly scenario (test/e2e/queue-mode.test.ts): its verdict on
// the same budget and simulator windows, with the real token bucket and the simulator's own
// window counter on fake time. One bucket shared by two workers passes; a bucket per worker
// (what the pack would do without the shared budget) fails, by 429s where the simulator enforces
// the budget and by finishing under the floor where it does not. So the scenario's check can fail.
import { TokenBucket, type RateLimit } from '../../../nodes/core/integrations/platforms';
import {
	budgetProblems,
	CREDLY_BUDGET,
	SIMULATOR_WINDOWS,
	type BudgetRun,
} from '../../e2e/support/credly-budget';

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
	let done = false;
	const both = Promise.all(buckets.map(worker)).then(() => (done = true));
	while (!done) await jest.advanceTimersByTimeAsync(10);
	await both;
	return run;
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

	it('a run slower than the tolerance allows is named', () => {
		expect(budgetProblems({ accepted: REQUESTS, throttled: 0, seconds: 70 })).toEqual([
			expect.stringMatching(/70\.00 s is over 1\.15 × the floor of 59\.90 s/),
		]);
	});
});
