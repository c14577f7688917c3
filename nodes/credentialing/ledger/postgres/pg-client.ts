import { storeFailure } from '../errors';

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

/** Runs `work` in one transaction on one pooled connection; rolls back if it throws. */
export async function inTransaction<T>(
	pool: PgPoolLike,
	work: (client: PgClientLike) => Promise<T>,
): Promise<T> {
	const client = await pool.connect();
	let outcome: { ok: true; value: T } | { ok: false; error: unknown };
	let broken: Error | undefined;
	try {
		await client.query('BEGIN');
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
