import { randomBytes } from 'node:crypto';

import {
	PostgresStore,
	type LedgerSigner,
	type PgPoolLike,
} from '../../../../nodes/credentialing/ledger';
import { testSigner } from './fixtures';

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

export async function openPgStore(prefix = freshPrefix(), signer: LedgerSigner = testSigner()) {
	const store = await PostgresStore.open({ pool: await testPool(), signer, tablePrefix: prefix });
	return { store, prefix };
}

export async function dropTables(prefix: string): Promise<void> {
	const pool = await testPool();
	await pool.query(
		`DROP TABLE IF EXISTS "${prefix}_entries", "${prefix}_head", "${prefix}_evidence"`,
	);
}

export async function endPools(): Promise<void> {
	const pool = shared;
	shared = undefined;
	await (await pool?.catch(() => undefined))?.end();
}
