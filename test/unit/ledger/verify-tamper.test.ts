import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CredentialLedger, ed25519Signer, generateEd25519KeyPair, hmacSigner, verifierFromPublicKey, verifyChain } from '../../../nodes/core/domain/ledger';
import { EmbeddedStore } from '../../../nodes/core/integrations/ledger-storage';
import { linesOf } from './support/chain-text';
import { removeTempFolders, tempFolder, testSigner } from './support/fixtures';
import {
	CHAIN_LENGTH,
	TAMPER_KINDS,
	buildChain,
	runTamperings,
	type BuiltChain,
} from './support/tamperings';

afterAll(removeTempFolders);

describe('verify', () => {
	let chain: BuiltChain;
	beforeAll(async () => {
		chain = await buildChain();
	});

	it('accepts the untouched chain', async () => {
		const text = `${chain.lines.join('\n')}\n`;
		expect(
			await verifyChain(linesOf(text), { keyring: [testSigner()], expectedHead: chain.head }),
		).toEqual({ ok: true, entries: CHAIN_LENGTH, head: chain.head });
	});

	it('detects 200 seeded random tamperings, each at the right seq with the right kind', async () => {
		const { misses, seen } = await runTamperings(chain, async (t, round) => {
			// Every tenth case goes through a real store folder; the rest through the same verifier in memory.
			if (round % 10 !== 0) {
				return verifyChain(linesOf(t.text), {
					keyring: [testSigner()],
					expectedHead: chain.head,
				});
			}
			const folder = tempFolder();
			writeFileSync(join(folder, 'chain.jsonl'), t.text);
			const store = await EmbeddedStore.open({ folder, signer: testSigner(), durability: 'write' });
			const result = await new CredentialLedger({ store }).verify({ expectedHead: chain.head });
			await store.close();
			return result;
		});
		expect(misses).toEqual([]);
		for (const kind of TAMPER_KINDS) expect(seen.get(kind) ?? 0).toBeGreaterThan(5);
	});

	it('reports an unreadable line as malformed, and an incomplete one as truncated even without a checkpoint', async () => {
		const copy = [...chain.lines];
		copy[4] = 'not a ledger line';
		expect(
			await verifyChain(linesOf(`${copy.join('\n')}\n`), { keyring: [testSigner()] }),
		).toMatchObject({ ok: false, seq: 5, kind: 'malformed', lineNumber: 5 });
		const reordered = [...chain.lines];
		const { signature, hash, ...body } = JSON.parse(reordered[2]) as Record<string, unknown>;
		reordered[2] = JSON.stringify({ hash, signature, ...body });
		expect(
			await verifyChain(linesOf(`${reordered.join('\n')}\n`), { keyring: [testSigner()] }),
		).toMatchObject({
			ok: false,
			seq: 3,
			kind: 'malformed',
			detail: expect.stringContaining('non-canonical'),
		});
		const spaced = [...chain.lines];
		spaced[3] = spaced[3].replace('"payload":{', '"payload": {');
		expect(
			await verifyChain(linesOf(`${spaced.join('\n')}\n`), { keyring: [testSigner()] }),
		).toMatchObject({ ok: false, seq: 4, kind: 'malformed' });
		const torn = `${chain.lines.slice(0, 7).join('\n')}\n${chain.lines[7].slice(0, 50)}`;
		expect(await verifyChain(linesOf(torn), { keyring: [testSigner()] })).toMatchObject({
			ok: false,
			seq: 8,
			kind: 'truncated',
		});
	});

	it('reports an entry whose key id is not in the keyring as a bad signature', async () => {
		const other = hmacSigner({ keyId: 'k9', secret: 'x'.repeat(32) });
		expect(
			await verifyChain(linesOf(`${chain.lines.join('\n')}\n`), { keyring: [other] }),
		).toMatchObject({
			ok: false,
			seq: 1,
			kind: 'bad_signature',
			detail: expect.stringContaining('"k1", which is not in the keyring'),
		});
	});

	it('notices a chain that no longer reaches the checkpoint, or differs from it', async () => {
		const text = `${chain.lines.join('\n')}\n`;
		expect(
			await verifyChain(linesOf(text), {
				keyring: [testSigner()],
				expectedHead: { seq: 41, hash: 'f'.repeat(64) },
			}),
		).toMatchObject({ ok: false, seq: 41, kind: 'truncated' });
		expect(
			await verifyChain(linesOf(text), {
				keyring: [testSigner()],
				expectedHead: { seq: 10, hash: 'f'.repeat(64) },
			}),
		).toMatchObject({ ok: false, seq: 10, kind: 'edited' });
	});
});

describe('key rotation and third-party verification', () => {
	it('verifies a chain signed with two keys against a keyring holding both', async () => {
		const folder = tempFolder();
		const k1 = testSigner('k1');
		const pair = generateEd25519KeyPair();
		const k2 = ed25519Signer({ privateKeyPem: pair.privateKeyPem, keyId: 'k2' });
		const first = await EmbeddedStore.open({ folder, signer: k1, durability: 'write' });
		await new CredentialLedger({ store: first }).reserve('a', {
			subject: { learnerId: 'L' },
			outcome: 'verified',
			ruleSetId: 'r',
			ruleVersion: '1',
			ruleHash: 'a'.repeat(64),
			decidedAt: '2026-01-01T00:00:00.000Z',
		});
		await first.close();
		const second = await EmbeddedStore.open({
			folder,
			signer: k2,
			retired: [k1],
			durability: 'write',
		});
		const ledger = new CredentialLedger({ store: second });
		await ledger.record('a', 'issued', { platform: 'x', externalId: '1' }, 'w');
		const publicOnly = verifierFromPublicKey(k2.publicKeyPem, 'k2');
		expect(await ledger.verify({ keyring: [k1, publicOnly] })).toMatchObject({
			ok: true,
			entries: 3,
		});
		expect(await ledger.verify({ keyring: [publicOnly] })).toMatchObject({
			ok: false,
			seq: 1,
			kind: 'bad_signature',
		});
		// An auditor holding only the export and the public key of an Ed25519-only chain.
		const exported = await ledger.exportJsonl();
		const k2Lines = exported.split('\n').filter((l) => l.includes('"keyId":"k2"'));
		expect(k2Lines).toHaveLength(1);
		expect(await verifyChain(linesOf(exported), { keyring: [k1, publicOnly] })).toMatchObject({
			ok: true,
		});
		await second.close();
	});
});
