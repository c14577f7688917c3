import { randomBytes } from 'node:crypto';

import { CredentialLedger, type LedgerEntry, type LedgerSigner } from '../../../../nodes/core/domain/ledger';
import { PostgresStore, type PgPoolLike } from '../../../../nodes/core/integrations/ledger-storage';
import { columnsOf } from '../../../../nodes/core/integrations/ledger-storage/postgres/rows';
import { ISSUED, decision, testSigner } from './fixtures';

/**
 * The server comes from scripts/postgres/start.sh through LEDGER_PG_URL. In CI a missing URL
 * fails the tests (nothing is skipped there); elsewhere the Postgres cases are skipped.
 */
export const PG_URL = process.env.LEDGER_PG_URL;
export const postgresAvailable = PG_URL !== undefined || process.env.CI !== undefined;

export function requirePgUrl(): string {
	if (!PG_URL)
		throw new Error('LEDGER_PG_URL is not set: start a server with scripts/postgres/start.sh');
	return PG_URL;
}

let shared: Promise<PgPoolLike> | undefined;

/** One pool per test file, loaded on first use so embedded-store cases run even without pg. */
export function testPool(): Promise<PgPoolLike> {
	shared ??= (async () => {
		const url = requirePgUrl();
		const { Pool } = await import('pg');
		return new Pool({ connectionString: url, max: 10 });
	})();
	return shared;
}

/** A fresh table prefix per test, so tests never see each other's chains. */
export function freshPrefix(): string {
	return `t_${randomBytes(6).toString('hex')}`;
}

export async function openPgStore(
	prefix = freshPrefix(),
	signer: LedgerSigner = testSigner(),
	timeouts: { lockTimeoutMs?: number; statementTimeoutMs?: number } = {},
) {
	const store = await PostgresStore.open({
		pool: await testPool(),
		signer,
		tablePrefix: prefix,
		...timeouts,
	});
	return { store, prefix };
}

export async function dropTables(prefix: string): Promise<void> {
	const pool = await testPool();
	await pool.query(
		`DROP TABLE IF EXISTS "${prefix}_entries", "${prefix}_head", "${prefix}_evidence"`,
	);
	await pool.query(`DROP FUNCTION IF EXISTS "${prefix}_signed_field"(text, text[])`);
}

export async function endPools(): Promise<void> {
	const pool = shared;
	shared = undefined;
	await (await pool?.catch(() => undefined))?.end();
}

/** `count` credentials reserved and issued in a fresh Postgres ledger (3 entries each). */
export async function issuedPgLedger(count = 6) {
	const prefix = freshPrefix();
	const store = await PostgresStore.open({
		pool: await testPool(),
		signer: testSigner(),
		tablePrefix: prefix,
	});
	const ledger = new CredentialLedger({ store });
	for (let i = 0; i < count; i++) {
		await ledger.reserve(`k${i}`, decision(`L-${i}`));
		await ledger.record(`k${i}`, 'issued', { ...ISSUED, externalId: `c${i}` }, 'w');
	}
	return { ledger, store, prefix, entries: `"${prefix}_entries"`, head: `"${prefix}_head"` };
}

/**
 * Stores a chain given as text the way someone with write access to the database would leave
 * it: one row per complete line numbered in order, columns copied from each line (a line that no
 * longer parses keeps the columns of the entry it replaced; a repeated hash gets a new one, as the
 * column is unique), and the head row left at `head`.
 */
export async function storeRows(
	prefix: string,
	text: string,
	original: LedgerEntry[],
	head: LedgerEntry,
) {
	const pool = await testPool();
	const lines = text.split('\n').slice(0, -1);
	const hashes = new Set<string>();
	const values: unknown[] = [];
	const tuples = lines.map((line, i) => {
		let parsed: unknown;
		try {
			parsed = JSON.parse(line);
		} catch {
			parsed = original[i] ?? original[original.length - 1];
		}
		const columns = columnsOf(parsed as LedgerEntry);
		const hash = hashes.has(String(columns.hash)) ? `copy-${i}` : String(columns.hash);
		hashes.add(hash);
		values.push(i + 1, columns.key, columns.type, columns.attempt, columns.learner_id, hash, line);
		const n = i * 7;
		return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7})`;
	});
	await pool.query(`TRUNCATE "${prefix}_entries"`);
	if (tuples.length > 0) {
		await pool.query(
			`INSERT INTO "${prefix}_entries" (seq, key, type, attempt, learner_id, hash, line) VALUES ${tuples.join(', ')}`,
			values,
		);
	}
	await pool.query(
		`UPDATE "${prefix}_head" SET seq = $1, hash = $2, key_id = $3, signature = $4 WHERE id = 1`,
		[head.seq, head.hash, head.keyId, head.signature],
	);
}

/** Whoever can rewrite rows can drop indexes too: lines that are not JSON become storable. */
export async function dropSignedIndexes(prefix: string): Promise<void> {
	await (
		await testPool()
	).query(
		`DROP INDEX IF EXISTS "${prefix}_entries_by_signed_key", "${prefix}_entries_by_signed_learner", "${prefix}_entries_by_signed_credential"`,
	);
}
