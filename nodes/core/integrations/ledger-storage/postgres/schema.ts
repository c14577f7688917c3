import { GENESIS_HASH } from '../../../domain/ledger/entry';
import { LedgerError } from '../../../domain/ledger/errors';
import { inTransaction, type PgPoolLike, type PgQueryable, type PgTimeouts } from './pg-client';

/** Quoted table names for one ledger; several ledgers can share a database under different prefixes. */
export interface LedgerTables {
	entries: string;
	head: string;
	evidence: string;
	prefix: string;
	/** The function reading one field of a signed line (see createSignedIndexes). */
	signedField: string;
	/** SQL expressions for the key, type and learner id of a row, read from its signed line. */
	signedKey: string;
	signedType: string;
	signedLearner: string;
	/** Platform and external id of an `issued` row, from its signed line. */
	signedPlatform: string;
	signedExternalId: string;
}

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
	/*
	 * Lookups read the key, type and learner from the signed line itself (expression indexes),
	 * never from the plain columns beside it: an edited column would otherwise hide a credential
	 * from Reserve and let it issue a second one. The columns stay for people querying the
	 * table; Verify checks them against the lines.
	 */
	const signedField = qualify('signed_field');
	const field = (path: string) => `${signedField}(line, '{${path}}')`;
	return {
		entries: qualify('entries'),
		head: qualify('head'),
		evidence: qualify('evidence'),
		prefix,
		signedField,
		signedKey: field('key'),
		signedType: field('type'),
		signedLearner: field('payload,subject,learnerId'),
		signedPlatform: field('payload,platform'),
		signedExternalId: field('payload,externalId'),
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
			await createSignedIndexes(client, tables);
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
		// The first open of an existing ledger builds the signed-line indexes, which may take longer
		// than a statement normally may: only the wait for locks is bounded here.
		timeouts && { lockTimeoutMs: timeouts.lockTimeoutMs, statementTimeoutMs: 0 },
	);
}

/*
 * PostgreSQL's jsonb refuses the escapes \u0000 and unpaired surrogates, which lines written
 * before such text was refused may hold: in lines with an escape, those two are read as U+FFFD
 * (escaped backslashes are set aside first, so "\\u0000" stays text). No key or learner id the
 * ledger accepts holds them. A plain SQL function, so PostgreSQL can inline it; a line that is
 * no JSON at all still fails, so a row that cannot be read is never left out of a lookup.
 */
const READ_SIGNED_FIELD = String.raw`
	SELECT (CASE WHEN strpos(line, E'\\u') = 0 THEN line ELSE replace(
		regexp_replace(replace(line, E'\\\\', chr(1)), E'\\\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})', E'\\\\ufffd', 'g'),
		chr(1), E'\\\\')
	END)::jsonb #>> path`;

async function createSignedIndexes(client: PgQueryable, tables: LedgerTables): Promise<void> {
	const p = tables.prefix;
	await client.query(`CREATE OR REPLACE FUNCTION ${tables.signedField}(line text, path text[])
		RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$${READ_SIGNED_FIELD}$fn$`);
	await client.query(
		`CREATE INDEX IF NOT EXISTS "${p}_entries_by_signed_key" ON ${tables.entries} (${tables.signedKey}, seq)`,
	);
	await client.query(
		`CREATE INDEX IF NOT EXISTS "${p}_entries_by_signed_learner" ON ${tables.entries} (${tables.signedLearner}) WHERE ${tables.signedType} = 'decided'`,
	);
	await client.query(
		`CREATE INDEX IF NOT EXISTS "${p}_entries_by_signed_credential" ON ${tables.entries} (${tables.signedPlatform}, ${tables.signedExternalId}) WHERE ${tables.signedType} = 'issued'`,
	);
}
