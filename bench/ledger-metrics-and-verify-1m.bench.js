// Two figures over one embedded chain of 1,000,000 entries (generated once into a temporary
// folder, not measured, removed after; LEDGER_BENCH_ENTRIES=100000 runs a smaller chain):
// - ledger-metrics-1m: the monitoring metrics (Report → Metrics, grouped by course), beside the
//   same chain's own verify time: both read every line once, so the ratio says what the metrics
//   add to a full read. The playbook-sized promise is <= 5 s.
// - ledger-verify-1m: verifying the chain (every hash, signature and link), beside reading the
//   same file and JSON.parse-ing every line without any hashing.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { chainFileWriter, report, seededRandom, timedMedian } = require('./support');

const ledger = require(path.resolve(__dirname, '../dist/nodes/core/domain/ledger'));
const { EmbeddedStore } = require(
	path.resolve(__dirname, '../dist/nodes/core/integrations/ledger-storage'),
);
const { readChainLines } = require(
	path.resolve(__dirname, '../dist/nodes/core/integrations/ledger-storage/embedded/chain-lines'),
);

const COUNT = Number(process.env.LEDGER_BENCH_ENTRIES ?? 1_000_000);
const ROUNDS = 3;
const START = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

// Entry kinds per credential: most issued, delivered and claimed; some failed, held, escalated.
const LIFECYCLES = [
	...Array(5).fill(['decided', 'reserved', 'issued', 'delivered', 'claimed']),
	...Array(2).fill(['decided', 'reserved', 'issued', 'delivered']),
	['decided', 'reserved', 'failed', 'reserved', 'issued'],
	['held', 'review'],
	['decided', 'reserved', 'failed', 'review'],
	['refused'],
];

function payloadOf(kind, c, completedAt, at, random) {
	switch (kind) {
		case 'decided':
		case 'held':
		case 'refused':
			return {
				subject: {
					learnerId: `L-${c}`,
					courseId: `C-${c % 40}`,
					businessKey: `moodle|L-${c}|C-${c % 40}|${completedAt}`,
				},
				outcome: { decided: 'verified', held: 'needs_review', refused: 'not_eligible' }[kind],
				reasons: [{ code: 'ALL_CRITERIA_MET' }],
				dataPoints: { score: Math.round(random() * 100) },
				ruleSetId: 'rules',
				ruleVersion: '3',
				ruleHash: 'a'.repeat(64),
				decidedAt: at,
			};
		case 'reserved':
			return { attempt: 1 };
		case 'issued':
			return { platform: c % 3 ? 'accredible' : 'credly', externalId: String(100000 + c) };
		case 'failed':
			return { error: 'timed out', retryable: true, attributes: { platform: 'credly' } };
		case 'review':
			return { reason: 'needs a person' };
		case 'claimed':
			return { claimedAt: at };
		default:
			return { channel: 'email' };
	}
}

function generate(file, signer) {
	const random = seededRandom(3);
	const chain = chainFileWriter(file, signer, ledger);
	let written = 0;
	for (let c = 0; written < COUNT; c++) {
		// Entries of one credential a few minutes apart; credentials a second apart in completion.
		let time = START + c * 1000;
		const completedAt = new Date(time).toISOString().replace('.000Z', 'Z');
		for (const kind of LIFECYCLES[c % LIFECYCLES.length]) {
			if (written === COUNT) break;
			time += Math.floor(random() * 30 * MINUTE);
			const at = new Date(time).toISOString();
			const type = kind === 'held' || kind === 'refused' ? 'decided' : kind;
			const draft = {
				type,
				key: `ik_${c.toString(16).padStart(12, '0')}`,
				at,
				actor: 'bench',
				payload: payloadOf(kind, c, completedAt, at, random),
				...(type === 'decided' ? { evidenceHash: 'e'.repeat(64) } : {}),
			};
			chain.append(draft);
			written++;
		}
	}
	return chain.close();
}

const timed = (fn) => timedMedian(fn, ROUNDS);

async function main() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
	try {
		const signer = ledger.hmacSigner({ keyId: 'bench', secret: 'bench-secret-0123456789abcdef' });
		const file = path.join(folder, 'chain.jsonl');
		const head = generate(file, signer);
		const store = await EmbeddedStore.open({ folder, signer, durability: 'write' });
		try {
			const credentialLedger = new ledger.CredentialLedger({ store });
			const period = {
				periodStart: new Date(START).toISOString(),
				periodEnd: new Date(START + 365 * 24 * 60 * MINUTE).toISOString(),
				groupBy: 'course',
			};
			const metrics = await timed(() => credentialLedger.metrics(period));
			const groups = metrics.result;
			const decided = groups.reduce((sum, group) => sum + group.metrics.decided.value, 0);
			if (groups.length !== 40 || decided === 0)
				throw new Error(`unexpected metrics: ${groups.length} groups, ${decided} decided`);
			console.log(`# ${COUNT} entries: ${groups.length} courses, ${decided} completions decided`);
			const verify = await timed(() => credentialLedger.verify({ expectedHead: head }));
			if (!verify.result.ok || verify.result.entries !== COUNT)
				throw new Error(`verification failed: ${JSON.stringify(verify.result)}`);
			const parsed = await timed(async () => {
				let lines = 0;
				for await (const batch of readChainLines(file))
					for (const line of batch) lines += JSON.parse(line.text).seq > 0 ? 1 : 0;
				if (lines !== COUNT) throw new Error('the parse baseline read the wrong number of lines');
			});
			const size = COUNT === 1_000_000 ? '1m' : String(COUNT);
			report(`ledger-metrics-${size}`, metrics.seconds, 's', verify.seconds);
			report(`ledger-verify-${size}`, verify.seconds, 's', parsed.seconds);
		} finally {
			await store.close();
		}
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
