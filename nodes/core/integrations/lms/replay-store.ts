import { KeyedQueue } from './keyed-queue';
import { DEFAULT_REPLAY_LIMIT, RecentKeys } from './recent-keys';

/** Where one trigger node's emitted keys are kept between restarts. */
export interface ReplayLog {
	/** The keys in the order written; `damaged` when some of the stored text could not be read. */
	load(): Promise<{ keys: string[]; damaged: boolean }>;
	append(keys: readonly string[]): Promise<void>;
	/** Replaces the whole log at once (compaction, or repair after damage). */
	rewrite(keys: readonly string[]): Promise<void>;
}

export interface ReplayStoreOptions {
	openLog(id: string): ReplayLog;
	/** Keys kept per trigger node. */
	limit?: number;
	/** Nodes kept in process memory; the rest are read back from their log when next called. */
	maxCachedNodes?: number;
	/** How long a claimed key waits for its run's outcome before it counts as never seen again. */
	claimLeaseMs?: number;
	/** Milliseconds since the epoch; injectable for tests. */
	now?(): number;
}

/** One delivery's keys: claimed for this delivery, already emitted, or claimed by a run still going. */
export interface ClaimSplit {
	fresh: string[];
	seen: string[];
	/** Keys another delivery's run holds; when any, nothing is claimed (fresh is empty). */
	inFlight: string[];
}

/** A run longer than this (n8n's lastNode answer) no longer blocks the LMS's next retry. */
export const DEFAULT_CLAIM_LEASE_MS = 5 * 60_000;

export interface RememberOptions {
	/** Keys known from elsewhere (the node's static data) that count as seen. */
	alsoKnown?: Iterable<string>;
	/** Told about a log that cannot be read or written; the delivery is still handled. */
	warn(message: string): void;
}

/**
 * What the push triggers need of a replay memory: ReplayStore (per process, logged to a file on
 * this host) or, in queue mode, one all processes share (see integrations/queue). `id` names one
 * trigger node.
 */
export interface ReplayMemory {
	claim(id: string, keys: readonly string[], options: RememberOptions): Promise<ClaimSplit>;
	remember(
		id: string,
		keys: readonly string[],
		options: RememberOptions,
	): Promise<{ fresh: string[]; seen: string[] }>;
	settle(
		id: string,
		keys: readonly string[],
		succeeded: boolean,
		options: RememberOptions,
	): Promise<void>;
	/** Drops what this process holds, as a restart does. */
	forget(): void;
}

interface Entry {
	keys: RecentKeys;
	log: ReplayLog;
	/** Lines in the log, so it is compacted once it holds twice what is kept. */
	lines: number;
	warnedWrite: boolean;
}

/**
 * The replay memory of the push triggers: per trigger node, the recent business keys whose runs
 * succeeded, cached in process memory and appended to a log so they survive a restart. A delivery
 * first *claims* its keys (held in flight, in memory, under a lease) and the claim is confirmed
 * once the run succeeded or released when it failed, so a failed run never turns the LMS's retry
 * into a "duplicate". Calls for one node run one at a time, so concurrent deliveries of one
 * completion start one run. A log that cannot be read or written costs persistence, never the
 * delivery.
 */
export class ReplayStore implements ReplayMemory {
	private readonly cache = new Map<string, Entry>();
	/** Per node: claimed key → lease end (ms). Kept apart from the cache, which may evict. */
	private readonly claims = new Map<string, Map<string, number>>();
	private readonly queue = new KeyedQueue();
	private readonly limit: number;
	private readonly maxCachedNodes: number;
	private readonly leaseMs: number;
	private readonly now: () => number;

	constructor(private readonly options: ReplayStoreOptions) {
		this.limit = options.limit ?? DEFAULT_REPLAY_LIMIT;
		this.maxCachedNodes = options.maxCachedNodes ?? 200;
		this.leaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
		this.now = options.now ?? Date.now;
	}

	/**
	 * Claims and confirms at once, in one step: for deliveries whose answer does not wait for the
	 * run. Keys in flight for another delivery count as seen.
	 */
	async remember(
		id: string,
		keys: readonly string[],
		options: RememberOptions,
	): Promise<{ fresh: string[]; seen: string[] }> {
		return await this.queue.run(id, async () => {
			const entry = await this.entry(id, options.warn);
			const known = new Set([...(options.alsoKnown ?? []), ...this.liveClaims(id).keys()]);
			const split = entry.keys.split(keys, known);
			if (split.fresh.length > 0) await this.record(entry, split.fresh, options.warn);
			return split;
		});
	}

	/**
	 * Splits a delivery's keys into fresh (now claimed for this delivery), seen (a run with them
	 * succeeded) and in flight (claimed by a run still going). With any key in flight nothing is
	 * claimed: the caller asks the LMS to retry later, when that run's outcome is known.
	 */
	async claim(id: string, keys: readonly string[], options: RememberOptions): Promise<ClaimSplit> {
		return await this.queue.run(id, async () => {
			const entry = await this.entry(id, options.warn);
			const claimed = this.liveClaims(id);
			const known = new Set(options.alsoKnown ?? []);
			const split: ClaimSplit = { fresh: [], seen: [], inFlight: [] };
			for (const key of keys) {
				if (known.has(key) || entry.keys.has(key)) split.seen.push(key);
				else if (claimed.has(key)) split.inFlight.push(key);
				else if (!split.fresh.includes(key)) split.fresh.push(key);
				else split.seen.push(key);
			}
			if (split.inFlight.length > 0) return { ...split, fresh: [] };
			const leaseEnd = this.now() + this.leaseMs;
			for (const key of split.fresh) claimed.set(key, leaseEnd);
			if (claimed.size > 0) this.claims.set(id, claimed);
			return split;
		});
	}

	/** Ends a claim: the run succeeded (the keys now count as seen) or failed (they are free again). */
	async settle(
		id: string,
		keys: readonly string[],
		succeeded: boolean,
		options: RememberOptions,
	): Promise<void> {
		if (keys.length === 0) return;
		await this.queue.run(id, async () => {
			const claimed = this.liveClaims(id);
			for (const key of keys) claimed.delete(key);
			if (claimed.size === 0) this.claims.delete(id);
			if (!succeeded) return;
			const entry = await this.entry(id, options.warn);
			const fresh = keys.filter((key) => entry.keys.add(key));
			if (fresh.length > 0) await this.record(entry, fresh, options.warn);
		});
	}

	/** The node's claims whose lease has not run out (expired ones are dropped). */
	private liveClaims(id: string): Map<string, number> {
		const claimed = this.claims.get(id) ?? new Map<string, number>();
		const now = this.now();
		for (const [key, leaseEnd] of claimed) if (leaseEnd <= now) claimed.delete(key);
		if (claimed.size === 0) this.claims.delete(id);
		return claimed;
	}

	/** Drops the process memory (not the logs), as a restart does. */
	forget(): void {
		this.cache.clear();
		this.claims.clear();
	}

	private async entry(id: string, warn: (message: string) => void): Promise<Entry> {
		const cached = this.cache.get(id);
		if (cached) {
			// Most recently used last, so the least used node leaves memory first.
			this.cache.delete(id);
			this.cache.set(id, cached);
			return cached;
		}
		const log = this.options.openLog(id);
		let loaded: { keys: string[]; damaged: boolean } = { keys: [], damaged: false };
		try {
			loaded = await log.load();
		} catch (error) {
			warn(`could not read the replay memory (${describe(error)}); starting with an empty one`);
		}
		const entry: Entry = {
			keys: new RecentKeys(this.limit, loaded.keys),
			log,
			lines: loaded.keys.length,
			warnedWrite: false,
		};
		if (loaded.damaged) {
			warn(
				'the replay memory file was damaged (e.g. cut short); rewrote it from what was readable',
			);
			await this.compact(entry, warn);
		}
		this.cache.set(id, entry);
		if (this.cache.size > this.maxCachedNodes)
			this.cache.delete(this.cache.keys().next().value as string);
		return entry;
	}

	private async record(entry: Entry, fresh: string[], warn: (message: string) => void) {
		if (entry.lines + fresh.length > 2 * this.limit) return await this.compact(entry, warn);
		try {
			await entry.log.append(fresh);
			entry.lines += fresh.length;
		} catch (error) {
			this.writeFailed(entry, error, warn);
		}
	}

	private async compact(entry: Entry, warn: (message: string) => void) {
		try {
			const kept = entry.keys.list();
			await entry.log.rewrite(kept);
			entry.lines = kept.length;
		} catch (error) {
			this.writeFailed(entry, error, warn);
		}
	}

	private writeFailed(entry: Entry, error: unknown, warn: (message: string) => void) {
		if (entry.warnedWrite) return;
		entry.warnedWrite = true;
		warn(
			`could not save the replay memory (${describe(error)}); replays are caught until n8n restarts`,
		);
	}
}

function describe(error: unknown): string {
	// Duck-typed: errors from another realm (a vm context) are not `instanceof Error` here.
	const message = (error as { message?: unknown } | undefined)?.message;
	return typeof message === 'string' ? message : String(error);
}
