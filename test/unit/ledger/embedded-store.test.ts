import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { canonicalJson, sha256Hex } from '../../../nodes/core/domain/canonical';
import { isLedgerError, type EntryDraft } from '../../../nodes/core/domain/ledger';
import { EmbeddedStore } from '../../../nodes/core/integrations/ledger-storage';
import { removeTempFolders, tempFolder, testSigner } from './support/fixtures';

const AT = '2026-01-05T10:00:00.000Z';
const note = (key: string, i = 0): EntryDraft => ({
	type: 'review',
	key,
	at: AT,
	actor: 'test',
	payload: { reason: `note ${i}` },
});

async function open(
	folder = tempFolder(),
	extra: Partial<Parameters<typeof EmbeddedStore.open>[0]> = {},
) {
	return EmbeddedStore.open({ folder, signer: testSigner(), durability: 'write', ...extra });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of items) out.push(item);
	return out;
}

afterEach(removeTempFolders);

describe('EmbeddedStore appends', () => {
	it('assigns seq and links each entry to the previous one, one line each', async () => {
		const store = await open();
		const [a] = await store.append([note('k1')]);
		const [b, c] = await store.append([note('k2'), note('k1', 1)]);
		expect([a.seq, b.seq, c.seq]).toEqual([1, 2, 3]);
		expect(b.prevHash).toBe(a.hash);
		expect(c.prevHash).toBe(b.hash);
		expect(await store.head()).toEqual({ seq: 3, hash: c.hash });
		expect((await store.findByKey('k1')).map((e) => e.seq)).toEqual([1, 3]);
		expect(await store.findByKey('nope')).toEqual([]);
		const text = readFileSync(join(store.folder, 'chain.jsonl'), 'utf8');
		expect(text.split('\n')).toHaveLength(4);
		expect(text.endsWith('\n')).toBe(true);
		await store.close();
	});

	it('keeps everything across reopening', async () => {
		const folder = tempFolder();
		const first = await open(folder);
		const written = await first.append([note('a'), note('b'), note('a', 2)]);
		await first.close();
		const second = await open(folder);
		expect(await store2Entries(second)).toEqual(written);
		expect((await second.findByKey('a')).map((e) => e.seq)).toEqual([1, 3]);
		const [next] = await second.append([note('c')]);
		expect(next.prevHash).toBe(written[2].hash);
		await second.close();
	});

	it('indexes learners from decided entries', async () => {
		const store = await open();
		await store.append([
			{ type: 'decided', key: 'x', at: AT, actor: 't', payload: { subject: { learnerId: 'L-9' } } },
			{ type: 'decided', key: 'y', at: AT, actor: 't', payload: { subject: { learnerId: 'L-9' } } },
			{ type: 'review', key: 'z', at: AT, actor: 't', payload: { subject: { learnerId: 'L-9' } } },
		]);
		expect(await store.keysForLearner('L-9')).toEqual(['x', 'y']);
		await store.close();
	});

	it('writes nothing when a transaction throws or a draft is invalid', async () => {
		const store = await open();
		await store.append([note('k')]);
		const before = readFileSync(join(store.folder, 'chain.jsonl'));
		await expect(
			store.transact(() => {
				throw new Error('no');
			}),
		).rejects.toThrow('no');
		const bad = { ...note('k'), type: 'bogus' } as unknown as EntryDraft;
		await expect(store.append([note('k'), bad])).rejects.toThrow(/type/);
		await expect(store.append([{ ...note('k'), payload: { n: Number.NaN } }])).rejects.toThrow(
			/payload/,
		);
		expect(readFileSync(join(store.folder, 'chain.jsonl'))).toEqual(before);
		expect((await store.head()).seq).toBe(1);
		await store.close();
	});

	it('serialises parallel transactions: each sees the ones before it', async () => {
		const store = await open();
		const results = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				store.transact(async (view) => {
					const seen = (await view.entriesFor('shared')).length;
					return { drafts: [note('shared', i)], value: seen };
				}),
			),
		);
		expect(results.map((r) => r.value).sort((a, b) => a - b)).toEqual(
			Array.from({ length: 40 }, (_, i) => i),
		);
		expect(results.flatMap((r) => r.entries.map((e) => e.seq)).sort((a, b) => a - b)).toEqual(
			Array.from({ length: 40 }, (_, i) => i + 1),
		);
		await store.close();
	});

	it('keeps the index exact while reads and appends interleave', async () => {
		const folder = tempFolder();
		const [writer, reader] = await Promise.all([
			open(folder, { durability: 'fsync' }),
			open(folder),
		]);
		const seen: number[] = [];
		await Promise.all(
			Array.from({ length: 60 }, async (_, i) => {
				await writer.append([note('hot', i)]);
				seen.push((await reader.findByKey('hot')).length);
				seen.push((await reader.head()).seq);
			}),
		);
		const entries = await reader.findByKey('hot');
		expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
		expect(Math.max(...seen)).toBe(60);
		await writer.close();
		await reader.close();
	});

	it('shares one head between two stores opened on the same folder', async () => {
		const folder = tempFolder();
		const [one, two] = await Promise.all([open(folder), open(folder)]);
		await Promise.all(
			Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).append([note(`k${i}`)])),
		);
		const seqs = (await collect(one.entries())).map((e) => e.seq);
		expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		await one.close();
		await two.close();
	});

	it('refuses a different key under the same key id, and accepts a new key id (rotation)', async () => {
		const folder = tempFolder();
		const first = await open(folder);
		await first.append([note('a')]);
		await first.close();
		const otherSecret = 'dummy-other-hmac-0123456789abcdef';
		const error = await open(folder, { signer: testSigner('k1', otherSecret) }).catch(
			(e: unknown) => e,
		);
		expect(isLedgerError(error, 'invalid_signing_key')).toBe(true);
		expect((error as Error).message).toMatch(/named "k1" is not the key that set up this ledger/);
		expect(JSON.stringify({ error, message: (error as Error).message })).not.toContain(otherSecret);
		const rotated = await open(folder, {
			signer: testSigner('k2', otherSecret),
			retired: [testSigner()],
		});
		expect((await rotated.append([note('b')]))[0]).toMatchObject({ seq: 2, keyId: 'k2' });
		await rotated.close();
	});

	it('finishes queued appends before closing, and refuses new ones after', async () => {
		const store = await open();
		const pending = Array.from({ length: 30 }, (_, i) => store.append([note('k', i)]));
		await store.close();
		expect((await Promise.all(pending)).flat()).toHaveLength(30);
		await expect(store.append([note('k')])).rejects.toThrow(/closed/);
		const reopened = await open(store.folder);
		expect((await reopened.head()).seq).toBe(30);
		await reopened.close();
	});

	it('syncs to disk in fsync mode', async () => {
		const store = await open(tempFolder(), { durability: 'fsync' });
		const entries = await Promise.all(
			Array.from({ length: 10 }, (_, i) => store.append([note('k', i)])),
		);
		expect(entries.flat()).toHaveLength(10);
		await store.close();
	});
});

async function store2Entries(store: EmbeddedStore) {
	return collect(store.entries());
}

describe('EmbeddedStore evidence', () => {
	it('stores evidence apart, checks its hash, and erases it', async () => {
		const store = await open(tempFolder(), { durability: 'fsync' });
		const record = { salt: 'ab', data: { email: 'ada@example.org' } };
		const hash = sha256Hex(canonicalJson(record));
		await store.putEvidence(hash, record);
		expect(await store.getEvidence(hash)).toEqual(record);
		const file = join(store.folder, 'evidence', `${hash}.json`);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		await expect(store.putEvidence('c'.repeat(64), record)).rejects.toThrow(
			/does not match its hash/,
		);
		await expect(store.getEvidence('../chain')).rejects.toThrow(/64 lowercase hex/);
		expect(await store.eraseEvidence(hash)).toBe(true);
		expect(await store.eraseEvidence(hash)).toBe(false);
		expect(await store.getEvidence(hash)).toBeUndefined();
		expect(readdirSync(join(store.folder, 'evidence'))).toEqual([]);
		await store.close();
	});
});
