// A ledger folder belongs to the key that created it: another key is refused before anything in
// the folder is read or changed; a rotation done in the same credential still opens it.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { canonicalJson, sha256Hex } from '../../../nodes/core/domain/canonical';
import { ed25519Signer, generateEd25519KeyPair, isLedgerError, verifierFromPublicKey, type EntryDraft } from '../../../nodes/core/domain/ledger';
import { EmbeddedStore, type EmbeddedStoreOptions } from '../../../nodes/core/integrations/ledger-storage';
import { removeTempFolders, tempFolder, testSigner } from './support/fixtures';

const note = (key: string): EntryDraft => ({
	type: 'review',
	key,
	at: '2026-01-05T10:00:00.000Z',
	actor: 'test',
	payload: { reason: 'note' },
});

const OTHER_SECRET = 'dummy-other-hmac-0123456789abcdef';

function open(folder: string, options: Partial<EmbeddedStoreOptions> = {}) {
	return EmbeddedStore.open({ folder, signer: testSigner(), durability: 'write', ...options });
}

/** Every file of the folder with its bytes and modification time: what "nothing changed" means. */
function snapshot(folder: string): Record<string, string> {
	const out: Record<string, string> = {};
	const walk = (dir: string) => {
		for (const name of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, name.name);
			if (name.isDirectory()) walk(path);
			else out[path] = `${statSync(path).mtimeMs}|${readFileSync(path, 'base64')}`;
		}
	};
	walk(folder);
	return out;
}

async function ledgerWithOneEntry(options: Partial<EmbeddedStoreOptions> = {}): Promise<string> {
	const folder = tempFolder();
	const store = await open(folder, options);
	await store.append([note('a')]);
	const evidence = { learner: 'private' };
	await store.putEvidence(sha256Hex(canonicalJson(evidence)), evidence);
	await store.close();
	return folder;
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
	return promise.then(
		() => new Error('expected the open to be refused'),
		(error: unknown) => error,
	);
}

afterEach(removeTempFolders);

describe('a ledger folder is bound to its signing key', () => {
	it('refuses a folder created with key A when opened with key B, and changes nothing in it', async () => {
		const folder = await ledgerWithOneEntry();
		const before = snapshot(folder);
		const error = await refusal(open(folder, { signer: testSigner('k-b', OTHER_SECRET) }));
		expect(isLedgerError(error, 'invalid_signing_key')).toBe(true);
		expect((error as Error).message).toMatch(/belongs to another signing key/);
		expect(JSON.stringify({ error, m: (error as Error).message })).not.toContain(OTHER_SECRET);
		expect(snapshot(folder)).toEqual(before);
	});

	it('refuses a different key under the same key id at open', async () => {
		const folder = await ledgerWithOneEntry();
		const before = snapshot(folder);
		const error = await refusal(open(folder, { signer: testSigner('k1', OTHER_SECRET) }));
		expect(isLedgerError(error, 'invalid_signing_key')).toBe(true);
		expect((error as Error).message).toMatch(/named "k1" is not the key that set up this ledger/);
		expect(snapshot(folder)).toEqual(before);
	});

	it('refuses a retired public key claimed by another owner, and accepts it for the same owner', async () => {
		const old = generateEd25519KeyPair();
		const oldSigner = ed25519Signer({ privateKeyPem: old.privateKeyPem, keyId: 'ed-old' });
		const folder = await ledgerWithOneEntry({ signer: oldSigner, owner: 'credential-1' });
		const next = ed25519Signer({ privateKeyPem: generateEd25519KeyPair().privateKeyPem });
		const publicOnly = verifierFromPublicKey(old.publicKeyPem, 'ed-old');
		const before = snapshot(folder);

		// The public key is no secret: naming it under Retired Keys of another credential proves nothing.
		const stranger = await refusal(
			open(folder, { signer: next, retired: [publicOnly], owner: 'credential-2' }),
		);
		expect(isLedgerError(stranger, 'invalid_signing_key')).toBe(true);
		expect(snapshot(folder)).toEqual(before);

		const rotated = await open(folder, {
			signer: next,
			retired: [publicOnly],
			owner: 'credential-1',
		});
		expect((await rotated.append([note('b')]))[0]).toMatchObject({ seq: 2, keyId: next.keyId });
		await rotated.close();
		// Once rotated, the new key opens the folder without the retired one.
		const afterwards = await open(folder, { signer: next, owner: 'credential-1' });
		await afterwards.close();
	});

	it('accepts a rotation from a retired HMAC key (its secret proves it)', async () => {
		const folder = await ledgerWithOneEntry();
		const rotated = await open(folder, {
			signer: testSigner('k2', OTHER_SECRET),
			retired: [testSigner()],
		});
		expect((await rotated.append([note('b')]))[0]).toMatchObject({ seq: 2, keyId: 'k2' });
		await rotated.close();
	});

	it('binds a folder from before bindings existed to the key that signed its last entry', async () => {
		const folder = await ledgerWithOneEntry();
		const bindingPath = join(folder, 'key-binding.json');
		writeFileSync(bindingPath, '');
		// An empty or damaged binding file is refused, not silently replaced.
		const damaged = await refusal(open(folder));
		expect((damaged as Error).message).toMatch(/key-binding\.json cannot be read/);

		rmSync(bindingPath);
		const stranger = await refusal(open(folder, { signer: testSigner('k-b', OTHER_SECRET) }));
		expect(isLedgerError(stranger, 'invalid_signing_key')).toBe(true);
		const owner = await open(folder);
		await owner.close();
		expect(JSON.parse(readFileSync(bindingPath, 'utf8'))).toMatchObject({
			version: 1,
			keys: [{ keyId: 'k1', algorithm: 'hmac-sha256' }],
		});
	});
});
