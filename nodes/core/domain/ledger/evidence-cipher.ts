import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

import { sha256Hex } from '../canonical';
import { LedgerError } from './errors';
import { evidenceRecordText } from './evidence';
import type { JsonValue } from './json';

/** Where users keep the keys; every error names it so they know what to fix. */
export const EVIDENCE_KEY_FIELD = 'Evidence Encryption Key';

const ALGORITHM = 'aes-256-gcm';
/** Stored ciphertext starts with this; canonical JSON never does, so older plain files stay readable. */
const PREFIX = `${ALGORITHM}:`;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const GENERATE_HINT = 'e.g. from openssl rand -base64 32';

interface EvidenceKey {
	/** A fingerprint of the key, never the key: stored beside each ciphertext. */
	id: string;
	key: Buffer;
}

/**
 * Encrypts private evidence at rest with AES-256-GCM. The first key encrypts; every key decrypts,
 * so a rotated key stays readable while older evidence was written with it. Each ciphertext
 * carries the id of its key, and the evidence hash as associated data, so a ciphertext copied
 * under another hash fails. Errors name the credential field, never a key or the evidence.
 */
export class EvidenceCipher {
	private constructor(private readonly keys: EvidenceKey[]) {}

	/** One base64 key (32 bytes) per line or comma; undefined when the field is empty. */
	static fromKeyList(text: string): EvidenceCipher | undefined {
		const lines = text
			.split(/[\n,]/)
			.map((line) => line.trim())
			.filter((line) => line !== '');
		if (lines.length === 0) return undefined;
		return new EvidenceCipher(lines.map((line, index) => evidenceKeyOf(line, index + 1)));
	}

	/** The id of the key that encrypts new evidence. */
	get currentKeyId(): string {
		return this.keys[0].id;
	}

	encrypt(hash: string, plaintext: string): string {
		const { id, key } = this.keys[0];
		const iv = randomBytes(IV_BYTES);
		const cipher = createCipheriv(ALGORITHM, key, iv).setAAD(Buffer.from(hash, 'utf8'));
		const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
		const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
		return `${PREFIX}${id}:${parts.join(':')}`;
	}

	decrypt(hash: string, stored: string): string {
		const parts = stored.slice(PREFIX.length).split(':');
		const [id, iv, tag, ciphertext] = parts;
		// The id is echoed in errors, so only a well-formed one is: it comes from a file or row.
		if (parts.length !== 4 || !/^[0-9a-f]{16}$/.test(id)) throw integrityError(hash, 'a key');
		const entry = this.keys.find((candidate) => candidate.id === id);
		if (!entry) {
			throw evidenceKeyError(
				`Evidence ${hash} is encrypted with key ${id}, which the ${EVIDENCE_KEY_FIELD} field does not hold: add that key back on a line below the current one`,
			);
		}
		try {
			const decipher = createDecipheriv(ALGORITHM, entry.key, Buffer.from(iv ?? '', 'base64url'))
				.setAAD(Buffer.from(hash, 'utf8'))
				.setAuthTag(Buffer.from(tag ?? '', 'base64url'));
			const text = Buffer.concat([
				decipher.update(Buffer.from(ciphertext ?? '', 'base64url')),
				decipher.final(),
			]).toString('utf8');
			if (sha256Hex(text) === hash) return text;
		} catch {
			// Reported below without the cause: it would say nothing the message does not.
		}
		throw integrityError(hash, `key ${id}`);
	}
}

/**
 * The text a store keeps for one evidence record: its canonical JSON, encrypted when a cipher is
 * given. The hash always covers the plain record, so the chain and exports do not change.
 */
export function storedEvidenceText(
	hash: string,
	record: JsonValue,
	cipher: EvidenceCipher | undefined,
): string {
	const text = evidenceRecordText(record);
	if (sha256Hex(text) !== hash) {
		throw new LedgerError('invalid_input', `Evidence does not match its hash ${hash}`);
	}
	return cipher ? cipher.encrypt(hash, text) : text;
}

/** The record a store kept, decrypted when it was stored encrypted; plain records read as is. */
export function evidenceOfStoredText(
	hash: string,
	stored: string,
	cipher: EvidenceCipher | undefined,
): JsonValue {
	if (!stored.startsWith(PREFIX)) return JSON.parse(stored) as JsonValue;
	if (!cipher) {
		throw evidenceKeyError(
			`Evidence ${hash} is encrypted, but the ${EVIDENCE_KEY_FIELD} field of the signing credential is empty: add the key it was written with`,
		);
	}
	return JSON.parse(cipher.decrypt(hash, stored)) as JsonValue;
}

function evidenceKeyOf(line: string, lineNumber: number): EvidenceKey {
	const key = Buffer.from(line, 'base64');
	const problem = !/^[A-Za-z0-9+/]+={0,2}$/.test(line)
		? 'is not base64'
		: key.length !== KEY_BYTES
			? `decodes to ${key.length} bytes, not ${KEY_BYTES}`
			: undefined;
	if (problem) {
		throw evidenceKeyError(
			`${EVIDENCE_KEY_FIELD}, line ${lineNumber}: the key ${problem}; expected base64 of ${KEY_BYTES} random bytes (${GENERATE_HINT})`,
		);
	}
	// Domain-separated, so the id says nothing about the key that any other use of it could match.
	const id = createHash('sha256')
		.update('credential-ledger evidence key\0')
		.update(key)
		.digest('hex')
		.slice(0, 16);
	return { id, key };
}

function integrityError(hash: string, key: string): LedgerError {
	return evidenceKeyError(
		`Evidence ${hash} fails its integrity check under ${key} of the ${EVIDENCE_KEY_FIELD} field: the stored ciphertext was altered or replaced; restore it from a backup`,
	);
}

function evidenceKeyError(message: string): LedgerError {
	return new LedgerError('evidence_key', message);
}
