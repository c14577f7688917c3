import { stat } from 'node:fs/promises';

import type { ChainHead, EntryDraft, LedgerEntry } from '../../../domain/ledger/entry';
import { LedgerError, storeFailure } from '../../../domain/ledger/errors';
import type { EvidenceCipher } from '../../../domain/ledger/evidence-cipher';
import type { JsonValue } from '../../../domain/ledger/json';
import { parseEntryLine, type SealedEntry } from '../../../domain/ledger/line-format';
import {
	checkSignerMatchesHead,
	type LedgerSigner,
	type LedgerVerifier,
} from '../../../domain/ledger/signing';
import type {
	ChainHealth,
	LedgerStore,
	RepairReport,
	StoreView,
	StoredLine,
	TransactPlan,
} from '../../../domain/ledger/store';
import {
	BatchQueue,
	decideBatch,
	type TransactJob,
} from '../../../domain/ledger/transaction-batch';
import { unhealthyError } from './chain-index';
import { readChainLines } from './chain-lines';
import { EvidenceFolder } from './evidence-folder';
import { applyKeyBinding, checkKeyBinding, type KeyBindingOptions } from './key-binding';
import { folderStateFor, releaseFolderState, type FolderState } from './folder-state';
import { quarantineTornTail } from './repair';
import { syncFolder } from './sync-folder';

/**
 * - 'fsync' (default): an append resolves only after its lines reached the disk (fdatasync).
 *   Appends that arrive while one batch is being written are written and synced together as
 *   the next batch (group commit), so concurrent executions share the cost of one sync.
 * - 'write': resolves after write(): survives a crash of the process, not a power loss.
 */
export type Durability = 'fsync' | 'write';

export interface EmbeddedStoreOptions {
	folder: string;
	signer: LedgerSigner;
	durability?: Durability;
	/** How long to wait for another process holding the folder lock (default 30 s). */
	lockTimeoutMs?: number;
	/** Age after which a lock whose holder cannot be confirmed alive is removed (default 30 s). */
	staleLockMs?: number;
	/** Most transactions written per batch (default 256). */
	maxBatch?: number;
	/** Keys retired by rotation and who holds them: see key-binding.ts. */
	retired?: KeyBindingOptions['retired'];
	owner?: KeyBindingOptions['owner'];
	/** Encrypts private evidence at rest; without it evidence files are plain JSON. */
	evidenceCipher?: EvidenceCipher;
}

/** A ledger in a folder: chain.jsonl, evidence/, quarantine/. No server, no native module. */
export class EmbeddedStore implements LedgerStore {
	readonly verifier: LedgerVerifier;
	private readonly evidence: EvidenceFolder;
	private readonly queue: BatchQueue;
	private closed = false;

	private constructor(
		private readonly state: FolderState,
		private readonly signer: LedgerSigner,
		private readonly durability: Durability,
		maxBatch: number,
		evidenceCipher: EvidenceCipher | undefined,
	) {
		this.verifier = { algorithm: signer.algorithm, keyId: signer.keyId, verify: signer.verify };
		this.evidence = new EvidenceFolder(state.evidencePath, durability === 'fsync', evidenceCipher);
		this.queue = new BatchQueue(
			(batch) => this.state.locked((lock) => this.writeBatch(batch, lock)),
			maxBatch,
		);
	}

	static async open(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
		const durability = options.durability ?? 'fsync';
		// Before the folder is created or locked: a refused key leaves no trace in it.
		const binding = await checkKeyBinding(options.folder, options);
		const { state, created } = folderStateFor(options.folder, {
			timeoutMs: options.lockTimeoutMs ?? 30_000,
			staleMs: options.staleLockMs ?? 30_000,
		});
		try {
			await applyKeyBinding(state.folder, binding, options);
		} catch (error) {
			await releaseFolderState(state);
			throw error;
		}
		if (created && durability === 'fsync') await syncFolder(state.folder);
		const store = new EmbeddedStore(
			state,
			options.signer,
			durability,
			options.maxBatch ?? 256,
			options.evidenceCipher,
		);
		// Under the lock, so a torn last line left by a crash is reported right away (see health).
		await state.locked(async () => undefined);
		return store;
	}

	/**
	 * What the last look at the chain found: ok, a torn last line (offset, seq) or an unreadable
	 * line. Appends are refused until a torn line is repaired; inspect() looks again.
	 */
	get health(): ChainHealth {
		return this.state.index.health;
	}

	get folder(): string {
		return this.state.folder;
	}

	transact<T>(
		decide: (view: StoreView) => Promise<TransactPlan<T>> | TransactPlan<T>,
	): Promise<{ value: T; entries: LedgerEntry[] }> {
		if (this.closed)
			return Promise.reject(new LedgerError('store_failure', 'The ledger store is closed'));
		return this.queue.push<T>(decide as TransactJob['decide']);
	}

	async append(drafts: EntryDraft[]): Promise<LedgerEntry[]> {
		return (await this.transact(() => ({ drafts, value: undefined }))).entries;
	}

	head(): Promise<ChainHead> {
		return this.state.reading(async () => this.checkReadable().head);
	}

	findByKey(key: string): Promise<LedgerEntry[]> {
		return this.state.reading(async () => {
			this.checkReadable();
			return this.state.index.entriesFor(key);
		});
	}

	keysForLearner(learnerId: string): Promise<string[]> {
		return this.state.reading(async () => {
			this.checkReadable();
			return this.state.index.keysOf(learnerId);
		});
	}

	keysForCredential(platform: string, externalId: string): Promise<string[]> {
		return this.state.reading(async () => {
			this.checkReadable();
			return this.state.index.keysOfCredential(platform, externalId);
		});
	}

	async *entries(): AsyncIterable<LedgerEntry> {
		for await (const batch of this.readLines()) {
			for (const line of batch) {
				if (!line.complete) return;
				const read = parseEntryLine(line.text);
				if (!read.ok) {
					throw new LedgerError(
						'malformed_line',
						`Line ${line.lineNumber} of the chain (byte ${line.offset}) cannot be read: ${read.problem}`,
						{
							details: { offset: line.offset, line: line.lineNumber },
						},
					);
				}
				yield read.entry;
			}
		}
	}

	async *readLines(): AsyncIterable<StoredLine[]> {
		// Under the lock no write is in progress, so every byte up to here belongs to a finished
		// line or to a torn one; unreadable lines are yielded too, for verification to classify.
		const end = await this.state.locked(async () => (await stat(this.state.chainPath)).size);
		yield* readChainLines(this.state.chainPath, { until: end });
	}

	inspect(): Promise<ChainHealth> {
		return this.state.locked(async () => this.state.index.health);
	}

	repairTornTail(options: { actor: string; at: string }): Promise<RepairReport> {
		return this.state.locked(async (lock) =>
			quarantineTornTail(this.state, lock, this.signer, options, this.durability === 'fsync'),
		);
	}

	putEvidence(hash: string, record: JsonValue): Promise<void> {
		return this.evidence.put(hash, record);
	}

	getEvidence(hash: string): Promise<JsonValue | undefined> {
		return this.evidence.get(hash);
	}

	eraseEvidence(hash: string): Promise<boolean> {
		return this.evidence.erase(hash);
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		await this.queue.idle();
		await this.state.mutex.run(async () => undefined);
		await releaseFolderState(this.state);
	}

	private checkReadable(): ChainHealth & { status: 'ok' | 'torn_tail' } {
		const health = this.state.index.health;
		if (health.status === 'malformed') throw unhealthyError(health);
		return health;
	}

	/** Decides every transaction of the batch in order, then writes (and syncs) their lines at once. */
	private async writeBatch(batch: TransactJob[], lock: { stillHeld(): boolean }): Promise<void> {
		const index = this.state.index;
		const unhealthy = unhealthyError(index.health);
		if (unhealthy) throw unhealthy;
		checkSignerMatchesHead(this.signer, index.lastSeal);
		const decided = await decideBatch(batch, {
			head: index.head,
			signer: this.signer,
			storedEntries: (key) => index.entriesFor(key),
			putEvidence: (hash, record) => this.evidence.put(hash, record),
			putEvidenceMany: (records) => this.evidence.putMany(records),
		});
		let writeError: unknown;
		if (decided.sealed.length > 0) {
			await this.writeLines(decided.sealed, lock).catch((error: unknown) => {
				writeError = error;
			});
		}
		decided.settle(writeError);
	}

	private async writeLines(sealed: SealedEntry[], lock: { stillHeld(): boolean }): Promise<void> {
		if (!lock.stillHeld()) {
			throw new LedgerError(
				'store_failure',
				'The ledger lock was taken over by another process (this one stalled); nothing was written',
			);
		}
		const index = this.state.index;
		const start = index.size;
		const bytes = Buffer.from(`${sealed.map((item) => item.line).join('\n')}\n`, 'utf8');
		const handle = await this.state.appender();
		try {
			await handle.writeFile(bytes);
			if (this.durability === 'fsync') await handle.datasync();
		} catch (error) {
			// Leave no partial batch behind if the disk refused it (full, quota): cut back to the head.
			await handle.truncate(start).catch(() => undefined);
			throw storeFailure('Writing to the ledger failed; nothing was appended', error);
		}
		let offset = start;
		for (const { entry, line } of sealed) {
			const end = offset + Buffer.byteLength(line, 'utf8') + 1;
			index.add(entry, offset, end);
			offset = end;
		}
	}
}
