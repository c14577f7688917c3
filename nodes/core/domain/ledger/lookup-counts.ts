import {
	hourStart,
	summariseLookups,
	type LookupCounter,
	type LookupSubject,
	type LookupSummary,
	type LookupTally,
} from './lookups';
import { periodOf } from './metrics-scan';

/** Tallies kept at most while writes fail: a week of hours for each of the eight answers. */
export const MAX_PENDING_TALLIES = 7 * 24 * 8;

/** Where lookups are counted, and who is told of counts not written. */
export interface LookupCountsOptions {
	counter: LookupCounter;
	/**
	 * Told when counts could not be written (kept for the next write) or had to be dropped. The
	 * message holds counts and the storage's error only: the counts know no certificate or caller.
	 */
	warn: (message: string) => void;
	/** Distinct (hour, answer) tallies kept after failed writes; the oldest hours go first. */
	maxPendingTallies?: number;
}

/**
 * Verification lookups counted off the page's path. count() adds the lookup to an in-memory
 * tally per hour and answer and returns at once; one write at a time takes every pending tally
 * to storage behind the answer, so a slow or failing store never delays a page, and the memory
 * held is bounded by the distinct hours and answers waiting, not by traffic.
 */
export class LookupCounts {
	private pending = new Map<string, LookupTally>();
	private writing: Promise<void> | undefined;
	private failing = false;
	private readonly counter: LookupCounter | undefined;
	private readonly maxPending: number;

	/** Without options nothing is counted and there is no summary. */
	constructor(
		private readonly options: LookupCountsOptions | undefined,
		private readonly clock: () => Date,
	) {
		this.counter = options?.counter;
		this.maxPending = options?.maxPendingTallies ?? MAX_PENDING_TALLIES;
	}

	/** Counts one answered page or served status list (nothing without a counter); never waits. */
	count(subject: LookupSubject, at: Date = this.clock()): void {
		if (!this.counter) return;
		addTallies(this.pending, [{ hour: new Date(hourStart(at)).toISOString(), subject, count: 1 }]);
		// Only past the bound while a write hangs for days: the hours pile up, never the lookups.
		if (this.pending.size > this.maxPending) this.dropOldest();
		this.startWriting();
	}

	/**
	 * Writes every count made before the call; resolves once written, or kept after a failed write
	 * (warned), never rejects. For reports and for closing the ledger, never for a page.
	 */
	async flush(): Promise<void> {
		// The write in flight holds earlier counts; the next one takes what was pending meanwhile.
		await this.writing;
		this.startWriting();
		await this.writing;
	}

	/** Lookups over [periodStart, periodEnd), this process's pending counts written first. */
	async summary(period: {
		periodStart: string;
		periodEnd: string;
	}): Promise<LookupSummary | undefined> {
		if (!this.counter) return undefined;
		const checked = periodOf(period.periodStart, period.periodEnd);
		await this.flush();
		return summariseLookups(await this.counter.tallies(checked));
	}

	private startWriting(): void {
		const counter = this.counter;
		if (!counter || this.writing || this.pending.size === 0) return;
		const batch = [...this.pending.values()];
		this.pending = new Map();
		const writing = this.write(counter, batch).then((written) => {
			this.writing = undefined;
			// Counts made during a good write go next; after a failure they wait for the next lookup.
			if (written) this.startWriting();
		});
		this.writing = writing;
	}

	private async write(counter: LookupCounter, batch: LookupTally[]): Promise<boolean> {
		try {
			await counter.add(batch);
			this.failing = false;
			return true;
		} catch (error) {
			this.keep(batch, error);
			return false;
		}
	}

	/** Puts a batch that failed back with the counts made meanwhile, within the bound. */
	private keep(batch: LookupTally[], error: unknown): void {
		addTallies(this.pending, batch);
		this.dropOldest();
		// One warning per run of failures, not one per page view while the store is down.
		if (!this.failing)
			this.tell(
				`Credential Ledger: ${sum([...this.pending.values()])} verification lookup counts could not be written (${reasonOf(error)}); they are kept in memory and written with the next lookup`,
			);
		this.failing = true;
	}

	/** Keeps the newest hours within the bound; says how many counts went, if any. */
	private dropOldest(): void {
		const waiting = [...this.pending.values()].sort((a, b) => a.hour.localeCompare(b.hour));
		const dropped = waiting.slice(0, Math.max(0, waiting.length - this.maxPending));
		if (dropped.length === 0) return;
		for (const tally of dropped) this.pending.delete(keyOf(tally));
		this.tell(
			`Credential Ledger: ${sum(dropped)} verification lookup counts of the oldest hours were dropped: more than ${this.maxPending} hours and answers waited to be written`,
		);
	}

	private tell(message: string): void {
		try {
			this.options?.warn(message);
		} catch {
			// A logger that throws must not turn a lost count into an unhandled rejection.
		}
	}
}

function keyOf(tally: LookupTally): string {
	return `${tally.hour} ${tally.subject}`;
}

/** Adds each tally to the one of its hour and answer in `into`, or puts it there. */
function addTallies(into: Map<string, LookupTally>, tallies: ReadonlyArray<LookupTally>): void {
	for (const tally of tallies) {
		const same = into.get(keyOf(tally));
		if (same) same.count += tally.count;
		else into.set(keyOf(tally), { ...tally });
	}
}

function sum(tallies: ReadonlyArray<LookupTally>): number {
	return tallies.reduce((total, tally) => total + tally.count, 0);
}

function reasonOf(error: unknown): string {
	// Not instanceof Error: a store's error may come from another realm (a sandbox, a worker).
	const text = (error as { message?: unknown } | null)?.message;
	const message = typeof text === 'string' ? text : String(error);
	return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}
