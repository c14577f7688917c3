// Shared measuring helpers for benchmarks: a warm-up, then the median of several timed rounds,
// so one GC pause or scheduler hiccup does not decide a figure.
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

function medianSeconds(fn, { rounds = 7, warmup = 2 } = {}) {
	for (let i = 0; i < warmup; i++) fn();
	const times = [];
	for (let i = 0; i < rounds; i++) {
		if (global.gc) global.gc();
		const start = performance.now();
		fn();
		times.push((performance.now() - start) / 1000);
	}
	return median(times);
}

function median(values) {
	const sorted = values.slice().sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function formatNumber(value) {
	return value >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

/** Prints one figure in the project's benchmark line format. */
function report(name, value, unit, baseline) {
	const ratio = baseline === 0 ? 'inf' : (value / baseline).toFixed(2);
	console.log(
		`BENCH ${name} ${formatNumber(value)} ${unit} baseline=${formatNumber(baseline)} ratio=${ratio}`,
	);
}

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same data. */
function seededRandom(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Median of `rounds` runs of an async measurement `fn(round)` that returns its own seconds. */
async function medianOfRuns(fn, rounds = 3) {
	const times = [];
	for (let i = 0; i < rounds; i++) {
		if (global.gc) global.gc();
		times.push(await fn(i));
	}
	return median(times);
}

/** Median seconds of `rounds` runs of `fn`, with the last run's result (to check the work done). */
async function timedMedian(fn, rounds = 3) {
	let result;
	const seconds = await medianOfRuns(async () => {
		const start = performance.now();
		result = await fn();
		return (performance.now() - start) / 1000;
	}, rounds);
	return { seconds, result };
}

/** Runs `work(i)` for every i < count, keeping `inFlight` calls pending at any time. */
async function driveConcurrently(count, inFlight, work) {
	let next = 0;
	const lane = async () => {
		while (next < count) await work(next++);
	};
	await Promise.all(Array.from({ length: inFlight }, lane));
}

/**
 * The group-commit loop of the ledger baselines: `commit(lines)` writes one batch, and lines
 * appended meanwhile wait for the next. Returns `append(line)`, resolved once its batch is in.
 */
function groupCommit(commit) {
	let queue = [];
	let busy = false;
	const flush = async () => {
		busy = true;
		while (queue.length > 0) {
			const batch = queue;
			queue = [];
			await commit(batch.map((item) => item.line));
			for (const item of batch) item.resolve();
		}
		busy = false;
	};
	return (line) =>
		new Promise((resolve) => {
			queue.push({ line, resolve });
			if (!busy) void flush();
		});
}

/** The i-th `issued` entry the ledger benchmarks append: distinct keys, realistic payload. */
function ledgerDraft(i) {
	return {
		type: 'issued',
		key: `ik_${i.toString(16).padStart(12, '0')}`,
		at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
		actor: `workflow:${i % 17}`,
		payload: {
			platform: 'accredible',
			externalId: String(100000 + i),
			url: `https://credentials.example.org/${100000 + i}`,
			attempt: 1,
		},
	};
}

/**
 * Writes a signed chain file straight from drafts, without a store, in batches of 10,000 lines:
 * how the large-ledger benchmarks make their chains. `close()` returns the head.
 */
function chainFileWriter(file, signer, ledger) {
	const out = fs.openSync(file, 'w');
	let head = { seq: 0, hash: ledger.GENESIS_HASH };
	let pending = [];
	const flush = () => {
		if (pending.length > 0) fs.writeSync(out, `${pending.join('\n')}\n`);
		pending = [];
	};
	return {
		append(draft) {
			const sealed = ledger.sealEntry(draft, head, signer);
			head = { seq: sealed.entry.seq, hash: sealed.entry.hash };
			pending.push(sealed.line);
			if (pending.length === 10_000) flush();
		},
		close() {
			flush();
			fs.closeSync(out);
			return head;
		},
	};
}

module.exports = {
	chainFileWriter,
	driveConcurrently,
	groupCommit,
	ledgerDraft,
	medianOfRuns,
	medianSeconds,
	report,
	seededRandom,
	timedMedian,
};
