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
}

export interface RememberOptions {
	/** Keys known from elsewhere (the node's static data) that count as seen. */
	alsoKnown?: Iterable<string>;
	/** Told about a log that cannot be read or written; the delivery is still handled. */
	warn(message: string): void;
}

interface Entry {
	keys: RecentKeys;
	log: ReplayLog;
	/** Lines in the log, so it is compacted once it holds twice what is kept. */
	lines: number;
	warnedWrite: boolean;
}

/**
 * The replay memory of the push triggers: per trigger node, the recent business keys it has
 * emitted, cached in process memory and appended to a log so they survive a restart. Calls for
 * one node run one at a time, so concurrent deliveries of one completion emit it exactly once.
 * A log that cannot be read or written costs persistence, never the delivery.
 */
export class ReplayStore {
	private readonly cache = new Map<string, Entry>();
	private readonly queue = new KeyedQueue();
	private readonly limit: number;
	private readonly maxCachedNodes: number;

	constructor(private readonly options: ReplayStoreOptions) {
		this.limit = options.limit ?? DEFAULT_REPLAY_LIMIT;
		this.maxCachedNodes = options.maxCachedNodes ?? 200;
	}

	async remember(
		id: string,
		keys: readonly string[],
		options: RememberOptions,
	): Promise<{ fresh: string[]; seen: string[] }> {
		return await this.queue.run(id, async () => {
			const entry = await this.entry(id, options.warn);
			const split = entry.keys.split(keys, new Set(options.alsoKnown ?? []));
			if (split.fresh.length > 0) await this.record(entry, split.fresh, options.warn);
			return split;
		});
	}

	/** Drops the process memory (not the logs), as a restart does. */
	forget(): void {
		this.cache.clear();
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
