import { canonicalJson, sha256Hex } from '../../../nodes/core/domain/canonical';
import { CredentialLedger, isLedgerError, type EntryDraft, type LedgerSigner, type LedgerStore } from '../../../nodes/core/domain/ledger';
import { EmbeddedStore } from '../../../nodes/core/integrations/ledger-storage';
import { ISSUED, decision, removeTempFolders, tempFolder, testSigner } from './support/fixtures';
import {
	dropTables,
	endPools,
	freshPrefix,
	openPgStore,
	postgresAvailable,
} from './support/postgres';

// The same behaviour from every store: what the ledger relies on, checked against each backend.
interface Backend {
	/** Opens a store on a fresh chain; `reopen` opens the same chain again (e.g. with another key). */
	fresh(): Promise<{
		store: LedgerStore;
		reopen(signer: LedgerSigner): Promise<LedgerStore>;
		cleanup(): Promise<void>;
	}>;
}

const embedded: Backend = {
	async fresh() {
		const folder = tempFolder();
		const open = (signer: LedgerSigner) =>
			EmbeddedStore.open({ folder, signer, durability: 'write' });
		return { store: await open(testSigner()), reopen: open, cleanup: async () => undefined };
	},
};

const postgres: Backend = {
	async fresh() {
		const prefix = freshPrefix();
		const { store } = await openPgStore(prefix);
		return {
			store,
			reopen: async (signer) => (await openPgStore(prefix, signer)).store,
			cleanup: () => dropTables(prefix),
		};
	},
};

const backends: Array<[string, Backend]> = [['embedded', embedded]];
if (postgresAvailable) backends.push(['postgres', postgres]);

const AT = '2026-01-05T10:00:00.000Z';
const note = (key: string, i = 0): EntryDraft => ({
	type: 'review',
	key,
	at: AT,
	actor: 't',
	payload: { reason: `note ${i}` },
});

afterAll(async () => {
	removeTempFolders();
	await endPools();
});

describe.each(backends)('%s store', (_name, backend) => {
	let opened: Awaited<ReturnType<Backend['fresh']>>;
	let store: LedgerStore;
	beforeEach(async () => {
		opened = await backend.fresh();
		store = opened.store;
	});
	afterEach(async () => {
		await store.close();
		await opened.cleanup();
	});

	it('appends a linked chain and finds entries by key and learner', async () => {
		const [a, b] = await store.append([
			note('k1'),
			{
				type: 'decided',
				key: 'k2',
				at: AT,
				actor: 't',
				payload: { subject: { learnerId: 'L-7' } },
			},
		]);
		const [c] = await store.append([note('k1', 1)]);
		expect([a.seq, b.seq, c.seq]).toEqual([1, 2, 3]);
		expect(c.prevHash).toBe(b.hash);
		expect(await store.head()).toEqual({ seq: 3, hash: c.hash });
		expect((await store.findByKey('k1')).map((e) => e.seq)).toEqual([1, 3]);
		expect(await store.keysForLearner('L-7')).toEqual(['k2']);
		const all: number[] = [];
		for await (const entry of store.entries()) all.push(entry.seq);
		expect(all).toEqual([1, 2, 3]);
		expect(await store.inspect()).toMatchObject({ status: 'ok', entries: 3 });
	});

	it('finds a credential by the platform and external id of its issued entry', async () => {
		const issued = (key: string, platform: string, externalId: string): EntryDraft => ({
			type: 'issued',
			key,
			at: AT,
			actor: 't',
			payload: { platform, externalId },
		});
		await store.append([
			issued('k1', 'credly', 'b-1'),
			issued('k2', 'credly', 'b-2'),
			// Same id at another platform, and an id only named as a replacement: neither is k1's.
			issued('k3', 'certifier', 'b-1'),
			{
				type: 'superseded',
				key: 'k1',
				at: AT,
				actor: 't',
				payload: { newCredential: { platform: 'credly', externalId: 'b-9' }, reason: 'r' },
			},
		]);
		expect(await store.keysForCredential('credly', 'b-1')).toEqual(['k1']);
		expect(await store.keysForCredential('credly', 'b-2')).toEqual(['k2']);
		expect(await store.keysForCredential('certifier', 'b-1')).toEqual(['k3']);
		expect(await store.keysForCredential('credly', 'b-9')).toEqual([]);
		expect(await store.keysForCredential('credly', 'unknown')).toEqual([]);
		// Found again by a store opened afresh on the same chain (index rebuilt from the lines).
		const again = await opened.reopen(testSigner());
		expect(await again.keysForCredential('credly', 'b-2')).toEqual(['k2']);
		await again.close();
	});

	it('writes nothing from a transaction that throws, in a batch with others that succeed', async () => {
		const hash = sha256Hex(canonicalJson({ x: 1 }));
		const results = await Promise.allSettled([
			store.append([note('a')]),
			store.transact(async (view) => {
				await view.putEvidence(hash, { x: 1 });
				throw new Error('refused');
			}),
			store.append([note('b')]),
		]);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect((await store.head()).seq).toBe(2);
		const lines: string[] = [];
		for await (const batch of store.readLines()) lines.push(...batch.map((l) => l.text));
		expect(lines).toHaveLength(2);
		expect(await store.getEvidence(hash)).toBeUndefined();
	});

	it('stores, checks and erases evidence', async () => {
		const record = { salt: '01', data: { name: 'Ada' } };
		const hash = sha256Hex(canonicalJson(record));
		await store.putEvidence(hash, record);
		await store.putEvidence(hash, record);
		expect(await store.getEvidence(hash)).toEqual(record);
		await expect(store.putEvidence('f'.repeat(64), record)).rejects.toThrow(
			/does not match its hash/,
		);
		expect(await store.eraseEvidence(hash)).toBe(true);
		expect(await store.eraseEvidence(hash)).toBe(false);
		expect(await store.getEvidence(hash)).toBeUndefined();
	});

	it('refuses another key under the same key id', async () => {
		await store.append([note('a')]);
		// The embedded store refuses the key at open (its folder is bound to a key), Postgres at append.
		const error = await opened.reopen(testSigner('k1', 'dummy-other-hmac-0123456789abcdef')).then(
			async (other) => {
				const refused = await other.append([note('b')]).catch((e: unknown) => e);
				await other.close();
				return refused;
			},
			(e: unknown) => e,
		);
		expect(isLedgerError(error, 'invalid_signing_key')).toBe(true);
		expect((await store.head()).seq).toBe(1);
	});

	it('runs the ledger: 50 parallel reservations of 20 keys give 20 new, and the chain verifies', async () => {
		const ledger = new CredentialLedger({ store });
		const calls = Array.from({ length: 50 }, (_, i) => `key-${i % 20}`);
		const results = await Promise.all(
			calls.map(async (key, i) => {
				const result = await ledger.reserve(key, decision(key), {
					actor: `exec-${i}`,
					evidence: { email: `${key}@example.org` },
				});
				if (result.status === 'new')
					await ledger.record(key, 'issued', { ...ISSUED, externalId: key }, `exec-${i}`);
				return result.status;
			}),
		);
		expect(results.filter((s) => s === 'new')).toHaveLength(20);
		expect(
			results.filter((s) => s !== 'new').every((s) => s === 'pending' || s === 'already_issued'),
		).toBe(true);
		expect(await ledger.verify()).toMatchObject({ ok: true, entries: 60 });
		const report = await ledger.erasePersonalData({
			olderThan: new Date(Date.now() + 1000),
			now: new Date(Date.now() + 2000),
			actor: 'retention',
		});
		expect(report.erased).toBe(20);
		expect(await ledger.verify()).toMatchObject({ ok: true, entries: 80 });
		const bundle = await ledger.evidenceBundle('key-3');
		expect(bundle.evidence.map((e) => e.state)).toEqual(['erased']);
		expect((await ledger.exportCsv()).split('\r\n')).toHaveLength(22);
	});

	it('records a claim once: 20 simultaneous claims of 4 credentials append 4 entries', async () => {
		const ledger = new CredentialLedger({ store });
		for (let i = 0; i < 4; i++) {
			await ledger.reserve(`claim-${i}`, decision(`claim-${i}`));
			await ledger.record(`claim-${i}`, 'issued', { ...ISSUED, externalId: `c-${i}` }, 'w');
		}
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				ledger.recordOutcome(`claim-${i % 4}`, 'claimed', {}, `delivery-${i}`),
			),
		);
		expect(results.filter((r) => r.status === 'recorded')).toHaveLength(4);
		// Per credential: decided, reserved, issued, and one claimed.
		expect(await ledger.verify()).toMatchObject({ ok: true, entries: 16 });
	});
});
