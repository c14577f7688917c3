// Appends per second into the Postgres ledger store with 64 appends in flight (one worker's
// concurrent executions): each batch is one transaction that locks the head row, inserts the
// signed lines and commits (synchronous_commit on). Baseline: the very same lines inserted into
// a plain table by the same group-commit loop (one transaction per batch) without the head
// lock, hashing, signing or validation. Uses LEDGER_PG_URL, or starts a throwaway server with
// scripts/postgres/start.sh (and stops it) when that is not set.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { driveConcurrently, groupCommit, ledgerDraft, medianOfRuns, report } = require('./support');

const ledger = require(path.resolve(__dirname, '../dist/nodes/core/domain/ledger'));
const storage = require(path.resolve(__dirname, '../dist/nodes/core/integrations/ledger-storage'));

const COUNT = Number(process.env.LEDGER_BENCH_APPENDS ?? 10_000);
const IN_FLIGHT = 64;
const ROUNDS = 3;
const signer = ledger.hmacSigner({ keyId: 'bench', secret: 'bench-secret-0123456789abcdef' });
const scripts = path.resolve(__dirname, '../scripts/postgres');

/** Group commit without a ledger: whatever queued while a transaction ran goes in the next one. */
function rawAppender(pool, table) {
	return groupCommit(async (lines) => {
		const client = await pool.connect();
		try {
			await client.query('BEGIN');
			const rows = lines.map((_, i) => `($${i + 1})`).join(', ');
			await client.query(`INSERT INTO ${table} (line) VALUES ${rows}`, lines);
			await client.query('COMMIT');
		} finally {
			client.release();
		}
	});
}

async function main() {
	const { Pool } = require('pg');
	let url = process.env.LEDGER_PG_URL;
	const started = !url;
	if (started)
		url = execFileSync(path.join(scripts, 'start.sh'), {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}).trim();
	const pool = new Pool({ connectionString: url, max: 8 });
	const prefixes = [];
	try {
		let lines = [];
		const ledgerSeconds = await medianOfRuns(async (round) => {
			const prefix = `bench_${process.pid}_${round}`;
			prefixes.push(prefix);
			const store = await storage.PostgresStore.open({ pool, signer, tablePrefix: prefix });
			const start = performance.now();
			await driveConcurrently(COUNT, IN_FLIGHT, (i) => store.append([ledgerDraft(i)]));
			const seconds = (performance.now() - start) / 1000;
			const { rows } = await pool.query(`SELECT line FROM "${prefix}_entries" ORDER BY seq`);
			if (rows.length !== COUNT) throw new Error(`expected ${COUNT} rows, found ${rows.length}`);
			lines = rows.map((row) => row.line);
			return seconds;
		}, ROUNDS);
		const rawSeconds = await medianOfRuns(async (round) => {
			const table = `"bench_raw_${process.pid}_${round}"`;
			await pool.query(`CREATE TABLE ${table} (id bigserial PRIMARY KEY, line text NOT NULL)`);
			const append = rawAppender(pool, table);
			const start = performance.now();
			await driveConcurrently(COUNT, IN_FLIGHT, (i) => append(lines[i]));
			const seconds = (performance.now() - start) / 1000;
			await pool.query(`DROP TABLE ${table}`);
			return seconds;
		}, ROUNDS);
		report('ledger-append-postgres', COUNT / ledgerSeconds, 'appends/s', COUNT / rawSeconds);
	} finally {
		for (const prefix of prefixes) {
			await pool.query(
				`DROP TABLE IF EXISTS "${prefix}_entries", "${prefix}_head", "${prefix}_evidence"`,
			);
			await pool.query(`DROP FUNCTION IF EXISTS "${prefix}_signed_field"(text, text[])`);
		}
		await pool.end();
		if (started)
			execFileSync(path.join(scripts, 'stop.sh'), [url], {
				stdio: ['ignore', 'ignore', 'inherit'],
			});
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
