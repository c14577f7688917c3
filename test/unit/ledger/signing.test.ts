import { createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

import {
	ed25519Signer,
	generateEd25519KeyPair,
	hmacSigner,
	isLedgerError,
	keyringOf,
	verifierFromPublicKey,
} from '../../../nodes/core/domain/ledger';
import { sha256Hex } from '../../../nodes/core/domain/canonical';
import { seededRandom } from './support/random';

const HASH = sha256Hex('some entry');

describe('hmacSigner', () => {
	it('is RFC 2104 HMAC-SHA256 over the hex hash (checked against createHmac)', () => {
		const random = seededRandom(7);
		for (let i = 0; i < 50; i++) {
			// Secrets shorter than, equal to and longer than the 64-byte block.
			const secret = randomBytes(16 + Math.floor(random() * 100));
			const hash = sha256Hex(String(random()));
			const expected = createHmac('sha256', secret).update(hash).digest('base64url');
			const signer = hmacSigner({ keyId: 'k', secret });
			expect(signer.sign(hash)).toBe(expected);
			expect(signer.verify(hash, expected)).toBe(true);
		}
	});

	it('rejects signatures made with another secret or for another hash', () => {
		const a = hmacSigner({ keyId: 'k', secret: 'first-secret-with-enough-bytes' });
		const b = hmacSigner({ keyId: 'k', secret: 'second-secret-with-enough-bytes' });
		const signature = a.sign(HASH);
		expect(b.verify(HASH, signature)).toBe(false);
		expect(a.verify(sha256Hex('other'), signature)).toBe(false);
		expect(a.verify(HASH, `${signature.slice(0, -1)}A`)).toBe(signature.endsWith('A'));
		expect(a.verify(HASH, '')).toBe(false);
		expect(a.verify('not-a-hash', signature)).toBe(false);
	});

	it('refuses short secrets and bad key ids without echoing the secret', () => {
		const short = 'tiny-secret';
		try {
			hmacSigner({ keyId: 'k', secret: short });
			throw new Error('expected a refusal');
		} catch (error) {
			expect(isLedgerError(error, 'invalid_signing_key')).toBe(true);
			expect(
				JSON.stringify({ ...(error as object), message: (error as Error).message }),
			).not.toContain(short);
			expect((error as Error).message).toMatch(/at least 16 bytes/);
		}
		expect(() => hmacSigner({ keyId: 'has space', secret: 'x'.repeat(32) })).toThrow(/key id/i);
	});

	it('signs only hashes', () => {
		const signer = hmacSigner({ keyId: 'k', secret: 'x'.repeat(32) });
		expect(() => signer.sign('hello')).toThrow(/64 lowercase hex/);
	});
});

describe('ed25519Signer', () => {
	const pair = generateEd25519KeyPair();

	it('signs, and a verifier built from the exported public key accepts the signature', () => {
		const signer = ed25519Signer({ privateKeyPem: pair.privateKeyPem });
		const signature = signer.sign(HASH);
		expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
		const verifier = verifierFromPublicKey(signer.publicKeyPem);
		expect(verifier.keyId).toBe(signer.keyId);
		expect(verifier.keyId).toMatch(/^ed25519-[0-9a-f]{16}$/);
		expect(verifier.verify(HASH, signature)).toBe(true);
		expect(verifier.verify(sha256Hex('other'), signature)).toBe(false);
		const other = verifierFromPublicKey(generateEd25519KeyPair().publicKeyPem, signer.keyId);
		expect(other.verify(HASH, signature)).toBe(false);
	});

	it('explains unreadable and wrong-type keys without echoing them', () => {
		const garbage = '-----BEGIN PRIVATE KEY-----\nTm90QUtleQ==\n-----END PRIVATE KEY-----';
		expect(() => ed25519Signer({ privateKeyPem: garbage })).toThrow(/PKCS#8 PEM/);
		expect(() => ed25519Signer({ privateKeyPem: garbage })).not.toThrow(/Tm90QUtleQ/);
		expect(() => verifierFromPublicKey('nonsense')).toThrow(/SPKI PEM/);
		expect(() => verifierFromPublicKey(pair.privateKeyPem)).not.toThrow();
	});
});

describe('keyringOf', () => {
	it('refuses two different keys under one id', () => {
		const a = hmacSigner({ keyId: 'same', secret: 'a'.repeat(32) });
		const b = hmacSigner({ keyId: 'same', secret: 'b'.repeat(32) });
		expect(() => keyringOf([a, b])).toThrow(/two different keys named "same"/);
		expect(keyringOf([a, a]).size).toBe(1);
	});
});

describe('key material never leaves the signer', () => {
	it('is absent from JSON, inspect output and every property', () => {
		const secret = randomBytes(32);
		const pair = generateEd25519KeyPair();
		const signers = [
			hmacSigner({ keyId: 'h', secret }),
			hmacSigner({ keyId: 'h2', secret: secret.toString('hex') }),
			ed25519Signer({ privateKeyPem: pair.privateKeyPem, keyId: 'e' }),
		];
		const privateBody = pair.privateKeyPem.split('\n')[1];
		for (const signer of signers) {
			const dumps = [
				JSON.stringify(signer),
				inspect(signer, { showHidden: true, depth: 10 }),
				String(signer),
			];
			for (const dump of dumps) {
				expect(dump).not.toContain(secret.toString('hex'));
				expect(dump).not.toContain(secret.toString('base64'));
				expect(dump).not.toContain(privateBody);
			}
		}
	});
});
