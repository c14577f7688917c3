// Transactions that arrive together are written as one batch; their private evidence is written
// together too (files synced, the folder synced once), before any of their lines. Every record
// must be readable afterwards, and a batch whose evidence cannot be written is refused whole:
// no line of it reaches the chain, whatever job the failure came from.
import { decideBatch, type TransactJob } from '../../../nodes/core/domain/ledger/transaction-batch';
import { EvidenceFolder } from '../../../nodes/core/integrations/ledger-storage/embedded/evidence-folder';
import { decision, openTestLedger, removeTempFolders, testSigner } from './support/fixtures';

afterEach(() => {
	jest.restoreAllMocks();
	removeTempFolders();
});

const GENESIS = { seq: 0, hash: '0'.repeat(64) };

test('reservations made together store their evidence in shared writes, each record readable', async () => {
	const putMany = jest.spyOn(EvidenceFolder.prototype, 'putMany');
	const { ledger, store } = await openTestLedger({ durability: 'fsync' });
	const learners = Array.from({ length: 24 }, (_, index) => `L-${index}`);
	const reserved = await Promise.all(
		learners.map((learner) =>
			ledger.reserve(`key-${learner}`, decision(learner), {
				evidence: { learner: { id: learner, email: `${learner}@example.org` } },
			}),
		),
	);
	expect(reserved.map((result) => result.status)).toEqual(learners.map(() => 'new'));
	// Fewer writes than reservations: the ones that arrived together went as one.
	expect(putMany.mock.calls.length).toBeLessThan(learners.length);
	expect(putMany.mock.calls.flatMap(([records]) => records)).toHaveLength(learners.length);
	for (const learner of learners) {
		const [status] = await ledger.status({ key: `key-${learner}` });
		expect(status.state).toBe('reserved');
		const hashes = status.evidenceHashes;
		expect(hashes).toHaveLength(1);
		const record = (await store.getEvidence(hashes[0])) as { data: unknown };
		expect(record.data).toEqual({ learner: { id: learner, email: `${learner}@example.org` } });
	}
	expect((await ledger.verify()).ok).toBe(true);
});

test('a batch whose evidence cannot be written is refused whole, jobs without evidence too', async () => {
	const job = (withEvidence: boolean, seen: unknown[]): TransactJob => ({
		decide: async (view) => {
			if (withEvidence) await view.putEvidence('a'.repeat(64), { private: true });
			return {
				drafts: [
					{
						type: 'decided',
						key: `k-${seen.length}`,
						at: '2026-05-04T09:30:00.000Z',
						actor: 'test',
						payload: {},
					},
				],
				value: 'ok',
			};
		},
		resolve: (result) => seen.push(['resolved', result.value]),
		reject: (error) => seen.push(['rejected', (error as Error).message]),
	});
	const seen: unknown[] = [];
	const decided = await decideBatch([job(false, seen), job(true, seen), job(false, seen)], {
		head: GENESIS,
		signer: testSigner(),
		storedEntries: async () => [],
		putEvidence: async () => {
			throw new Error('one record at a time is not how this store writes');
		},
		putEvidenceMany: async () => {
			throw new Error('disk full');
		},
	});
	expect(decided.sealed).toEqual([]);
	decided.settle();
	expect(seen).toEqual([
		['rejected', 'disk full'],
		['rejected', 'disk full'],
		['rejected', 'disk full'],
	]);
});

test('a store without batched evidence writes each job’s evidence as before', async () => {
	const puts: string[] = [];
	const seen: unknown[] = [];
	const job: TransactJob = {
		decide: async (view) => {
			await view.putEvidence('b'.repeat(64), { private: true });
			return {
				drafts: [
					{ type: 'decided', key: 'k', at: '2026-05-04T09:30:00.000Z', actor: 'test', payload: {} },
				],
				value: 'ok',
			};
		},
		resolve: (result) => seen.push(result.value),
		reject: (error) => seen.push(error),
	};
	const decided = await decideBatch([job], {
		head: GENESIS,
		signer: testSigner(),
		storedEntries: async () => [],
		putEvidence: async (hash) => {
			puts.push(hash);
		},
	});
	expect(puts).toEqual(['b'.repeat(64)]);
	expect(decided.sealed).toHaveLength(1);
	decided.settle();
	expect(seen).toEqual(['ok']);
});
