import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	CredentialLedger,
	EvidenceCipher,
	isLedgerError,
	type LedgerStore,
} from '../../../nodes/core/domain/ledger';
import { EmbeddedStore, PostgresStore } from '../../../nodes/core/integrations/ledger-storage';
import { ISSUED, decision, removeTempFolders, tempFolder, testSigner } from './support/fixtures';
import { dropTables, endPools, freshPrefix, postgresAvailable, testPool } from './support/postgres';

jest.setTimeout(60_000);

const EMAIL = 'ada.lovelace@example.org';
const KEY_A = randomBytes(32).toString('base64');
const KEY_B = randomBytes(32).toString('base64');

/** One store kind, opened again and again on the same place, with raw access to what it keeps. */
interface StoreKind {
	name: string;
	open(cipher: EvidenceCipher | undefined): Promise<LedgerStore>;
	/** Every stored evidence text as is: hash -> text. */
	raw(): Promise<Map<string, string>>;
	overwrite(hash: string, text: string): Promise<void>;
	cleanUp(): Promise<void>;
}

function embeddedKind(): StoreKind {
	const folder = tempFolder();
	const evidence = join(folder, 'evidence');
	return {
		name: 'embedded',
		open: (evidenceCipher) =>
			EmbeddedStore.open({ folder, signer: testSigner(), durability: 'write', evidenceCipher }),
		raw: async () =>
			new Map(
				readdirSync(evidence).map((file) => [
					file.replace(/\.json$/, ''),
					readFileSync(join(evidence, file), 'utf8'),
				]),
			),
		overwrite: async (hash, text) => writeFileSync(join(evidence, `${hash}.json`), text),
		cleanUp: async () => removeTempFolders(),
	};
}

function postgresKind(): StoreKind {
	const prefix = freshPrefix();
	const table = `"${prefix}_evidence"`;
	return {
		name: 'postgres',
		open: async (evidenceCipher) =>
			PostgresStore.open({
				pool: await testPool(),
				signer: testSigner(),
				tablePrefix: prefix,
				evidenceCipher,
			}),
		raw: async () => {
			const { rows } = await (await testPool()).query(`SELECT hash, record FROM ${table}`);
			return new Map(rows.map((row) => [String(row.hash), String(row.record)]));
		},
		overwrite: async (hash, text) => {
			await (
				await testPool()
			).query(`UPDATE ${table} SET record = $2 WHERE hash = $1`, [hash, text]);
		},
		cleanUp: () => dropTables(prefix),
	};
}

const kinds: Array<[string, () => StoreKind]> = [['embedded', embeddedKind]];
if (postgresAvailable) kinds.push(['postgres', postgresKind]);

afterAll(endPools);

async function reserveWithEvidence(store: LedgerStore, key: string, evidence: unknown) {
	const ledger = new CredentialLedger({ store });
	await ledger.reserve(key, decision(key), { evidence });
	return ledger;
}

async function recordsOf(ledger: CredentialLedger, key: string) {
	return (await ledger.evidenceBundle(key)).evidence.map((item) => item.record);
}

/** The error reading `key`'s evidence gives, checked to leak neither keys nor evidence. */
async function readFailure(ledger: CredentialLedger, key: string): Promise<Error> {
	const error = await ledger.evidenceBundle(key).then(
		() => undefined,
		(caught: Error) => caught,
	);
	if (!error) throw new Error('expected reading the evidence to fail');
	expect(isLedgerError(error, 'evidence_key')).toBe(true);
	const shown = `${error.message} ${JSON.stringify(error)}`;
	for (const secret of [EMAIL, KEY_A, KEY_B]) expect(shown).not.toContain(secret);
	return error;
}

describe.each(kinds)('evidence encrypted at rest: %s store', (_name, makeKind) => {
	let kind: StoreKind;
	beforeEach(() => {
		kind = makeKind();
	});
	afterEach(async () => kind.cleanUp());

	it('keeps no plaintext at rest, reads it back, and the chain, export and erasure still work', async () => {
		const cipher = EvidenceCipher.fromKeyList(KEY_A)!;
		const store = await kind.open(cipher);
		const ledger = await reserveWithEvidence(store, 'k1', { email: EMAIL });
		await ledger.record('k1', 'issued', ISSUED, 'w', { evidence: { recipient: EMAIL } });

		const raw = await kind.raw();
		expect(raw.size).toBe(2);
		for (const text of raw.values()) {
			expect(text).not.toContain(EMAIL);
			expect(text).toMatch(new RegExp(`^aes-256-gcm:${cipher.currentKeyId}:`));
		}
		expect(await recordsOf(ledger, 'k1')).toEqual([
			expect.objectContaining({ data: { email: EMAIL } }),
			expect.objectContaining({ data: { recipient: EMAIL } }),
		]);
		// The chain's evidence hash covers the plain record, so verification is unchanged.
		expect(await ledger.verify()).toMatchObject({ ok: true, entries: 3 });
		expect(await ledger.exportCsv()).toContain('k1');
		const report = await ledger.erasePersonalData({
			olderThan: new Date(Date.now() + 1),
			now: new Date(Date.now() + 1),
			actor: 'retention-job',
		});
		expect(report.erased).toBe(2);
		expect((await kind.raw()).size).toBe(0);
		await store.close();
	});

	it('refuses altered ciphertext, or ciphertext moved under another hash, with a clear error', async () => {
		const store = await kind.open(EvidenceCipher.fromKeyList(KEY_A));
		const ledger = await reserveWithEvidence(store, 'k1', { email: EMAIL });
		await reserveWithEvidence(store, 'k2', { email: 'grace@example.org' });
		const [hash1, hash2] = await Promise.all(
			['k1', 'k2'].map(async (key) => (await ledger.evidenceBundle(key)).evidence[0].hash),
		);
		const raw = await kind.raw();
		const [text1, text2] = [raw.get(hash1)!, raw.get(hash2)!];
		const flipped = text1.slice(0, -2) + (text1.at(-2) === 'A' ? 'B' : 'A') + text1.at(-1);
		await kind.overwrite(hash1, flipped);
		const error = await readFailure(ledger, 'k1');
		expect(error.message).toMatch(/fails its integrity check .*Evidence Encryption Key/);

		await kind.overwrite(hash1, 'aes-256-gcm:cut-short');
		expect((await readFailure(ledger, 'k1')).message).toMatch(/fails its integrity check/);

		await kind.overwrite(hash1, text2);
		await kind.overwrite(hash2, text1);
		expect((await readFailure(ledger, 'k1')).message).toContain(hash1);
		await store.close();
	});

	it('rotates: the first key encrypts, older keys still decrypt, a dropped key is named', async () => {
		const before = await kind.open(EvidenceCipher.fromKeyList(KEY_A));
		await reserveWithEvidence(before, 'old', { email: EMAIL });
		await before.close();

		const rotated = EvidenceCipher.fromKeyList(`${KEY_B}\n${KEY_A}`)!;
		const after = await kind.open(rotated);
		const ledger = await reserveWithEvidence(after, 'new', { email: 'new@example.org' });
		expect(await recordsOf(ledger, 'old')).toEqual([
			expect.objectContaining({ data: { email: EMAIL } }),
		]);
		const ids = [...(await kind.raw()).values()].map((text) => text.split(':')[1]);
		const keyA = EvidenceCipher.fromKeyList(KEY_A)!.currentKeyId;
		expect(ids.sort()).toEqual([keyA, rotated.currentKeyId].sort());
		await after.close();

		const onlyB = await kind.open(EvidenceCipher.fromKeyList(KEY_B));
		const withoutA = new CredentialLedger({ store: onlyB });
		expect(await recordsOf(withoutA, 'new')).toEqual([
			expect.objectContaining({ data: { email: 'new@example.org' } }),
		]);
		const error = await readFailure(withoutA, 'old');
		expect(error.message).toContain(
			`encrypted with key ${keyA}, which the Evidence Encryption Key field does not hold`,
		);
		await onlyB.close();
	});

	it('reads evidence written before encryption beside new encrypted evidence', async () => {
		const plain = await kind.open(undefined);
		await reserveWithEvidence(plain, 'plain', { email: EMAIL });
		expect([...(await kind.raw()).values()][0]).toContain(EMAIL);
		await plain.close();

		const encrypted = await kind.open(EvidenceCipher.fromKeyList(KEY_A));
		const ledger = await reserveWithEvidence(encrypted, 'sealed', { email: 'new@example.org' });
		expect(await recordsOf(ledger, 'plain')).toEqual([
			expect.objectContaining({ data: { email: EMAIL } }),
		]);
		expect(await recordsOf(ledger, 'sealed')).toEqual([
			expect.objectContaining({ data: { email: 'new@example.org' } }),
		]);
		expect(await ledger.verify()).toMatchObject({ ok: true, entries: 4 });
		await encrypted.close();

		// Dropping the key later does not expose anything: encrypted evidence is refused by name.
		const keyless = new CredentialLedger({ store: await kind.open(undefined) });
		expect((await readFailure(keyless, 'sealed')).message).toMatch(
			/is encrypted, but the Evidence Encryption Key field .* is empty/,
		);
		await keyless.store.close();
	});
});

describe('EvidenceCipher.fromKeyList', () => {
	it('is undefined for an empty field, so evidence stays plain as before', () => {
		expect(EvidenceCipher.fromKeyList('')).toBeUndefined();
		expect(EvidenceCipher.fromKeyList(' \n ,')).toBeUndefined();
	});

	it.each([
		['p@ss-w0rd!', 'line 1: the key is not base64'],
		[randomBytes(16).toString('base64'), 'line 1: the key decodes to 16 bytes, not 32'],
		[`${KEY_A}\n${randomBytes(31).toString('base64')}`, 'line 2: the key decodes to 31 bytes'],
	])('refuses %j, naming the field and line without echoing the key', (field, expected) => {
		let error: Error | undefined;
		try {
			EvidenceCipher.fromKeyList(field);
		} catch (caught) {
			error = caught as Error;
		}
		expect(error?.message).toContain(`Evidence Encryption Key, ${expected}`);
		expect(error?.message).toContain('openssl rand -base64 32');
		for (const line of field.split('\n')) expect(error?.message).not.toContain(line);
	});

	it('names a key by a fingerprint that differs per key and never contains the key', () => {
		const a = EvidenceCipher.fromKeyList(KEY_A)!;
		const b = EvidenceCipher.fromKeyList(`${KEY_B},${KEY_A}`)!;
		expect(a.currentKeyId).toMatch(/^[0-9a-f]{16}$/);
		expect(b.currentKeyId).not.toBe(a.currentKeyId);
		expect(Buffer.from(KEY_A, 'base64').toString('hex')).not.toContain(a.currentKeyId);
	});
});
