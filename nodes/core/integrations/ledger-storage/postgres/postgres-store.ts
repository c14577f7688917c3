import type { ChainHead, EntryDraft, LedgerEntry } from '../../../domain/ledger/entry';
import type { EvidenceCipher } from '../../../domain/ledger/evidence-cipher';
import type { JsonValue } from '../../../domain/ledger/json';
import { parseEntryLine, type SealedEntry } from '../../../domain/ledger/line-format';
import { checkSignerMatchesHead, type LedgerSigner, type LedgerVerifier } from '../../../domain/ledger/signing';
import type {
	ChainHealth,
	LedgerStore,
	RecordedHeadObserver,
	RepairReport,
	StoreView,
	StoredLine,
	TransactPlan,
} from '../../../domain/ledger/store';
import { BatchQueue, decideBatch, type TransactJob } from '../../../domain/ledger/transaction-batch';
import {
	explainTimeout,
	inTransaction,
	pgTimeoutsOf,
	type PgClientLike,
	type PgPoolLike,
	type PgQueryable,
	type PgTimeouts,
} from './pg-client';
import { checkEvidenceHash, insertEvidence, selectEvidence } from './evidence-rows';
import { checkLastRowIsHead, columnsOf, readEntry, rowInconsistency } from './rows';
import { ensureSchema, ledgerTables, type LedgerTables } from './schema';
import { checkStorableText } from './storable-text';

export interface PostgresStoreOptions {
	pool: PgPoolLike;
	signer: LedgerSigner;
	/** Table name prefix (default credential_ledger) and optional schema. */
	tablePrefix?: string;
	schema?: string;
	/** End the pool on close (when the store created it for itself). */
	ownsPool?: boolean;
	/** Most transactions committed together (default 256). */
	maxBatch?: number;
	/** Longest wait for the head row or another lock (default 10 s), and for one statement (60 s). */
	lockTimeoutMs?: number;
	statementTimeoutMs?: number;
	/** Encrypts private evidence at rest; without it evidence rows hold plain JSON. */
	evidenceCipher?: EvidenceCipher;
}

const PAGE = 5_000;
const INSERT_CHUNK = 1_000;

/**
 * The ledger in PostgreSQL, for n8n queue mode: every worker appends through one transaction
 * that first locks the single head row (SELECT ... FOR UPDATE), so the chain stays serial across
 * processes and hosts; a batch of this process's waiting transactions shares one commit. A refused
 * transaction has written nothing (its reads are plain SELECTs and its evidence rows are only
 * inserted once it succeeded), so it needs no savepoint; evidence rows commit together with the
 * entries that reference them.
 */
export class PostgresStore implements LedgerStore {
	readonly verifier: LedgerVerifier;
	private readonly queue: BatchQueue;

	private constructor(
		private readonly pool: PgPoolLike,
		private readonly tables: LedgerTables,
		private readonly signer: LedgerSigner,
		private readonly ownsPool: boolean,
		maxBatch: number,
		private readonly timeouts: PgTimeouts,
		private readonly evidenceCipher: EvidenceCipher | undefined,
	) {
		this.verifier = { algorithm: signer.algorithm, keyId: signer.keyId, verify: signer.verify };
		this.queue = new BatchQueue((batch) => this.commitBatch(batch), maxBatch);
	}

	static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
		const tables = ledgerTables(options.tablePrefix, options.schema);
		const timeouts = pgTimeoutsOf(options);
		await ensureSchema(options.pool, tables, timeouts).catch((error: unknown) => {
			throw explainTimeout(error, timeouts, "the ledger's schema lock");
		});
		return new PostgresStore(
			options.pool,
			tables,
			options.signer,
			options.ownsPool ?? false,
			options.maxBatch ?? 256,
			timeouts,
			options.evidenceCipher,
		);
	}

	transact<T>(
		decide: (view: StoreView) => Promise<TransactPlan<T>> | TransactPlan<T>,
	): Promise<{ value: T; entries: LedgerEntry[] }> {
		return this.queue.push<T>(decide as TransactJob['decide']);
	}

	async append(drafts: EntryDraft[]): Promise<LedgerEntry[]> {
		return (await this.transact(() => ({ drafts, value: undefined }))).entries;
	}

	async head(): Promise<ChainHead> {
		const { rows } = await this.pool.query(
			`SELECT seq, hash FROM ${this.tables.head} WHERE id = 1`,
		);
		return { seq: Number(rows[0]?.seq ?? 0), hash: String(rows[0]?.hash) };
	}

	findByKey(key: string): Promise<LedgerEntry[]> {
		return this.entriesOf(this.pool, key);
	}

	async keysForLearner(learnerId: string): Promise<string[]> {
		checkStorableText(learnerId, 'learner id');
		const { rows } = await this.pool.query(
			`SELECT ${this.tables.signedKey} AS key FROM ${this.tables.entries} WHERE ${this.tables.signedType} = 'decided' AND ${this.tables.signedLearner} = $1 GROUP BY 1 ORDER BY min(seq)`,
			[learnerId],
		);
		return rows.map((row) => String(row.key));
	}

	async keysForCredential(platform: string, externalId: string): Promise<string[]> {
		checkStorableText(platform, 'platform');
		checkStorableText(externalId, 'external id');
		const t = this.tables;
		const { rows } = await this.pool.query(
			`SELECT ${t.signedKey} AS key FROM ${t.entries} WHERE ${t.signedType} = 'issued' AND ${t.signedPlatform} = $1 AND ${t.signedExternalId} = $2 GROUP BY 1 ORDER BY min(seq)`,
			[platform, externalId],
		);
		return rows.map((row) => String(row.key));
	}

	async *entries(): AsyncIterable<LedgerEntry> {
		for await (const batch of this.readLines()) {
			for (const line of batch) yield readEntry(line.text, line.lineNumber);
		}
	}

	/**
	 * Every row in seq order, each checked against its columns and the head row: a row the head
	 * does not cover, or whose columns differ from its line, carries an inconsistency.
	 */
	async *readLines(onRecordedHead?: RecordedHeadObserver): AsyncIterable<StoredLine[]> {
		let head = await this.head();
		onRecordedHead?.(head);
		let after = -1;
		let position = 0;
		for (;;) {
			const { rows } = await this.pool.query(
				`SELECT seq, key, type, attempt, learner_id, hash, line FROM ${this.tables.entries} WHERE seq > $1 ORDER BY seq LIMIT ${PAGE}`,
				[after],
			);
			if (rows.length === 0) return;
			const last = Number(rows[rows.length - 1].seq);
			// Rows appended while reading commit together with a later head: read it again after
			// the page, so only rows no head covers count as past it.
			if (last > head.seq) head = await this.head();
			yield rows.map((row) => {
				position++;
				return {
					text: String(row.line),
					offset: position - 1,
					lineNumber: position,
					complete: true,
					inconsistency: rowInconsistency(row, head.seq),
				};
			});
			after = last;
		}
	}

	async inspect(): Promise<ChainHealth> {
		let entries = 0;
		for await (const batch of this.readLines()) {
			for (const line of batch) {
				const read = parseEntryLine(line.text);
				if (!read.ok) {
					return {
						status: 'malformed',
						offset: line.offset,
						lineNumber: line.lineNumber,
						seq: entries + 1,
						problem: read.problem,
					};
				}
				entries++;
			}
		}
		return { status: 'ok', head: await this.head(), entries };
	}

	/** Transactions never leave half an entry behind: there is nothing to repair. */
	async repairTornTail(): Promise<RepairReport> {
		return { repaired: false };
	}

	putEvidence(hash: string, record: JsonValue): Promise<void> {
		return insertEvidence(this.pool, this.tables, hash, record, this.evidenceCipher);
	}

	getEvidence(hash: string): Promise<JsonValue | undefined> {
		return selectEvidence(this.pool, this.tables, hash, this.evidenceCipher);
	}

	async eraseEvidence(hash: string): Promise<boolean> {
		checkEvidenceHash(hash);
		const result = await this.pool.query(`DELETE FROM ${this.tables.evidence} WHERE hash = $1`, [
			hash,
		]);
		return (result.rowCount ?? 0) > 0;
	}

	async close(): Promise<void> {
		await this.queue.idle();
		if (this.ownsPool) await this.pool.end();
	}

	private async commitBatch(batch: TransactJob[]): Promise<void> {
		let decided: Awaited<ReturnType<typeof decideBatch>> | undefined;
		const committed = await inTransaction(
			this.pool,
			async (client) => {
				await this.appendBatch(client, batch, (value) => (decided = value));
			},
			this.timeouts,
		).then(
			() => undefined,
			(error: unknown) => ({
				error: explainTimeout(error, this.timeouts, `the ledger's head row (${this.tables.head})`),
			}),
		);
		if (!decided) throw committed?.error;
		decided.settle(committed?.error);
	}

	private async appendBatch(
		client: PgClientLike,
		batch: TransactJob[],
		onDecided: (decided: Awaited<ReturnType<typeof decideBatch>>) => void,
	): Promise<void> {
		const { rows } = await client.query(
			`SELECT seq, hash, key_id, signature FROM ${this.tables.head} WHERE id = 1 FOR UPDATE`,
		);
		const row = rows[0];
		const head = { seq: Number(row.seq), hash: String(row.hash) };
		await checkLastRowIsHead(client, this.tables, head);
		if (row.key_id !== null && row.key_id !== undefined) {
			checkSignerMatchesHead(this.signer, {
				...head,
				keyId: String(row.key_id),
				signature: String(row.signature),
			});
		}
		const decided = await decideBatch(batch, {
			head,
			signer: this.signer,
			storedEntries: (key) => this.entriesOf(client, key),
			putEvidence: (hash, record) =>
				insertEvidence(client, this.tables, hash, record, this.evidenceCipher),
			checkDraft: (draft) => checkStorableText(draft, 'ledger entry'),
		});
		onDecided(decided);
		await this.insertSealed(client, decided.sealed);
	}

	private async insertSealed(client: PgClientLike, sealed: SealedEntry[]): Promise<void> {
		if (sealed.length === 0) return;
		for (let start = 0; start < sealed.length; start += INSERT_CHUNK) {
			const chunk = sealed.slice(start, start + INSERT_CHUNK);
			const values: unknown[] = [];
			const rows = chunk.map(({ entry, line }, i) => {
				const columns = columnsOf(entry);
				values.push(
					entry.seq,
					columns.key,
					columns.type,
					columns.attempt,
					columns.learner_id,
					columns.hash,
					line,
				);
				const n = i * 7;
				return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7})`;
			});
			await client.query(
				`INSERT INTO ${this.tables.entries} (seq, key, type, attempt, learner_id, hash, line) VALUES ${rows.join(', ')}`,
				values,
			);
		}
		const last = sealed[sealed.length - 1].entry;
		await client.query(
			`UPDATE ${this.tables.head} SET seq = $1, hash = $2, key_id = $3, signature = $4 WHERE id = 1`,
			[last.seq, last.hash, last.keyId, last.signature],
		);
	}

	private async entriesOf(db: PgQueryable, key: string): Promise<LedgerEntry[]> {
		checkStorableText(key, 'idempotency key');
		const { rows } = await db.query(
			`SELECT seq, line FROM ${this.tables.entries} WHERE ${this.tables.signedKey} = $1 ORDER BY seq`,
			[key],
		);
		return rows.map((row) => readEntry(String(row.line), Number(row.seq)));
	}
}
