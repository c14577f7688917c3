import { LedgerError, storeFailure } from '../../../domain/ledger/errors';

/*
 * The few members of node-postgres (`pg`) the store uses, described structurally: the domain
 * code does not import the driver, so it builds and tests without it, and a node passes in the
 * Pool it created (with n8n's Postgres credential).
 */

export interface PgQueryResult {
	rows: Array<Record<string, unknown>>;
	rowCount: number | null;
	/** The command tag, e.g. COMMIT, or ROLLBACK when PostgreSQL refused to commit. */
	command?: string;
}

export interface PgQueryable {
	query(text: string, values?: unknown[]): Promise<PgQueryResult>;
}

export interface PgClientLike extends PgQueryable {
	release(error?: Error | boolean): void;
}

export interface PgPoolLike extends PgQueryable {
	connect(): Promise<PgClientLike>;
	end(): Promise<void>;
}

/**
 * How long a ledger transaction may wait for a lock (the head row, the schema lock) and run one
 * statement: without them a session that holds the head row stalls every append for good.
 */
export interface PgTimeouts {
	lockTimeoutMs: number;
	statementTimeoutMs: number;
}

export const DEFAULT_PG_TIMEOUTS: PgTimeouts = Object.freeze({
	lockTimeoutMs: 10_000,
	statementTimeoutMs: 60_000,
});

const MAX_TIMEOUT_MS = 24 * 60 * 60_000;

/** Checks timeouts given by a caller (whole milliseconds, 1 ms to 24 h). */
export function pgTimeoutsOf(options: Partial<PgTimeouts> = {}): PgTimeouts {
	const timeouts = { ...DEFAULT_PG_TIMEOUTS };
	for (const field of ['lockTimeoutMs', 'statementTimeoutMs'] as const) {
		const value = options[field];
		if (value === undefined) continue;
		if (!Number.isInteger(value) || value < 1 || value > MAX_TIMEOUT_MS) {
			throw new LedgerError(
				'invalid_input',
				`Invalid ${field}: expected whole milliseconds from 1 to ${MAX_TIMEOUT_MS} (24 hours)`,
				{ issues: [{ path: field, message: 'expected whole milliseconds from 1 to 86400000' }] },
			);
		}
		timeouts[field] = value;
	}
	return timeouts;
}

/**
 * A clear LedgerError for PostgreSQL's lock and statement timeouts (SQLSTATE 55P03 and 57014);
 * other errors pass unchanged. `lockHolder` names what the lock protects, for the message.
 */
export function explainTimeout(error: unknown, timeouts: PgTimeouts, lockHolder: string): unknown {
	const code = (error as { code?: unknown } | undefined)?.code;
	const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
	if (code === '55P03') {
		return new LedgerError(
			'lock_timeout',
			`Another PostgreSQL session held ${lockHolder} for more than ${seconds(timeouts.lockTimeoutMs)} (lock timeout), so nothing was written. ` +
				'A long or abandoned transaction holds it (an open SQL session, a stuck worker): find it in pg_stat_activity and end it, or raise the lock timeout.',
			{ details: { storage: 'postgres', lockTimeoutMs: timeouts.lockTimeoutMs }, cause: error },
		);
	}
	if (code === '57014' && /statement timeout/i.test(String((error as Error).message))) {
		return new LedgerError(
			'store_failure',
			`A ledger statement ran for more than ${seconds(timeouts.statementTimeoutMs)} and PostgreSQL cancelled it (statement timeout); nothing was written. ` +
				'Check the load and locks of the database, or raise the statement timeout.',
			{
				details: { storage: 'postgres', statementTimeoutMs: timeouts.statementTimeoutMs },
				cause: error,
			},
		);
	}
	return error;
}

/**
 * Runs `work` in one transaction on one pooled connection; rolls back if it throws. The timeouts
 * hold for this transaction only (SET LOCAL), whatever the pool's sessions are set to; 0 turns
 * one off.
 */
export async function inTransaction<T>(
	pool: PgPoolLike,
	work: (client: PgClientLike) => Promise<T>,
	timeouts: PgTimeouts = DEFAULT_PG_TIMEOUTS,
): Promise<T> {
	const client = await pool.connect();
	let outcome: { ok: true; value: T } | { ok: false; error: unknown };
	let broken: Error | undefined;
	try {
		// One round trip; the values are checked integers (pgTimeoutsOf), never user text.
		await client.query(
			`BEGIN; SET LOCAL lock_timeout = ${Math.trunc(timeouts.lockTimeoutMs)}; SET LOCAL statement_timeout = ${Math.trunc(timeouts.statementTimeoutMs)}`,
		);
		const value = await work(client);
		const commit = await client.query('COMMIT');
		// COMMIT of a transaction that hit an error answers ROLLBACK instead of failing.
		outcome =
			commit.command === 'ROLLBACK'
				? {
						ok: false,
						error: storeFailure('PostgreSQL rolled the ledger transaction back', commit),
					}
				: { ok: true, value };
	} catch (error) {
		outcome = { ok: false, error };
		await client.query('ROLLBACK').catch((rollbackError: Error) => {
			// A connection that cannot roll back is not given back to the pool.
			broken = rollbackError;
		});
	} finally {
		client.release(broken);
	}
	if (!outcome.ok) throw outcome.error;
	return outcome.value;
}
