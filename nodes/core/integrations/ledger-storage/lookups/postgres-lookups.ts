import {
	isLookupSubject,
	type LookupCounter,
	type LookupTally,
} from '../../../domain/ledger/lookups';
import type { MetricsPeriod } from '../../../domain/ledger/metrics-scan';
import { inTransaction, type PgPoolLike } from '../postgres/pg-client';
import { ledgerTables } from '../postgres/schema';

const COUNT_TIMEOUTS = { lockTimeoutMs: 2000, statementTimeoutMs: 2000 };

/**
 * Lookups of a PostgreSQL ledger, in its own table `<prefix>_lookups` (one row per hour and
 * subject, incremented in place), so every worker in queue mode counts into the same rows and
 * the chain tables are never touched. Created on first use.
 */
export class PostgresLookupCounter implements LookupCounter {
	private readonly table: string;
	private readonly prefix: string;
	private ready: Promise<void> | undefined;

	constructor(
		private readonly pool: PgPoolLike,
		options: { tablePrefix?: string; schema?: string } = {},
	) {
		// Checks the prefix and schema as the ledger's own tables do.
		this.prefix = ledgerTables(options.tablePrefix, options.schema).prefix;
		const name = `${this.prefix}_lookups`;
		this.table = options.schema ? `"${options.schema}"."${name}"` : `"${name}"`;
	}

	async add(tallies: ReadonlyArray<LookupTally>): Promise<void> {
		if (tallies.length === 0) return;
		await this.ensureTable();
		const rows = tallies.map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`);
		const values = tallies.flatMap(({ hour, subject, count }) => [hour, subject, count]);
		// Short timeouts: a stuck row must not hold the counts of this process behind it for long.
		await inTransaction(
			this.pool,
			(client) =>
				client.query(
					`INSERT INTO ${this.table} (hour, subject, count) VALUES ${rows.join(', ')}
					ON CONFLICT (hour, subject) DO UPDATE SET count = ${this.table}.count + EXCLUDED.count`,
					values,
				),
			COUNT_TIMEOUTS,
		);
	}

	async tallies(period: MetricsPeriod): Promise<LookupTally[]> {
		await this.ensureTable();
		const { rows } = await this.pool.query(
			`SELECT hour, subject, count FROM ${this.table} WHERE hour >= $1 AND hour < $2`,
			[new Date(period.from).toISOString(), new Date(period.to).toISOString()],
		);
		return rows.flatMap(({ hour, subject, count }) =>
			typeof subject === 'string' && isLookupSubject(subject)
				? [{ hour: new Date(hour as Date | string).toISOString(), subject, count: Number(count) }]
				: [],
		);
	}

	// CREATE TABLE IF NOT EXISTS races between workers starting together: an advisory lock orders them.
	private ensureTable(): Promise<void> {
		this.ready ??= inTransaction(this.pool, async (client) => {
			await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.prefix} lookups`]);
			await client.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
				hour timestamptz NOT NULL,
				subject text NOT NULL,
				count bigint NOT NULL,
				PRIMARY KEY (hour, subject)
			)`);
		}).catch((error: unknown) => {
			this.ready = undefined;
			throw error;
		});
		return this.ready;
	}
}
