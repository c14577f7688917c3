import { hash as oneShotHash } from 'node:crypto';

import { canonicalJson } from '../canonical';
import { toValidationIssues, formatPath } from '../rules/issues';
import {
	ENTRY_TYPES,
	LedgerEntrySchema,
	type ChainHead,
	type EntryBody,
	type EntryDraft,
	type EntryType,
	type LedgerEntry,
} from './entry';
import { isPlainObject } from './json';
import type { LedgerSigner } from './signing';

/*
 * One entry per line: the canonical JSON of the body (keys sorted, so it ends with prevHash,
 * seq, type) with `hash` and `signature` appended as the last two keys. Any JSON reader sees a
 * flat entry; a verifier drops hash and signature, canonicalises and hashes. Because the writer
 * only ever emits canonical text, the hash can also be recomputed from the line's own bytes,
 * which is what makes verifying a million entries cheap.
 */

export interface SealedEntry {
	entry: LedgerEntry;
	/** The stored text, without the line end. */
	line: string;
}

/** Gives a draft its place after `head`, hashes and signs it. */
export function sealEntry(draft: EntryDraft, head: ChainHead, signer: LedgerSigner): SealedEntry {
	const body: EntryBody = {
		...draft,
		seq: head.seq + 1,
		prevHash: head.hash,
		keyId: signer.keyId,
	};
	const text = canonicalJson(body);
	const hash = sha256Fast(text);
	const signature = signer.sign(hash);
	return {
		entry: { ...body, hash, signature },
		line: `${text.slice(0, -1)},"hash":"${hash}","signature":"${signature}"}`,
	};
}

/** SHA-256 over the canonical JSON of everything but hash and signature. */
export function entryHash(entry: EntryBody | LedgerEntry | Record<string, unknown>): string {
	const body: Record<string, unknown> = { ...entry };
	delete body.hash;
	delete body.signature;
	return sha256Fast(canonicalJson(body));
}

export function sha256Fast(text: string): string {
	return oneShotHash('sha256', text, 'hex');
}

/** The fixed end of every line, read without parsing the payload. */
export interface LineTail {
	prevHash: string;
	seq: number;
	type: EntryType;
	hash: string;
	signature: string;
	/** The canonical body text the hash was computed over (if the line is untouched). */
	bodyText: string;
}

const PREV_MARK = ',"prevHash":"';
const SEQ_MARK = '","seq":';
const TYPE_MARK = ',"type":"';
const HASH_MARK = '","hash":"';
const SIGNATURE_MARK = '","signature":"';
const HEX64 = /^[0-9a-f]{64}$/;
const SEQ_TEXT = /^[1-9][0-9]{0,14}$/;
const SIGNATURE_TEXT = /^[A-Za-z0-9_-]{1,200}$/;
const TYPES = new Set<string>(ENTRY_TYPES);

/**
 * Reads `,"prevHash":"…","seq":N,"type":"…","hash":"…","signature":"…"}` from the end of a line
 * by position (a regex over the tail costs more than the hash itself at a million lines).
 * Every piece is checked against its own alphabet, none of which contains a quote, so the
 * pieces are exactly the top-level fields.
 */
export function readLineTail(text: string, strict = true): LineTail | undefined {
	const n = text.length;
	if (text.charCodeAt(0) !== 123 || text.charCodeAt(n - 1) !== 125 || text.charCodeAt(n - 2) !== 34)
		return undefined;
	const signatureMark = text.lastIndexOf(SIGNATURE_MARK, n - 3);
	if (signatureMark < 64 + HASH_MARK.length) return undefined;
	const signature = text.slice(signatureMark + SIGNATURE_MARK.length, n - 2);
	const hashStart = signatureMark - 64;
	const hashMark = hashStart - HASH_MARK.length;
	if (!text.startsWith(HASH_MARK, hashMark)) return undefined;
	const hash = text.slice(hashStart, signatureMark);
	// The body ends at the closing quote of type; its hash covers it plus a closing brace.
	const bodyEnd = hashMark + 1;
	const typeMark = text.lastIndexOf(TYPE_MARK, hashMark);
	if (typeMark < 0) return undefined;
	const type = text.slice(typeMark + TYPE_MARK.length, hashMark);
	const seqMark = text.lastIndexOf(SEQ_MARK, typeMark);
	if (seqMark < 64 + PREV_MARK.length) return undefined;
	const seqText = text.slice(seqMark + SEQ_MARK.length, typeMark);
	const prevMark = seqMark - 64 - PREV_MARK.length;
	if (!text.startsWith(PREV_MARK, prevMark)) return undefined;
	const prevHash = text.slice(prevMark + PREV_MARK.length, seqMark);
	// Skipping the alphabet checks is safe only when the caller then requires a matching hash and
	// signature: those bind the line to what the writer (which validated it) produced.
	if (
		strict &&
		(!TYPES.has(type) ||
			!SEQ_TEXT.test(seqText) ||
			!HEX64.test(hash) ||
			!HEX64.test(prevHash) ||
			!SIGNATURE_TEXT.test(signature))
	) {
		return undefined;
	}
	return {
		prevHash,
		seq: Number(seqText),
		type: type as EntryType,
		hash,
		signature,
		bodyText: `${text.slice(0, bodyEnd)}}`,
	};
}

/**
 * keyId from canonical text without parsing it: keys sort as actor, at, evidenceHash, key,
 * keyId, payload..., and JSON escapes every quote inside strings, so the first `,"keyId":"` is
 * the top-level field.
 */
export function readKeyId(bodyText: string): string | undefined {
	const start = bodyText.indexOf(',"keyId":"');
	if (start < 0) return undefined;
	const end = bodyText.indexOf('"', start + 10);
	return end < 0 ? undefined : bodyText.slice(start + 10, end);
}

export type LineReadResult = { ok: true; entry: LedgerEntry } | { ok: false; problem: string };

/** Full read of a stored line into an entry, with a one-line description of the first problem. */
export function parseEntryLine(text: string): LineReadResult {
	if (readLineTail(text) === undefined) {
		return {
			ok: false,
			problem: 'the line does not end with prevHash, seq, type, hash and signature',
		};
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return { ok: false, problem: `not valid JSON (${(error as Error).message})` };
	}
	if (hasEntryShape(value)) return { ok: true, entry: value };
	const result = LedgerEntrySchema.safeParse(value);
	if (result.success) return { ok: true, entry: result.data };
	const issue = toValidationIssues(result.error, LedgerEntrySchema)[0];
	return {
		ok: false,
		problem: `field "${issue?.path || formatPath([])}" ${issue?.message ?? 'is invalid'}`,
	};
}

const REQUIRED_STRINGS = ['prevHash', 'at', 'type', 'key', 'actor', 'keyId', 'hash', 'signature'];
const ALLOWED = new Set([...REQUIRED_STRINGS, 'seq', 'payload', 'evidenceHash']);

/**
 * Cheap structural check for stored lines (the zod schema costs ~10x more and a store reads
 * every line when it opens). Lines that fail it go through the schema for a precise message.
 */
function hasEntryShape(value: unknown): value is LedgerEntry {
	if (!isPlainObject(value)) return false;
	for (const name of REQUIRED_STRINGS) if (typeof value[name] !== 'string') return false;
	for (const name of Object.keys(value)) if (!ALLOWED.has(name)) return false;
	return (
		Number.isSafeInteger(value.seq) &&
		(value.seq as number) > 0 &&
		isPlainObject(value.payload) &&
		(value.evidenceHash === undefined || typeof value.evidenceHash === 'string') &&
		(value.key as string).length > 0 &&
		TYPES.has(value.type as string)
	);
}
