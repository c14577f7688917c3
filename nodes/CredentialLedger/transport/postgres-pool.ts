import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEFAULT_PG_TIMEOUTS, type PgPoolLike, type PgTimeouts } from '../../core/integrations/ledger-storage';

export interface PooledConnection {
	pool: PgPoolLike;
	/** Identifies the connection settings (a hash: the password never appears). */
	id: string;
	/** Lock and statement timeouts for the ledger's transactions (checked by the store). */
	timeouts: PgTimeouts;
}

interface PoolConfig {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	ssl: boolean | { rejectUnauthorized: false };
	max: number;
	connectionTimeoutMillis: number;
	allowExitOnIdle: boolean;
}

// One pool per connection setting per process: every execution of every workflow that uses the
// same credential shares it, so connections stay within the credential's maximum.
const pools = new Map<string, Promise<PgPoolLike>>();

export function poolConfigOf(data: ICredentialDataDecryptedObject): PoolConfig {
	const ssl =
		data.ssl === 'require'
			? true
			: data.ssl === 'no-verify'
				? { rejectUnauthorized: false as const }
				: false;
	return {
		host: String(data.host ?? 'localhost'),
		port: Number(data.port ?? 5432),
		database: String(data.database ?? 'postgres'),
		user: String(data.user ?? 'postgres'),
		password: String(data.password ?? ''),
		ssl,
		max: Math.max(1, Number(data.maxConnections ?? 10) || 10),
		connectionTimeoutMillis: 15_000,
		// Idle connections alone do not keep a process (a CLI run, a test) alive.
		allowExitOnIdle: true,
	};
}

export async function createPool(config: PoolConfig): Promise<PgPoolLike> {
	const { Pool } = await import('pg');
	const pool = new Pool(config);
	// An idle connection dropped by the server must not take the n8n process down.
	pool.on('error', () => undefined);
	return pool as unknown as PgPoolLike;
}

/** The credential's timeouts in milliseconds; a missing field (older credentials) keeps the default. */
export function timeoutsOf(data: ICredentialDataDecryptedObject): PgTimeouts {
	const ms = (seconds: unknown, fallback: number) =>
		seconds === undefined || seconds === null || seconds === ''
			? fallback
			: Math.round(Number(seconds) * 1000);
	return {
		lockTimeoutMs: ms(data.lockTimeoutSeconds, DEFAULT_PG_TIMEOUTS.lockTimeoutMs),
		statementTimeoutMs: ms(data.statementTimeoutSeconds, DEFAULT_PG_TIMEOUTS.statementTimeoutMs),
	};
}

/** The process-wide pool for a Credential Ledger Postgres credential. */
export function poolFor(data: ICredentialDataDecryptedObject): PooledConnection {
	const config = poolConfigOf(data);
	const id = createHash('sha256').update(JSON.stringify(config)).digest('hex');
	let pool = pools.get(id);
	if (!pool) {
		pool = createPool(config);
		pools.set(id, pool);
	}
	const shared = pool;
	return {
		id,
		timeouts: timeoutsOf(data),
		pool: {
			query: async (text, values) => (await shared).query(text, values),
			connect: async () => (await shared).connect(),
			// The pool outlives every ledger that uses it.
			end: async () => undefined,
		},
	};
}
