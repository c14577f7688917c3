import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { sha256Hex } from '../../../domain/canonical';
import { LedgerError } from '../../../domain/ledger/errors';
import { parseEntryLine } from '../../../domain/ledger/line-format';
import type { LedgerSigner, LedgerVerifier } from '../../../domain/ledger/signing';

/**
 * A ledger folder belongs to the signing key that created it: `key-binding.json` holds, per key,
 * a signature over the folder's random id. Opening the folder with any other key is refused
 * before anything is read from or written to it, so a workflow holding its own key cannot point
 * Folder Path at another workflow's ledger to read, export or erase its personal data.
 *
 * A rotation opens the folder when the key that created it is among the retired keys and that
 * key proves itself: an HMAC key by its secret, an Ed25519 key (public part only) when the same
 * owner (the credential holding the keys) opens it. The new key is then added to the binding.
 */
export interface KeyBindingOptions {
	signer: LedgerSigner;
	/** Keys retired by rotation, from the same credential. */
	retired?: ReadonlyArray<LedgerVerifier>;
	/** Who holds the keys (e.g. a credential id): trusted to vouch for a retired public key. */
	owner?: string;
}

export const KEY_BINDING_FILE = 'key-binding.json';

interface BoundKey {
	keyId: string;
	algorithm: string;
	proof: string;
}

export interface BindingFile {
	version: 1;
	folderId: string;
	owner?: string;
	keys: BoundKey[];
}

/** What opening needs to write once the folder exists; decided before anything is touched. */
export type BindingPlan =
	| { action: 'keep' }
	| { action: 'create' }
	| { action: 'add'; binding: BindingFile };

const MAX_BINDING_BYTES = 64 * 1024;
const LEGACY_TAIL_BYTES = 1024 * 1024;

/** Checks the folder's binding against the key; throws (changing nothing) if it belongs to another. */
export async function checkKeyBinding(
	folder: string,
	options: KeyBindingOptions,
): Promise<BindingPlan> {
	const text = await readIfPresent(join(folder, KEY_BINDING_FILE), MAX_BINDING_BYTES);
	if (text === undefined) return planForUnboundFolder(folder, options);
	const binding = parseBinding(text);
	const { signer } = options;
	const own = binding.keys.find((key) => key.keyId === signer.keyId);
	if (own) {
		if (signer.verify(proofMessage(binding, own.keyId), own.proof)) return { action: 'keep' };
		// A mistyped secret or a new key under an old name: say so, it is the likely mistake.
		throw new LedgerError(
			'invalid_signing_key',
			`The signing key named "${signer.keyId}" is not the key that set up this ledger folder under that name; nothing was read or changed (a new key needs a new key id)`,
			{ issues: [{ path: 'signingKey', message: `does not match key id "${signer.keyId}"` }] },
		);
	}
	const vouched = (options.retired ?? []).some(
		(retired) =>
			binding.keys.some(
				(key) =>
					key.keyId === retired.keyId &&
					retired.verify(proofMessage(binding, key.keyId), key.proof),
			) && provesPossession(retired, binding, options),
	);
	if (!vouched) throw otherKeyError();
	return { action: 'add', binding };
}

/** Writes what checkKeyBinding planned, once the folder exists. */
export async function applyKeyBinding(
	folder: string,
	plan: BindingPlan,
	options: KeyBindingOptions,
): Promise<void> {
	if (plan.action === 'keep') return;
	const path = join(folder, KEY_BINDING_FILE);
	if (plan.action === 'add') {
		const keys = [...plan.binding.keys, boundKey(plan.binding, options.signer)];
		const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
		await writeFile(temporary, JSON.stringify({ ...plan.binding, keys }), { mode: 0o600 });
		await rename(temporary, path);
		return;
	}
	const fresh: BindingFile = { version: 1, folderId: randomBytes(16).toString('hex'), keys: [] };
	if (options.owner) fresh.owner = options.owner;
	fresh.keys.push(boundKey(fresh, options.signer));
	// Written aside, then linked into place: link refuses an existing name like 'wx' does, and
	// another process opening the folder at that moment sees no file or the whole file, never a
	// half-written one (which it would refuse as unreadable).
	const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
	await writeFile(temporary, JSON.stringify(fresh), { mode: 0o600 });
	try {
		await link(temporary, path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		// Another process bound the folder first: it must have used this key too.
		const again = await checkKeyBinding(folder, options);
		if (again.action === 'add') await applyKeyBinding(folder, again, options);
	} finally {
		await unlink(temporary);
	}
}

/**
 * A folder from before bindings existed: bound on first open when its chain is empty or its last
 * entry was signed by this very key; opened unbound when a retired key signed it (the binding
 * follows once this key has signed the last entry); refused otherwise.
 */
async function planForUnboundFolder(
	folder: string,
	options: KeyBindingOptions,
): Promise<BindingPlan> {
	const tail = await readTail(join(folder, 'chain.jsonl'));
	const lines = tail.split('\n').filter((line) => line.trim() !== '');
	if (lines.length === 0) return { action: 'create' };
	const last = parseEntryLine(lines[lines.length - 1]);
	// An unreadable last line is the store's to report (torn tail, malformed line).
	if (!last.ok) return { action: 'keep' };
	const { keyId, hash, signature } = last.entry;
	const signedBy = (key: LedgerVerifier) => key.keyId === keyId && key.verify(hash, signature);
	if (signedBy(options.signer)) return { action: 'create' };
	if ((options.retired ?? []).some(signedBy)) return { action: 'keep' };
	throw otherKeyError();
}

function provesPossession(
	retired: LedgerVerifier,
	binding: BindingFile,
	options: KeyBindingOptions,
): boolean {
	if (retired.algorithm === 'hmac-sha256') return true;
	return options.owner !== undefined && binding.owner === options.owner;
}

function boundKey(binding: BindingFile, signer: LedgerSigner): BoundKey {
	return {
		keyId: signer.keyId,
		algorithm: signer.algorithm,
		proof: signer.sign(proofMessage(binding, signer.keyId)),
	};
}

/** Per folder and key, so a proof copied from another folder proves nothing here. */
function proofMessage(binding: BindingFile, keyId: string): string {
	return sha256Hex(`credential-ledger key binding|${binding.folderId}|${keyId}`);
}

function parseBinding(text: string): BindingFile {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw bindingFileError();
	}
	const candidate = parsed as Partial<BindingFile> | null;
	const valid =
		typeof candidate === 'object' &&
		candidate !== null &&
		candidate.version === 1 &&
		typeof candidate.folderId === 'string' &&
		(candidate.owner === undefined || typeof candidate.owner === 'string') &&
		Array.isArray(candidate.keys) &&
		candidate.keys.every(
			(key: Partial<BoundKey> | null) =>
				typeof key === 'object' &&
				key !== null &&
				typeof key.keyId === 'string' &&
				typeof key.algorithm === 'string' &&
				typeof key.proof === 'string',
		);
	if (!valid) throw bindingFileError();
	return candidate as BindingFile;
}

async function readIfPresent(path: string, maxBytes: number): Promise<string | undefined> {
	try {
		const handle = await open(path, 'r');
		try {
			const buffer = Buffer.alloc(maxBytes);
			const { bytesRead } = await handle.read(buffer, 0, maxBytes, 0);
			return buffer.subarray(0, bytesRead).toString('utf8');
		} finally {
			await handle.close();
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

/** The last complete lines of the chain (up to 1 MiB), or '' when there is no chain yet. */
async function readTail(chainPath: string): Promise<string> {
	let handle;
	try {
		handle = await open(chainPath, 'r');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
		throw error;
	}
	try {
		const { size } = await handle.stat();
		const length = Math.min(size, LEGACY_TAIL_BYTES);
		const buffer = Buffer.alloc(length);
		await handle.read(buffer, 0, length, size - length);
		const text = buffer.toString('utf8');
		// Only complete lines: a torn last line has no newline and belongs to the store to report.
		return text.slice(0, text.lastIndexOf('\n') + 1);
	} finally {
		await handle.close();
	}
}

function otherKeyError(): LedgerError {
	return new LedgerError(
		'invalid_signing_key',
		'This ledger folder belongs to another signing key; nothing was read or changed. Open it with the signing credential that created it (after a key rotation, keep the old key under Retired Keys of that same credential), or choose another Folder Path.',
		{ issues: [{ path: 'signingKey', message: 'not the key this ledger folder is bound to' }] },
	);
}

function bindingFileError(): LedgerError {
	return new LedgerError(
		'invalid_signing_key',
		`The ledger folder's ${KEY_BINDING_FILE} cannot be read, so the folder's signing key cannot be checked; restore it from a backup. Nothing was read or changed.`,
		{ issues: [{ path: 'signingKey', message: `${KEY_BINDING_FILE} is not valid` }] },
	);
}
