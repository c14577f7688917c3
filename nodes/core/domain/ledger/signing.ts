import {
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	hash as oneShotHash,
	sign as signBytes,
	verify as verifyBytes,
	type KeyObject,
} from 'node:crypto';

import { KeyIdSchema } from './entry';
import { LedgerError } from './errors';
import { describeValue } from '../rules/issues';

export type SigningAlgorithm = 'hmac-sha256' | 'ed25519';

/** Checks signatures made with one key. Holds no secret (for Ed25519 only the public key). */
export interface LedgerVerifier {
	readonly algorithm: SigningAlgorithm;
	readonly keyId: string;
	verify(hash: string, signature: string): boolean;
}

/** Signs entry hashes. The key lives in a closure: no property, toJSON or inspect output shows it. */
export interface LedgerSigner extends LedgerVerifier {
	sign(hash: string): string;
}

export interface Ed25519Signer extends LedgerSigner {
	/** SPKI PEM of the public key, for third parties who verify an export. */
	readonly publicKeyPem: string;
}

const HASH_HEX = /^[0-9a-f]{64}$/;
const MIN_SECRET_BYTES = 16;
const SHA256_BLOCK = 64;

/**
 * HMAC-SHA256 over the 64 hex characters of an entry hash. The secret is a string (its UTF-8
 * bytes) or raw bytes, at least 16 bytes; 32 random bytes (e.g. `openssl rand -hex 32`) is the
 * recommendation. Keys must be named explicitly: a key id derived from a secret would help
 * anyone guessing a weak one.
 */
export function hmacSigner(options: { keyId: string; secret: string | Uint8Array }): LedgerSigner {
	const keyId = checkKeyId(options.keyId);
	const secret =
		typeof options.secret === 'string' ? Buffer.from(options.secret, 'utf8') : options.secret;
	if (!(secret instanceof Uint8Array) || secret.length < MIN_SECRET_BYTES) {
		throw new LedgerError(
			'invalid_signing_key',
			`The HMAC secret for key "${keyId}" is too short: use at least ${MIN_SECRET_BYTES} bytes (32 random bytes recommended)`,
			{ details: { keyId } },
		);
	}
	const mac = hmacOverHash(secret);
	return freeze({
		algorithm: 'hmac-sha256',
		keyId,
		sign: (hash: string) => mac(requireHash(hash)),
		verify: (hash: string, signature: string) =>
			HASH_HEX.test(hash) && sameText(mac(hash), signature),
	});
}

/** Ed25519 signer from a PKCS#8 private key PEM; its key id defaults to the public key fingerprint. */
export function ed25519Signer(options: { privateKeyPem: string; keyId?: string }): Ed25519Signer {
	const privateKey = orUndefined(() =>
		createPrivateKey({ key: options.privateKeyPem, format: 'pem' }),
	);
	if (!privateKey) {
		throw new LedgerError(
			'invalid_signing_key',
			'The Ed25519 private key could not be read: expected a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----")',
		);
	}
	if (privateKey.asymmetricKeyType !== 'ed25519') {
		throw new LedgerError(
			'invalid_signing_key',
			`The private key is a ${privateKey.asymmetricKeyType ?? 'unknown'} key; expected Ed25519`,
		);
	}
	const publicKey = createPublicKey(privateKey);
	const keyId = options.keyId === undefined ? fingerprint(publicKey) : checkKeyId(options.keyId);
	const check = ed25519Check(publicKey);
	return freeze({
		algorithm: 'ed25519',
		keyId,
		publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
		sign: (hash: string) =>
			signBytes(null, Buffer.from(requireHash(hash), 'latin1'), privateKey).toString('base64url'),
		verify: check,
	});
}

/** A verifier for an exported Ed25519 public key (SPKI PEM), as a third party would build it. */
export function verifierFromPublicKey(publicKeyPem: string, keyId?: string): LedgerVerifier {
	const publicKey = orUndefined(() => createPublicKey({ key: publicKeyPem, format: 'pem' }));
	if (!publicKey) {
		throw new LedgerError(
			'invalid_signing_key',
			'The public key could not be read: expected an SPKI PEM ("-----BEGIN PUBLIC KEY-----")',
		);
	}
	if (publicKey.asymmetricKeyType !== 'ed25519') {
		throw new LedgerError(
			'invalid_signing_key',
			`The public key is a ${publicKey.asymmetricKeyType ?? 'unknown'} key; expected Ed25519`,
		);
	}
	return freeze({
		algorithm: 'ed25519',
		keyId: keyId === undefined ? fingerprint(publicKey) : checkKeyId(keyId),
		verify: ed25519Check(publicKey),
	});
}

/**
 * Refuses to extend a chain whose last entry was signed under the same key id by a different
 * key: a mistyped secret would otherwise start a run of entries nobody can verify.
 */
export function checkSignerMatchesHead(
	signer: LedgerVerifier,
	last: { seq: number; hash: string; keyId: string; signature: string } | undefined,
): void {
	if (!last || last.keyId !== signer.keyId || signer.verify(last.hash, last.signature)) return;
	throw new LedgerError(
		'invalid_signing_key',
		`The signing key named "${signer.keyId}" is not the key that signed entry ${last.seq} under that name; check the ledger's signing credential (a new key needs a new key id)`,
		{
			issues: [{ path: 'signingKey', message: `does not match key id "${signer.keyId}"` }],
			details: { keyId: signer.keyId, seq: last.seq },
		},
	);
}

/** A fresh Ed25519 key pair as PEM text (PKCS#8 private, SPKI public). */
export function generateEd25519KeyPair(): { privateKeyPem: string; publicKeyPem: string } {
	const { privateKey, publicKey } = generateKeyPairSync('ed25519');
	return {
		privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
		publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
	};
}

/** Verifiers by key id, so a chain signed across key rotations checks against all of them. */
export function keyringOf(
	verifiers: ReadonlyArray<LedgerVerifier>,
): ReadonlyMap<string, LedgerVerifier> {
	const byId = new Map<string, LedgerVerifier>();
	for (const verifier of verifiers) {
		const existing = byId.get(verifier.keyId);
		if (existing && existing !== verifier) {
			throw new LedgerError(
				'invalid_signing_key',
				`The keyring holds two different keys named "${verifier.keyId}"; key ids must be unique`,
				{ details: { keyId: verifier.keyId } },
			);
		}
		byId.set(verifier.keyId, verifier);
	}
	return byId;
}

/**
 * RFC 2104 HMAC built on one-shot hashes with the padded keys computed once: verifying a
 * million entries is dominated by this call and createHmac costs about twice as much.
 * Messages are always 64 ASCII characters (a hex hash), so the buffers are reused.
 */
function hmacOverHash(secret: Uint8Array): (hashHex: string) => string {
	const key = secret.length > SHA256_BLOCK ? oneShotHash('sha256', secret, 'buffer') : secret;
	const inner = Buffer.alloc(SHA256_BLOCK + 64, 0x36);
	const outer = Buffer.alloc(SHA256_BLOCK + 32, 0x5c);
	for (let i = 0; i < key.length; i++) {
		inner[i] ^= key[i];
		outer[i] ^= key[i];
	}
	return (hashHex) => {
		inner.write(hashHex, SHA256_BLOCK, 'latin1');
		oneShotHash('sha256', inner, 'buffer').copy(outer, SHA256_BLOCK);
		return oneShotHash('sha256', outer, 'base64url');
	};
}

function ed25519Check(publicKey: KeyObject): (hash: string, signature: string) => boolean {
	return (hash, signature) => {
		if (!HASH_HEX.test(hash) || !/^[A-Za-z0-9_-]{86}$/.test(signature)) return false;
		return verifyBytes(
			null,
			Buffer.from(hash, 'latin1'),
			publicKey,
			Buffer.from(signature, 'base64url'),
		);
	};
}

function fingerprint(publicKey: KeyObject): string {
	const der = publicKey.export({ type: 'spki', format: 'der' });
	return `ed25519-${oneShotHash('sha256', der).slice(0, 16)}`;
}

function checkKeyId(keyId: unknown): string {
	const result = KeyIdSchema.safeParse(keyId);
	if (result.success) return result.data;
	throw new LedgerError(
		'invalid_signing_key',
		`Invalid key id ${describeValue(keyId)}: expected 1-64 letters, digits or . _ : -`,
	);
}

function requireHash(hash: string): string {
	if (!HASH_HEX.test(hash)) {
		throw new LedgerError(
			'invalid_input',
			'Only entry hashes (64 lowercase hex characters) are signed',
		);
	}
	return hash;
}

/** Constant-time comparison of two signatures as text (no buffers: it runs once per entry). */
function sameText(a: string, b: string): boolean {
	if (typeof b !== 'string' || a.length !== b.length) return false;
	let difference = 0;
	for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return difference === 0;
}

/** The key, or undefined when node:crypto cannot read it (its message is not passed on). */
function orUndefined(read: () => KeyObject): KeyObject | undefined {
	try {
		return read();
	} catch {
		return undefined;
	}
}

function freeze<T extends LedgerVerifier>(value: T): T {
	return Object.freeze(value);
}
