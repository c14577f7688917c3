// Appends per second into the embedded ledger store in its default durability mode ('fsync':
// an append resolves only after its batch is on disk), with 64 appends in flight as concurrent
// n8n executions would issue them. Baseline: the very same lines appended to a plain file by the
// same group-commit loop (write, then fdatasync, per batch) without hashing, signing, locking,
// validation or indexing. The ratio is the price of the ledger itself at equal durability.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { driveConcurrently, groupCommit, ledgerDraft, medianOfRuns, report } = require('./support');

const ledger = require(path.resolve(__dirname, '../dist/nodes/core/domain/ledger'));
const storage = require(path.resolve(__dirname, '../dist/nodes/core/integrations/ledger-storage'));

const COUNT = Number(process.env.LEDGER_BENCH_APPENDS ?? 20_000);
const IN_FLIGHT = 64;
const ROUNDS = 3;
const signer = ledger.hmacSigner({ keyId: 'bench', secret: 'bench-secret-0123456789abcdef' });

/** Group commit without a ledger: whatever queued while a batch was syncing goes in the next. */
function rawAppender(file) {
	const handle = fs.openSync(file, 'a');
	return {
		append: groupCommit(async (lines) => {
			fs.writeSync(handle, lines.join(''));
			await new Promise((resolve, reject) =>
				fs.fdatasync(handle, (error) => (error ? reject(error) : resolve())),
			);
		}),
		close: () => fs.closeSync(handle),
	};
}

async function ledgerRun(durability, inFlight = IN_FLIGHT, count = COUNT) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-append-'));
	try {
		const store = await storage.EmbeddedStore.open({ folder, signer, durability });
		const start = performance.now();
		await driveConcurrently(count, inFlight, (i) => store.append([ledgerDraft(i)]));
		const seconds = (performance.now() - start) / 1000;
		await store.close();
		const lines = fs
			.readFileSync(path.join(folder, 'chain.jsonl'), 'utf8')
			.split('\n')
			.slice(0, -1);
		if (lines.length !== count) throw new Error(`expected ${count} lines, found ${lines.length}`);
		return { seconds, lines };
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

async function rawRun(lines) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-append-raw-'));
	try {
		const raw = rawAppender(path.join(folder, 'raw.jsonl'));
		const start = performance.now();
		await driveConcurrently(COUNT, IN_FLIGHT, (i) => raw.append(`${lines[i]}\n`));
		const seconds = (performance.now() - start) / 1000;
		raw.close();
		return seconds;
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

async function main() {
	const { lines } = await ledgerRun('fsync');
	const ledgerSeconds = await medianOfRuns(async () => (await ledgerRun('fsync')).seconds, ROUNDS);
	const rawSeconds = await medianOfRuns(() => rawRun(lines), ROUNDS);
	const sequential = await ledgerRun('fsync', 1, 500);
	const written = await ledgerRun('write', IN_FLIGHT);
	console.log(
		`# for information: one append at a time with fsync ${(500 / sequential.seconds).toFixed(0)}/s; 'write' durability with ${IN_FLIGHT} in flight ${(COUNT / written.seconds).toFixed(0)}/s`,
	);
	report('ledger-append-embedded', COUNT / ledgerSeconds, 'appends/s', COUNT / rawSeconds);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
