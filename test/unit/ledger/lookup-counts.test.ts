// Counting a verification lookup never delays the page: count() returns while the write is
// pending, counts made meanwhile are merged by hour and answer, a failed write is warned about
// once and kept (within a bound) for the next write, and the write started behind a page never
// rejects: flush() awaits that same promise, so a rejection would fail the awaits below.
import {
	LookupCounts,
	type LookupCounter,
	type LookupTally,
} from '../../../nodes/core/domain/ledger';

const AT = new Date('2026-12-07T17:05:00Z');
const NEXT_HOUR = new Date('2026-12-07T18:05:00Z');
const EVERYTHING = { periodStart: '2026-12-01T00:00:00Z', periodEnd: '2027-01-01T00:00:00Z' };

/**
 * A store of tallies whose writes wait until the test releases them (held), or fail (failing).
 * It sums what it was given, as the real counters do.
 */
class ControlledCounter implements LookupCounter {
	readonly writes: LookupTally[][] = [];
	held = false;
	failing = false;
	private readonly stored = new Map<string, LookupTally>();
	private releases: Array<() => void> = [];

	async add(tallies: ReadonlyArray<LookupTally>): Promise<void> {
		this.writes.push(tallies.map((tally) => ({ ...tally })));
		if (this.held) await new Promise<void>((resolve) => this.releases.push(resolve));
		if (this.failing) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
		for (const tally of tallies) {
			const key = `${tally.hour} ${tally.subject}`;
			const same = this.stored.get(key);
			this.stored.set(key, { ...tally, count: (same?.count ?? 0) + tally.count });
		}
	}

	async tallies(): Promise<LookupTally[]> {
		return [...this.stored.values()];
	}

	release(): void {
		this.held = false;
		for (const resolve of this.releases.splice(0)) resolve();
	}
}

function countsWith(counter: LookupCounter | undefined, maxPendingTallies?: number) {
	const warnings: string[] = [];
	const warn = (message: string) => void warnings.push(message);
	const counts = new LookupCounts(counter && { counter, warn, maxPendingTallies }, () => AT);
	return { counts, warnings };
}

/** Lets every settled promise run its callbacks (no timer: a turn of the event loop). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('a write that does not resolve until the test releases it', () => {
	it('count() returns at once; the counts made meanwhile are merged into one next write', async () => {
		const counter = new ControlledCounter();
		counter.held = true;
		const { counts, warnings } = countsWith(counter);
		expect(counts.count('valid')).toBeUndefined();
		for (let i = 0; i < 5; i++) counts.count('valid');
		counts.count('revoked');
		counts.count('valid', NEXT_HOUR);
		// Only the first count is being written: the rest wait in memory, one tally per key.
		expect(counter.writes).toEqual([
			[{ hour: '2026-12-07T17:00:00.000Z', subject: 'valid', count: 1 }],
		]);
		counter.release();
		const flushed = counts.flush();
		counter.release();
		await flushed;
		expect(counter.writes[1]).toEqual([
			{ hour: '2026-12-07T17:00:00.000Z', subject: 'valid', count: 5 },
			{ hour: '2026-12-07T17:00:00.000Z', subject: 'revoked', count: 1 },
			{ hour: '2026-12-07T18:00:00.000Z', subject: 'valid', count: 1 },
		]);
		const summary = await counts.summary(EVERYTHING);
		expect(summary).toMatchObject({ total: 8, byStatus: { valid: 7, revoked: 1 } });
		expect(warnings).toEqual([]);
	});

	it('while a write hangs, the hours waiting stay within the bound, the oldest dropped', async () => {
		const counter = new ControlledCounter();
		counter.held = true;
		const { counts, warnings } = countsWith(counter, 2);
		const hour = (h: number) => new Date(Date.UTC(2026, 11, 7, h, 30));
		// 8 is being written; 9 (two counts) is the oldest waiting when 11 comes as a third hour.
		for (const h of [8, 9, 9, 10, 11, 11, 11]) counts.count('valid', hour(h));
		expect(warnings).toEqual([
			'Credential Ledger: 2 verification lookup counts of the oldest hours were dropped: more than 2 hours and answers waited to be written',
		]);
		const flushed = counts.flush();
		counter.release();
		await settle();
		counter.release();
		await flushed;
		const stored = await counter.tallies();
		expect(stored.map((t) => [t.hour.slice(11, 13), t.count])).toEqual([
			['08', 1],
			['10', 1],
			['11', 3],
		]);
	});

	it('a summary waits for the counts of this process, written first', async () => {
		const counter = new ControlledCounter();
		counter.held = true;
		const { counts } = countsWith(counter);
		counts.count('unknown');
		counts.count('unknown');
		const summary = counts.summary(EVERYTHING);
		counter.release();
		await settle();
		counter.release();
		expect(await summary).toMatchObject({ total: 2, byStatus: { unknown: 2 } });
	});
});

describe('a failing store', () => {
	it('warns once per run of failures, keeps the counts, and writes them once it is back', async () => {
		const counter = new ControlledCounter();
		counter.failing = true;
		const { counts, warnings } = countsWith(counter);
		counts.count('valid');
		counts.count('valid');
		// The write the first count started, awaited: it resolves, the failure handled inside.
		await expect(counts.flush()).resolves.toBeUndefined();
		counts.count('expired');
		await expect(counts.flush()).resolves.toBeUndefined();
		expect(warnings).toEqual([
			'Credential Ledger: 2 verification lookup counts could not be written (connect ECONNREFUSED 127.0.0.1:5432); they are kept in memory and written with the next lookup',
		]);
		counter.failing = false;
		counts.count('valid');
		await counts.flush();
		expect(await counts.summary(EVERYTHING)).toMatchObject({
			total: 4,
			byStatus: { valid: 3, expired: 1 },
		});
		// Failing again after a success is a new run of failures: warned again.
		counter.failing = true;
		counts.count('valid');
		await expect(counts.flush()).resolves.toBeUndefined();
		expect(warnings).toHaveLength(2);
	});

	it('keeps at most the bound of tallies, dropping the oldest hours, and says how many counts went', async () => {
		const counter = new ControlledCounter();
		counter.failing = true;
		const { counts, warnings } = countsWith(counter, 2);
		const hour = (h: number) => new Date(Date.UTC(2026, 11, 7, h, 30));
		counts.count('valid', hour(9));
		await counts.flush();
		for (const h of [9, 10, 10, 11, 11, 11]) counts.count('valid', hour(h));
		await counts.flush();
		expect(warnings[1]).toBe(
			'Credential Ledger: 2 verification lookup counts of the oldest hours were dropped: more than 2 hours and answers waited to be written',
		);
		counter.failing = false;
		counts.count('valid', hour(11));
		await counts.flush();
		const stored = await counter.tallies();
		expect(stored.map((t) => [t.hour.slice(11, 13), t.count])).toEqual([
			['10', 2],
			['11', 4],
		]);
	});

	it('a warning that itself throws does not make the write reject, and counting goes on', async () => {
		const counter = new ControlledCounter();
		counter.failing = true;
		const warn = () => {
			throw new Error('logger down');
		};
		const counts = new LookupCounts({ counter, warn }, () => AT);
		counts.count('valid');
		await expect(counts.flush()).resolves.toBeUndefined();
		counter.failing = false;
		counts.count('valid');
		await counts.flush();
		expect(await counts.summary(EVERYTHING)).toMatchObject({ total: 2 });
	});
});

it('without a counter nothing is kept and no summary is given', async () => {
	const { counts } = countsWith(undefined);
	counts.count('valid');
	await counts.flush();
	expect(await counts.summary(EVERYTHING)).toBeUndefined();
});
