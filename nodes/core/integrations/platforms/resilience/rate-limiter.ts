import { systemClock, type Clock } from './clock';

export interface RateLimit {
	/** Requests allowed per `perMs`. */
	requests: number;
	perMs: number;
	/**
	 * Requests that may go out back to back after a quiet spell (bucket size, default 1). 1 spaces
	 * the requests evenly, so a window of `perMs` holds `requests`, however the platform counts
	 * its windows; raise it only for platforms that tolerate bursts.
	 */
	burst?: number;
}

/**
 * Token bucket in its virtual-scheduling form (GCRA): every request books the next free slot,
 * `perMs / requests` after the previous one (up to `burst` slots may be booked ahead after a
 * quiet spell), and waits for it. Slots are booked in arrival order. A timer that fires late
 * does not push later slots back, so the rate is kept over a long run even when the event loop
 * is busy.
 */
export class TokenBucket {
	private readonly intervalMs: number;
	private readonly toleranceMs: number;
	/** When the next slot is due if nobody bursts (the bucket is empty until then). */
	private nextSlot: number;

	constructor(
		readonly limit: RateLimit,
		private readonly clock: Clock = systemClock,
	) {
		if (!(limit.requests > 0) || !(limit.perMs > 0)) {
			throw new RangeError('rate limit: requests and perMs must be above 0');
		}
		this.intervalMs = limit.perMs / limit.requests;
		this.toleranceMs = (Math.max(1, limit.burst ?? 1) - 1) * this.intervalMs;
		this.nextSlot = clock.now();
	}

	/** Resolves when the caller may send one request. */
	async take(): Promise<void> {
		const now = this.clock.now();
		const slot = Math.max(now, this.nextSlot - this.toleranceMs);
		this.nextSlot = Math.max(this.nextSlot, slot) + this.intervalMs;
		if (slot > now) await this.clock.sleep(slot - now);
	}
}

/**
 * One bucket per credential, shared by every client built for it in this process, so parallel
 * executions of a workflow together stay under the platform's limit.
 */
export class RateLimiterRegistry {
	private readonly buckets = new Map<string, TokenBucket>();

	/** The bucket for `key`; a changed limit replaces the old bucket. */
	forKey(key: string, limit: RateLimit, clock: Clock = systemClock): TokenBucket {
		const existing = this.buckets.get(key);
		if (
			existing &&
			existing.limit.requests === limit.requests &&
			existing.limit.perMs === limit.perMs &&
			existing.limit.burst === limit.burst
		) {
			return existing;
		}
		const bucket = new TokenBucket({ ...limit }, clock);
		this.buckets.set(key, bucket);
		return bucket;
	}
}

export const sharedRateLimiters = new RateLimiterRegistry();
