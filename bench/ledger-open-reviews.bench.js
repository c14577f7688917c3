// Seconds to list the open reviews and the due retries of a chain of 250,000 entries (one
// fold of the whole chain each), against a baseline of iterating the same store's entries
// without folding them. A tenth of the credentials wait for a person and a fifth failed, as a
// busy ledger after an outage would look. The chain is generated once into a temporary folder
// (not measured) and removed after. 250,000 keeps the CI run short (a 1,000,000-entry run took
// 86 s of wall time for the same ratio, 1.04); LEDGER_BENCH_ENTRIES=1000000 runs the larger chain.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { chainFileWriter, report, timedMedian } = require('./support');

const ledger = require(path.resolve(__dirname, '../dist/nodes/core/domain/ledger'));
const { EmbeddedStore } = require(
	path.resolve(__dirname, '../dist/nodes/core/integrations/ledger-storage'),
);

const COUNT = Number(process.env.LEDGER_BENCH_ENTRIES ?? 250_000);
const ROUNDS = 3;
const START = Date.UTC(2026, 0, 1);

// The entries of credential c, by its kind: issued and delivered, failed, held, escalated.
const LIFECYCLES = [
	...Array(7).fill(['decided', 'reserved', 'issued', 'delivered']),
	['decided', 'reserved', 'failed'],
	['held'],
	['decided', 'reserved', 'failed', 'review'],
];

function payloadOf(type, c, at) {
	switch (type) {
		case 'decided':
		case 'held':
			return {
				subject: { learnerId: `L-${c}`, courseId: `C-${c % 40}` },
				outcome: type === 'held' ? 'needs_review' : 'verified',
				reasons: [{ code: type === 'held' ? 'TIME_AT_MINIMUM' : 'ALL_CRITERIA_MET' }],
				ruleSetId: 'rules',
				ruleVersion: '3',
				ruleHash: 'a'.repeat(64),
				decidedAt: at,
			};
		case 'reserved':
			return { attempt: 1, pendingTimeoutMs: 900_000 };
		case 'issued':
			return { platform: 'accredible', externalId: String(100000 + c), attempt: 1 };
		case 'failed':
			return {
				error: 'timed out',
				retryable: true,
				attempt: 1,
				attributes: { platform: 'accredible' },
			};
		case 'review':
			return { reason: 'issuance_failed' };
		default:
			return { channel: 'email' };
	}
}

function generate(file, signer) {
	const chain = chainFileWriter(file, signer, ledger);
	let written = 0;
	for (let c = 0; written < COUNT; c++) {
		for (const kind of LIFECYCLES[c % LIFECYCLES.length]) {
			if (written === COUNT) break;
			const at = new Date(START + written * 1000).toISOString();
			const type = kind === 'held' ? 'decided' : kind;
			const draft = {
				type,
				key: `ik_${c.toString(16).padStart(12, '0')}`,
				at,
				actor: 'bench',
				payload: payloadOf(kind, c, at),
			};
			chain.append(draft);
			written++;
		}
	}
	chain.close();
}

const timed = (fn) => timedMedian(fn, ROUNDS);

async function main() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
	try {
		const signer = ledger.hmacSigner({ keyId: 'bench', secret: 'bench-secret-0123456789abcdef' });
		generate(path.join(folder, 'chain.jsonl'), signer);
		const store = await EmbeddedStore.open({ folder, signer, durability: 'write' });
		try {
			const credentialLedger = new ledger.CredentialLedger({ store });
			const now = new Date(START + COUNT * 1000 + 3_600_000);
			const listing = await timed(async () => ({
				reviews: await credentialLedger.listOpenReviews({ now }),
				retries: await credentialLedger.listDueRetries({ now }),
			}));
			const { reviews, retries } = listing.result;
			if (reviews.length === 0 || retries.due.length === 0 || retries.outages.length !== 0)
				throw new Error(`unexpected listing: ${reviews.length} reviews, ${retries.due.length} due`);
			console.log(
				`# ${COUNT} entries: ${reviews.length} open reviews, ${retries.due.length} retries due`,
			);
			// Two listings, each one fold; the baseline reads the same entries twice without folding.
			const baseline = await timed(async () => {
				let seen = 0;
				for (let pass = 0; pass < 2; pass++)
					for await (const entry of store.entries()) seen += entry.seq > 0 ? 1 : 0;
				if (seen !== 2 * COUNT) throw new Error('baseline read the wrong number of entries');
			});
			const name = `ledger-open-reviews-${COUNT >= 1_000_000 ? `${COUNT / 1_000_000}m` : `${COUNT / 1000}k`}`;
			report(name, listing.seconds, 's', baseline.seconds);
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
