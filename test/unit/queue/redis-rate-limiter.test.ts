// Platform rate limits in queue mode: one token bucket per platform account in Redis, shared by
// every worker. Each client below stands for one n8n worker.
import { TokenBucket, type RateLimit } from '../../../nodes/core/integrations/platforms';
import { RedisTokenBucket } from '../../../nodes/core/integrations/queue';
import { busiestWindow, COUNTED_WINDOW, freshId, grantTimes, on, processClient } from './support';

/** A worker's bucket for `account`, on a connection of its own. */
const workerBucket = (account: string, limit: RateLimit) =>
	new RedisTokenBucket(limit, account, on(processClient()));

test('two workers sharing one budget of 10 per second never exceed it together', async () => {
	const limit = { requests: 10, perMs: 1_000 };
	const account = freshId();
	const [a, b] = [workerBucket(account, limit), workerBucket(account, limit)];
	const started = Date.now();
	const times = (await Promise.all([grantTimes(a, 15), grantTimes(b, 15)])).flat();
	expect(busiestWindow(times, COUNTED_WINDOW(limit))).toBeLessThanOrEqual(limit.requests);
	// And the budget is used: 30 grants, one every 100 ms, the first at once.
	expect(Math.max(...times) - started).toBeGreaterThanOrEqual(29 * 100 - 10);
	expect(Math.max(...times) - started).toBeLessThan(29 * 100 + 1_000);
});

test('separate per-process buckets would have sent twice the budget (the failure the shared one prevents)', async () => {
	const limit = { requests: 10, perMs: 1_000 };
	const times = (
		await Promise.all([
			grantTimes(new TokenBucket(limit), 15),
			grantTimes(new TokenBucket(limit), 15),
		])
	).flat();
	expect(busiestWindow(times, COUNTED_WINDOW(limit))).toBeGreaterThan(limit.requests);
});

test.each<[string, RateLimit]>([
	['evenly spaced (burst 1)', { requests: 10, perMs: 1_000 }],
	['a burst of 4, then spaced', { requests: 10, perMs: 1_000, burst: 4 }],
])('a single worker gets the spacing of the in-process bucket: %s', async (_name, limit) => {
	const offsets = (times: number[]) => times.map((time) => time - times[0]);
	const local = offsets(await grantTimes(new TokenBucket(limit), 12));
	const shared = offsets(await grantTimes(workerBucket(freshId(), limit), 12));
	for (let i = 0; i < local.length; i++) expect(Math.abs(shared[i] - local[i])).toBeLessThan(40);
	// Not trivially equal: the grants are spread over the limit's interval.
	expect(local[local.length - 1]).toBeGreaterThanOrEqual((12 - (limit.burst ?? 1)) * 100 - 10);
});

test('accounts do not share a budget', async () => {
	const limit = { requests: 2, perMs: 10_000 };
	const started = Date.now();
	await workerBucket(freshId(), limit).take();
	await workerBucket(freshId(), limit).take();
	expect(Date.now() - started).toBeLessThan(1_000);
});

test('a limit that is not above 0 is refused, naming the fields', () => {
	expect(() => workerBucket(freshId(), { requests: 0, perMs: 1_000 })).toThrow(
		/requests and perMs must be above 0/,
	);
});
