// Seconds to verify a chain of 1,000,000 entries (every hash, HMAC signature and link), against
// a baseline of reading the same file and JSON.parse-ing every line without any hashing. The
// chain is generated once into a temporary folder (that part is not measured) and removed after.
// LEDGER_BENCH_ENTRIES=100000 runs a smaller chain for a quick look.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { report, seededRandom, timedMedian } = require('./support');

const ledgerDist = path.resolve(__dirname, '../dist/nodes/core/domain/ledger');
const ledger = require(ledgerDist);
const { readChainLines } = require(
	path.resolve(__dirname, '../dist/nodes/core/integrations/ledger-storage/embedded/chain-lines'),
);

const COUNT = Number(process.env.LEDGER_BENCH_ENTRIES ?? 1_000_000);
const ROUNDS = 3;

async function generate(file, signer) {
	const random = seededRandom(1);
	const out = fs.openSync(file, 'w');
	let head = { seq: 0, hash: ledger.GENESIS_HASH };
	let pending = [];
	const started = performance.now();
	for (let i = 0; i < COUNT; i++) {
		const sealed = ledger.sealEntry(draft(i, random), head, signer);
		head = { seq: sealed.entry.seq, hash: sealed.entry.hash };
		pending.push(sealed.line);
		if (pending.length === 10_000) {
			fs.writeSync(out, `${pending.join('\n')}\n`);
			pending = [];
		}
	}
	if (pending.length > 0) fs.writeSync(out, `${pending.join('\n')}\n`);
	fs.closeSync(out);
	return { head, seconds: (performance.now() - started) / 1000 };
}

const TYPES = ['decided', 'reserved', 'issued', 'delivered', 'claimed'];

function draft(i, random) {
	const key = `ik_${(i >> 2).toString(16).padStart(12, '0')}`;
	const type = TYPES[i % TYPES.length];
	const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
	const payload =
		type === 'decided'
			? {
					subject: { learnerId: `L-${i >> 2}`, courseId: 'SAFE-101' },
					outcome: 'verified',
					ruleSetId: 'rules',
					ruleVersion: '3',
					ruleHash: 'a'.repeat(64),
					decidedAt: at,
					dataPoints: { score: Math.round(random() * 100), minutes: 95 },
				}
			: type === 'issued'
				? {
						platform: 'accredible',
						externalId: String(100000 + i),
						url: `https://credentials.example.org/${100000 + i}`,
					}
				: { attempt: 1, note: 'ok' };
	return {
		type,
		key,
		at,
		actor: `workflow:${i % 17}`,
		payload,
		...(type === 'decided' ? { evidenceHash: 'e'.repeat(64) } : {}),
	};
}

const timed = (fn) => timedMedian(fn, ROUNDS);

async function main() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
	try {
		const signer = ledger.hmacSigner({ keyId: 'bench', secret: 'bench-secret-0123456789abcdef' });
		const file = path.join(folder, 'chain.jsonl');
		const generated = await generate(file, signer);
		const size = fs.statSync(file).size;
		console.log(
			`# generated ${COUNT} entries (${(size / 1e6).toFixed(0)} MB) in ${generated.seconds.toFixed(1)} s`,
		);

		const source = () => readChainLines(file);
		const verify = await timed(() =>
			ledger.verifyChain(source, { keyring: [signer], expectedHead: generated.head }),
		);
		if (!verify.result.ok || verify.result.entries !== COUNT)
			throw new Error(`verification failed: ${JSON.stringify(verify.result)}`);

		const baseline = await timed(async () => {
			let parsed = 0;
			for await (const batch of readChainLines(file))
				for (const line of batch) parsed += JSON.parse(line.text).seq > 0 ? 1 : 0;
			if (parsed !== COUNT) throw new Error('baseline read the wrong number of lines');
		});

		const name = COUNT === 1_000_000 ? 'ledger-verify-1m' : `ledger-verify-${COUNT}`;
		report(name, verify.seconds, 's', baseline.seconds);
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
