import { queueModeBuckets } from '../../queue/queue-mode';
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

/** Spaces one account's requests: take() resolves when the caller may send one. */
export interface RateLimiter {
	readonly limit: RateLimit;
	take(): Promise<void>;
}

/** Makes the bucket of one account when buckets are shared across processes. */
export type SharedBucketFactory = (key: string, limit: RateLimit, clock: Clock) => RateLimiter;

/**
 * Token bucket in its virtual-scheduling form (GCRA): every request books the next free slot,
 * `perMs / requests` after the previous one (up to `burst` slots may be booked ahead after a
 * quiet spell), and waits for it. Slots are booked in arrival order. A timer that fires late
 * does not push later slots back, so the rate is kept over a long run even when the event loop
 * is busy.
 */
export class TokenBucket implements RateLimiter {
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
 * executions of a workflow together stay under the platform's limit. `acrossProcesses` says, at
 * each call, whether buckets live outside the process (n8n queue mode: one budget per account
 * across all workers); by default they never do.
 */
export class RateLimiterRegistry {
	private readonly buckets = new Map<string, RateLimiter>();

	constructor(
		private readonly acrossProcesses: () => SharedBucketFactory | undefined = () => undefined,
	) {}

	/** The bucket for `key`; a changed limit, or a move across processes, replaces the old one. */
	forKey(key: string, limit: RateLimit, clock: Clock = systemClock): RateLimiter {
		const shared = this.acrossProcesses();
		const existing = this.buckets.get(key);
		if (
			existing &&
			existing instanceof TokenBucket === !shared &&
			existing.limit.requests === limit.requests &&
			existing.limit.perMs === limit.perMs &&
			existing.limit.burst === limit.burst
		) {
			return existing;
		}
		const bucket = shared ? shared(key, { ...limit }, clock) : new TokenBucket({ ...limit }, clock);
		this.buckets.set(key, bucket);
		return bucket;
	}
}

export const sharedRateLimiters = new RateLimiterRegistry(queueModeBuckets);
