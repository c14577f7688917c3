import { GENESIS_HASH } from '../entry';
import { LedgerError } from '../errors';
import { inTransaction, type PgPoolLike, type PgTimeouts } from './pg-client';

/** Quoted table names for one ledger; several ledgers can share a database under different prefixes. */
export interface LedgerTables {
	entries: string;
	head: string;
	evidence: string;
	prefix: string;
}

/*
 * Lookups read the key, type and learner from the signed line itself (expression indexes over
 * the line as jsonb), never from the plain columns beside it: an edited column would otherwise
 * hide a credential from Reserve and let it issue a second one. The columns stay for people
 * querying the table; Verify checks them against the lines.
 */
export const SIGNED_KEY = "((line::jsonb) ->> 'key')";
export const SIGNED_TYPE = "((line::jsonb) ->> 'type')";
export const SIGNED_LEARNER = "((line::jsonb) #>> '{payload,subject,learnerId}')";

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,40}$/;

export function ledgerTables(prefix = 'credential_ledger', schema?: string): LedgerTables {
	for (const [field, value] of [
		['tablePrefix', prefix],
		['schema', schema],
	] as const) {
		if (value !== undefined && !IDENTIFIER.test(value)) {
			throw new LedgerError(
				'invalid_input',
				`Invalid ${field}: expected lowercase letters, digits and _ (at most 41), starting with a letter or _`,
				{
					issues: [{ path: field, message: 'expected lowercase letters, digits and _' }],
				},
			);
		}
	}
	const qualify = (name: string) =>
		schema ? `"${schema}"."${prefix}_${name}"` : `"${prefix}_${name}"`;
	return {
		entries: qualify('entries'),
		head: qualify('head'),
		evidence: qualify('evidence'),
		prefix,
	};
}

/**
 * Creates the tables if missing. Concurrent workers starting together would race on CREATE TABLE
 * IF NOT EXISTS (it is not atomic in PostgreSQL), hence the transaction-scoped advisory lock.
 *
 * - entries: one row per entry with the exact signed line; a unique index allows one `reserved`
 *   entry per key and attempt, as a last guard behind the serialised head.
 * - head: a single row locked FOR UPDATE by every writer: the chain head lock.
 * - evidence: private evidence by hash, deleted on erasure.
 */
export async function ensureSchema(
	pool: PgPoolLike,
	tables: LedgerTables,
	timeouts?: PgTimeouts,
): Promise<void> {
	const p = tables.prefix;
	await inTransaction(
		pool,
		async (client) => {
			await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${p} schema`]);
			await client.query(`CREATE TABLE IF NOT EXISTS ${tables.entries} (
			seq bigint PRIMARY KEY,
			key text NOT NULL,
			type text NOT NULL,
			attempt integer,
			learner_id text,
			hash text NOT NULL UNIQUE,
			line text NOT NULL
		)`);
			await client.query(
				`CREATE INDEX IF NOT EXISTS "${p}_entries_by_key" ON ${tables.entries} (key, seq)`,
			);
			await client.query(
				`CREATE INDEX IF NOT EXISTS "${p}_entries_by_learner" ON ${tables.entries} (learner_id) WHERE learner_id IS NOT NULL`,
			);
			await client.query(
				`CREATE INDEX IF NOT EXISTS "${p}_entries_by_signed_key" ON ${tables.entries} (${SIGNED_KEY}, seq)`,
			);
			await client.query(
				`CREATE INDEX IF NOT EXISTS "${p}_entries_by_signed_learner" ON ${tables.entries} (${SIGNED_LEARNER}) WHERE ${SIGNED_TYPE} = 'decided'`,
			);
			await client.query(
				`CREATE UNIQUE INDEX IF NOT EXISTS "${p}_one_reservation_per_attempt" ON ${tables.entries} (key, attempt) WHERE type = 'reserved'`,
			);
			await client.query(`CREATE TABLE IF NOT EXISTS ${tables.head} (
			id smallint PRIMARY KEY CHECK (id = 1),
			seq bigint NOT NULL,
			hash text NOT NULL,
			key_id text,
			signature text
		)`);
			await client.query(
				`INSERT INTO ${tables.head} (id, seq, hash) VALUES (1, 0, $1) ON CONFLICT (id) DO NOTHING`,
				[GENESIS_HASH],
			);
			await client.query(`CREATE TABLE IF NOT EXISTS ${tables.evidence} (
			hash text PRIMARY KEY,
			record text NOT NULL,
			created_at timestamptz NOT NULL DEFAULT now()
		)`);
		},
		timeouts,
	);
}
