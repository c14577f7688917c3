import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';

import {
	deriveIdempotencyKey,
	ed25519Signer,
	generateEd25519KeyPair,
	hmacSigner,
	type LedgerSigner,
} from '../../../nodes/core/domain/ledger';
import { ISSUED, decision, openTestLedger, removeTempFolders } from './support/fixtures';

afterEach(removeTempFolders);

function filesUnder(folder: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

async function everythingProduced(signer: LedgerSigner): Promise<string> {
	const { ledger, store, folder } = await openTestLedger({ signer });
	const outputs: unknown[] = [signer, store, ledger];
	outputs.push(await ledger.reserve('k', decision(), { evidence: { email: 'ada@example.org' } }));
	outputs.push(await ledger.record('k', 'issued', ISSUED, 'w'));
	outputs.push(await ledger.revoke('k', { reason: 'test', operator: 'ops' }));
	outputs.push(await ledger.status({ key: 'k' }), await ledger.evidenceBundle('k'));
	outputs.push(
		await ledger.exportCsv(),
		await ledger.exportJsonl(),
		await ledger.head(),
		await ledger.inspect(),
	);
	outputs.push(
		await ledger.verify(),
		await ledger.verify({
			keyring: [hmacSigner({ keyId: signer.keyId, secret: 'dummy-wrong-hmac-0123456789abcdef' })],
		}),
	);
	outputs.push(
		await ledger.erasePersonalData({
			olderThan: new Date(Date.now() + 1000),
			now: new Date(Date.now() + 2000),
			actor: 'job',
		}),
	);
	for (const attempt of [
		() => ledger.record('k', 'issued', ISSUED, 'w'),
		() => ledger.reserve('', decision()),
		async () => {
			const other =
				signer.algorithm === 'hmac-sha256'
					? hmacSigner({ keyId: signer.keyId, secret: 'dummy-other-hmac-0123456789abcdef' })
					: ed25519Signer({
							privateKeyPem: generateEd25519KeyPair().privateKeyPem,
							keyId: signer.keyId,
						});
			const reopened = await openTestLedger({ folder, signer: other });
			try {
				return await reopened.ledger.reserve('k2', decision());
			} finally {
				await reopened.store.close();
			}
		},
	]) {
		outputs.push(
			await attempt().catch((error: unknown) => ({
				error,
				message: (error as Error).message,
				stack: (error as Error).stack,
			})),
		);
	}
	await store.close();
	const files = filesUnder(folder).map((path) => readFileSync(path, 'utf8'));
	return [
		...outputs.map(
			(o) => `${JSON.stringify(o) ?? ''}\n${inspect(o, { depth: 12, showHidden: true })}`,
		),
		...files,
	].join('\n');
}

describe('signing keys never appear in anything the ledger produces', () => {
	it('HMAC: no form of the secret in entries, exports, reports, errors, files or objects', async () => {
		const secret = randomBytes(32);
		const everything = await everythingProduced(hmacSigner({ keyId: 'hmac-1', secret }));
		for (const form of [
			secret.toString('hex'),
			secret.toString('base64'),
			secret.toString('base64url'),
			secret.toString('latin1'),
		]) {
			expect(everything).not.toContain(form);
		}
		const textSecret = 'dummy-text-hmac-' + randomBytes(12).toString('hex');
		expect(
			await everythingProduced(hmacSigner({ keyId: 'hmac-2', secret: textSecret })),
		).not.toContain(textSecret);
	});

	it('Ed25519: the private key never appears; the public key may', async () => {
		const pair = generateEd25519KeyPair();
		const body = pair.privateKeyPem.split('\n').slice(1, -2).join('');
		const everything = await everythingProduced(
			ed25519Signer({ privateKeyPem: pair.privateKeyPem }),
		);
		expect(everything).not.toContain(body);
		expect(everything).not.toContain(body.slice(20, 50));
	});
});

describe('deriveIdempotencyKey', () => {
	it('is stable, hashed, and changes with any part', () => {
		const parts = {
			learnerId: 'ada@example.org',
			templateId: 't-1',
			courseId: 'C-1',
			completion: '2026-01-01T00:00:00.000Z',
		};
		const key = deriveIdempotencyKey(parts);
		expect(key).toMatch(/^ik_[0-9a-f]{64}$/);
		expect(deriveIdempotencyKey({ ...parts })).toBe(key);
		expect(key).not.toContain('ada');
		for (const name of Object.keys(parts) as Array<keyof typeof parts>) {
			expect(deriveIdempotencyKey({ ...parts, [name]: `${parts[name]}x` })).not.toBe(key);
		}
		expect(() => deriveIdempotencyKey({ ...parts, courseId: ' ' })).toThrow(/courseId: missing/);
	});
});
