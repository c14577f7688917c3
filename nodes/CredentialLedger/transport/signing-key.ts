import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	EvidenceCipher,
	LedgerError,
	ed25519Signer,
	hmacSigner,
	verifierFromPublicKey,
	type Ed25519Signer,
	type LedgerSigner,
	type LedgerVerifier,
} from '../../core/domain/ledger';
import { optionalText } from '../../kit/text';

export const SIGNING_CREDENTIAL = 'credentialLedgerSigningApi';

export interface SigningKey {
	signer: LedgerSigner;
	/** The current key plus retired ones, for Verify across rotations. */
	keyring: LedgerVerifier[];
	/** SPKI PEM for Ed25519 keys; HMAC has no public part. */
	publicKeyPem?: string;
	/** Tells two keys apart in the ledger cache; a hash, never the key itself. */
	fingerprint: string;
	/** Encrypts private evidence at rest; undefined when no Evidence Encryption Key is set. */
	evidenceCipher?: EvidenceCipher;
}

function text(value: unknown): string {
	return optionalText(value) ?? '';
}

function signerOf(data: ICredentialDataDecryptedObject): LedgerSigner {
	const keyId = text(data.keyId) || undefined;
	if (data.algorithm === 'hmac-sha256') {
		if (!keyId) {
			throw new LedgerError(
				'invalid_signing_key',
				'The signing credential uses HMAC-SHA256 but has no Key ID: give the key a name (e.g. ledger-2026)',
			);
		}
		return hmacSigner({ keyId, secret: text(data.secret) });
	}
	if (data.algorithm !== undefined && data.algorithm !== 'ed25519') {
		throw new LedgerError(
			'invalid_signing_key',
			`The signing credential names an unknown algorithm; choose Ed25519 or HMAC-SHA256`,
		);
	}
	// Pasted PEM often arrives with literal "\n" sequences from a single-line field.
	const pem = text(data.privateKey).replace(/\\n/g, '\n');
	return ed25519Signer({ privateKeyPem: pem, keyId });
}

function retiredVerifiers(raw: unknown): LedgerVerifier[] {
	const source = text(raw);
	if (source === '') return [];
	let parsed: unknown;
	try {
		parsed = JSON.parse(source);
	} catch {
		throw retiredKeyError('is not valid JSON');
	}
	if (!Array.isArray(parsed)) throw retiredKeyError('expected a JSON array');
	return parsed.map((entry: unknown, index) => {
		if (typeof entry !== 'object' || entry === null) {
			throw retiredKeyError(`entry ${index} is not an object`);
		}
		const { keyId, algorithm, publicKey, secret } = entry as Record<string, unknown>;
		if (algorithm === 'hmac-sha256') {
			return hmacSigner({ keyId: text(keyId), secret: text(secret) });
		}
		if (algorithm === 'ed25519') {
			return verifierFromPublicKey(text(publicKey).replace(/\\n/g, '\n'), text(keyId) || undefined);
		}
		throw retiredKeyError(`entry ${index} needs algorithm "ed25519" or "hmac-sha256"`);
	});
}

function retiredKeyError(problem: string): LedgerError {
	return new LedgerError(
		'invalid_signing_key',
		`Retired Keys in the signing credential: ${problem}`,
		{ issues: [{ path: 'retiredSecrets', message: problem }] },
	);
}

/** The signer and keyring a signing credential describes; throws LedgerError without key material. */
export function signingKeyOf(data: ICredentialDataDecryptedObject): SigningKey {
	const signer = signerOf(data);
	const keyring = [signer, ...retiredVerifiers(data.retiredSecrets)];
	const evidenceCipher = EvidenceCipher.fromKeyList(text(data.evidenceSecretKeys));
	const fingerprint = createHash('sha256')
		.update(
			JSON.stringify([
				data.algorithm ?? 'ed25519',
				text(data.keyId),
				text(data.secret),
				text(data.privateKey),
				text(data.retiredSecrets),
				text(data.evidenceSecretKeys),
			]),
		)
		.digest('hex');
	const publicKeyPem = (signer as Partial<Ed25519Signer>).publicKeyPem;
	return { signer, keyring, publicKeyPem, fingerprint, evidenceCipher };
}
