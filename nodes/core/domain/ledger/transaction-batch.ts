import { checkedDraft } from './draft-check';
import type { ChainHead, EntryDraft, LedgerEntry } from './entry';
import type { JsonValue } from './json';
import { sealEntry, type SealedEntry } from './line-format';
import type { LedgerSigner } from './signing';
import type { StoreView, TransactPlan } from './store';

export interface TransactJob {
	decide: (view: StoreView) => Promise<TransactPlan<unknown>> | TransactPlan<unknown>;
	resolve: (result: { value: unknown; entries: LedgerEntry[] }) => void;
	reject: (error: unknown) => void;
}

/**
 * Group commit: transactions that arrive while a batch is being written wait and go together
 * as the next batch, so concurrent executions share one lock, one write and one sync.
 */
export class BatchQueue {
	private readonly waiting: TransactJob[] = [];
	private draining = false;
	private drained: Promise<void> = Promise.resolve();

	constructor(
		private readonly run: (batch: TransactJob[]) => Promise<void>,
		private readonly maxBatch: number,
	) {}

	push<T>(decide: TransactJob['decide']): Promise<{ value: T; entries: LedgerEntry[] }> {
		return new Promise((resolve, reject) => {
			this.waiting.push({ decide, resolve: resolve as TransactJob['resolve'], reject });
			if (!this.draining) this.drained = this.drain();
		});
	}

	/** Resolves once every transaction queued so far has been settled. */
	idle(): Promise<void> {
		return this.drained;
	}

	private async drain(): Promise<void> {
		this.draining = true;
		try {
			while (this.waiting.length > 0) {
				const batch = this.waiting.splice(0, this.maxBatch);
				await this.run(batch).catch((error: unknown) => {
					for (const job of batch) job.reject(error);
				});
			}
		} finally {
			this.draining = false;
		}
	}
}

export interface BatchContext {
	head: ChainHead;
	signer: LedgerSigner;
	/** Entries already stored for a key (not those of this batch). */
	storedEntries(key: string): Promise<LedgerEntry[]>;
	putEvidence(hash: string, record: JsonValue): Promise<void>;
	/**
	 * Every decided job's evidence at once, before any line is written (a store whose writes
	 * each end in a sync shares them so). If it fails, the whole batch is refused with its error.
	 */
	putEvidenceMany?(records: ReadonlyArray<readonly [string, JsonValue]>): Promise<void>;
	/** A store's own limits on what it can write (e.g. no NUL for PostgreSQL), checked per job. */
	checkDraft?(draft: EntryDraft): void;
}

export interface DecidedBatch {
	sealed: SealedEntry[];
	/** Resolves or rejects every job once the batch was written (or failed to be). */
	settle(writeError?: unknown): void;
}

/**
 * Runs each job's decision in order against the head as the earlier jobs left it, and seals
 * the drafts of those that succeed. A job that throws is refused alone; the others go on.
 */
export async function decideBatch(
	batch: TransactJob[],
	context: BatchContext,
): Promise<DecidedBatch> {
	let head = context.head;
	const batchEntries = new Map<string, LedgerEntry[]>();
	const sealed: SealedEntry[] = [];
	const outcomes: Array<{
		job: TransactJob;
		value?: unknown;
		entries?: LedgerEntry[];
		error?: unknown;
	}> = [];
	const deferred: Array<[string, JsonValue]> = [];
	for (const job of batch) {
		// Evidence waits until its transaction succeeded: a refused one leaves no file or row.
		const evidence: Array<[string, JsonValue]> = [];
		const view: StoreView = {
			head,
			entriesFor: async (key) => [
				...(await context.storedEntries(key)),
				...(batchEntries.get(key) ?? []),
			],
			putEvidence: async (hash, record) => {
				evidence.push([hash, record]);
			},
		};
		try {
			const plan = await job.decide(view);
			const drafts = plan.drafts.map(checkedDraft);
			for (const draft of drafts) context.checkDraft?.(draft);
			let jobHead = head;
			const jobSealed = drafts.map((draft) => {
				const result = sealEntry(draft, jobHead, context.signer);
				jobHead = { seq: result.entry.seq, hash: result.entry.hash };
				return result;
			});
			if (context.putEvidenceMany) deferred.push(...evidence);
			else for (const [hash, record] of evidence) await context.putEvidence(hash, record);
			head = jobHead;
			for (const item of jobSealed) {
				sealed.push(item);
				const earlier = batchEntries.get(item.entry.key);
				if (earlier) earlier.push(item.entry);
				else batchEntries.set(item.entry.key, [item.entry]);
			}
			outcomes.push({ job, value: plan.value, entries: jobSealed.map((item) => item.entry) });
		} catch (error) {
			outcomes.push({ job, error: error ?? new Error('transaction failed') });
		}
	}
	if (context.putEvidenceMany && deferred.length > 0) {
		const evidenceError = await context.putEvidenceMany(deferred).then(
			() => undefined,
			(error: unknown) => error ?? new Error('storing evidence failed'),
		);
		// Nothing of the batch is written without its evidence: every job gets the error.
		if (evidenceError !== undefined)
			return { sealed: [], settle: () => settleAll(outcomes, evidenceError) };
	}
	return {
		sealed,
		settle: (writeError) => {
			for (const outcome of outcomes) {
				if (outcome.error !== undefined) outcome.job.reject(outcome.error);
				else if (writeError !== undefined) outcome.job.reject(writeError);
				else outcome.job.resolve({ value: outcome.value, entries: outcome.entries ?? [] });
			}
		},
	};
}

function settleAll(outcomes: Array<{ job: TransactJob; error?: unknown }>, error: unknown): void {
	for (const outcome of outcomes) outcome.job.reject(outcome.error ?? error);
}
