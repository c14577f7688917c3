import type { ChainHead, EntryDraft, LedgerEntry } from './entry';
import type { JsonValue } from './json';
import type { LedgerVerifier } from './signing';

/** One stored line as read back, for verification and raw export. */
export interface StoredLine {
	text: string;
	/** Byte offset of the line in the chain (row position for stores without files). */
	offset: number;
	/** 1-based line number. */
	lineNumber: number;
	/** False only for a last line without its line end (a torn write). */
	complete: boolean;
	/**
	 * Set by a store that keeps copies of signed fields beside the line (database columns) or a
	 * head apart from it, when the copy disagrees with the signed line: the entry is reported so,
	 * even though its own hash and signature verify.
	 */
	inconsistency?: { kind: 'edited' | 'inserted'; detail: string };
}

/** Called by a store that records its head apart from the lines, before the first batch. */
export type RecordedHeadObserver = (head: ChainHead) => void;

/** What a store can say about its chain without verifying signatures. */
export type ChainHealth =
	| { status: 'ok'; head: ChainHead; entries: number }
	| {
			status: 'torn_tail';
			/** Byte offset where the incomplete line starts. */
			offset: number;
			/** The seq the incomplete line would have had. */
			seq: number;
			length: number;
			head: ChainHead;
	  }
	| { status: 'malformed'; offset: number; lineNumber: number; seq: number; problem: string };

/** The chain as seen inside a transaction: entries appended earlier in the same batch included. */
export interface StoreView {
	readonly head: ChainHead;
	entriesFor(key: string): Promise<LedgerEntry[]>;
	/** Saves private evidence with the transaction (a store may write it right away). */
	putEvidence(hash: string, record: JsonValue): Promise<void>;
}

export interface TransactPlan<T> {
	drafts: EntryDraft[];
	value: T;
}

export interface RepairReport {
	repaired: boolean;
	offset?: number;
	length?: number;
	quarantinedAs?: string;
	entry?: LedgerEntry;
}

/**
 * Storage for one chain plus its private evidence area. Implementations serialise every append
 * behind the chain head (one writer at a time, across processes), assign seq, prevHash, keyId,
 * hash and signature, and make the appended lines durable before resolving.
 *
 * Learner index contract: a `decided` entry names its learner in payload.subject.learnerId.
 * Platform index contract: an `issued` entry names payload.platform and payload.externalId.
 */
export interface LedgerStore {
	/** The key new entries are signed with (algorithm and key id only). */
	readonly verifier: LedgerVerifier;
	/**
	 * Runs `decide` with a current view of the chain while holding the chain head, then appends
	 * the drafts it returns, all or nothing. If `decide` throws, nothing is written.
	 */
	transact<T>(
		decide: (view: StoreView) => Promise<TransactPlan<T>> | TransactPlan<T>,
	): Promise<{ value: T; entries: LedgerEntry[] }>;
	append(drafts: EntryDraft[]): Promise<LedgerEntry[]>;
	head(): Promise<ChainHead>;
	findByKey(key: string): Promise<LedgerEntry[]>;
	keysForLearner(learnerId: string): Promise<string[]>;
	/**
	 * Keys whose `issued` entry names this platform and external id (payload.platform and
	 * payload.externalId), in order of first issuance: how a platform event finds its credential.
	 */
	keysForCredential(platform: string, externalId: string): Promise<string[]>;
	/** Every entry in seq order. */
	entries(): AsyncIterable<LedgerEntry>;
	/**
	 * Every stored line as is, in seq order and in batches, for verification and export; never
	 * fails on bad content. Lines appended while reading may be included (as a longer chain). A
	 * store that records its head apart from the lines (a database row) reports it through
	 * `onRecordedHead` before the first batch: the chain must reach that head exactly.
	 */
	readLines(onRecordedHead?: RecordedHeadObserver): AsyncIterable<StoredLine[]>;
	inspect(): Promise<ChainHealth>;
	/** Moves an incomplete last line aside and appends an entry recording that. */
	repairTornTail(options: { actor: string; at: string }): Promise<RepairReport>;
	/** Stores private evidence; `hash` must be the SHA-256 of the record's canonical JSON. */
	putEvidence(hash: string, record: JsonValue): Promise<void>;
	getEvidence(hash: string): Promise<JsonValue | undefined>;
	/** Deletes evidence for good; true if something was there. */
	eraseEvidence(hash: string): Promise<boolean>;
	close(): Promise<void>;
}
