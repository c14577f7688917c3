import { systemClock } from '../platforms/resilience/clock';
import type { RateLimit, RateLimiter } from '../platforms/resilience/rate-limiter';
import type { RedisClient } from './redis-connection';
import { REDIS_NAMESPACE, REDIS_NOW_MS, RedisScript } from './redis-script';

/**
 * TokenBucket's GCRA on the server, with Redis's clock: the key holds the next free slot (ms);
 * each call books one and returns how long the caller waits for it. ARGV: interval ms, tolerance
 * ms. The key outlives its last slot by a second, then an idle bucket costs nothing.
 */
const TAKE = new RedisScript(`${REDIS_NOW_MS}
local interval, tolerance = tonumber(ARGV[1]), tonumber(ARGV[2])
local nextSlot = tonumber(redis.call('GET', KEYS[1])) or now
local slot = math.max(now, nextSlot - tolerance)
nextSlot = math.max(nextSlot, slot) + interval
redis.call('SET', KEYS[1], string.format('%.3f', nextSlot), 'PX', math.ceil(nextSlot - now) + 1000)
return string.format('%.3f', slot - now)
`);

/**
 * One platform account's token bucket shared by every process that uses the same Redis (n8n's
 * workers in queue mode), with the same maths and spacing as TokenBucket, so all workers together
 * stay under the platform's limit. Slots are booked on Redis's clock, which is real time, so the
 * wait for one is real time too (a client's scaled test clock would send before the slot).
 */
export class RedisTokenBucket implements RateLimiter {
	private readonly intervalMs: number;
	private readonly toleranceMs: number;
	private readonly key: string;

	constructor(
		readonly limit: RateLimit,
		account: string,
		private readonly redis: <T>(work: (client: RedisClient) => Promise<T>) => Promise<T>,
	) {
		if (!(limit.requests > 0) || !(limit.perMs > 0)) {
			throw new RangeError('rate limit: requests and perMs must be above 0');
		}
		this.intervalMs = limit.perMs / limit.requests;
		this.toleranceMs = (Math.max(1, limit.burst ?? 1) - 1) * this.intervalMs;
		this.key = `${REDIS_NAMESPACE}:rate:{${account}}`;
	}

	async take(): Promise<void> {
		const waitMs = Number(
			await this.redis((client) =>
				TAKE.run(client, [this.key], [this.intervalMs, this.toleranceMs]),
			),
		);
		if (waitMs > 0) await systemClock.sleep(waitMs);
	}
}
