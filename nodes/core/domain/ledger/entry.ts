import { z } from 'zod';

import { UtcTimestampSchema } from '../model/completion-event';
import { JsonObjectSchema, type JsonObject } from './json';

export const ENTRY_TYPES = [
	'decided',
	'reserved',
	'issued',
	'failed',
	'delivered',
	'claimed',
	'review',
	'override',
	'revoked',
	'superseded',
	'erased',
	// Shadow go-live week: the credential that would have been issued; never counts as issued.
	'would_issue',
] as const;
export const EntryTypeSchema = z.enum(ENTRY_TYPES);
export type EntryType = z.infer<typeof EntryTypeSchema>;

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Key of entries about the ledger itself (repairs); idempotency keys may not start with "$". */
export const SYSTEM_KEY = '$ledger';

export const Sha256HexSchema = z
	.string()
	.regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256 (64 characters)');

// Control characters would make keys ambiguous in CSV exports and logs.
export const KEY_TEXT = /^\P{Cc}+$/u;

export const IdempotencyKeySchema = z
	.string()
	.min(1)
	.max(512)
	.regex(KEY_TEXT, 'expected text without control characters')
	.refine((key) => !key.startsWith('$'), 'keys starting with "$" are reserved for the ledger');

const StoredKeySchema = z.string().min(1).max(512).regex(KEY_TEXT);

export const ActorSchema = z
	.string()
	.min(1)
	.max(200)
	.regex(KEY_TEXT, 'expected text without control characters');

/** Key ids travel in every entry and in keyrings; kept to a plain alphabet so they never need escaping. */
export const KeyIdSchema = z
	.string()
	.regex(/^[A-Za-z0-9._:-]{1,64}$/, 'expected 1-64 letters, digits or . _ : -');

/** What a caller asks a store to append; the store adds seq, prevHash, keyId, hash and signature. */
export const EntryDraftSchema = z
	.object({
		type: EntryTypeSchema,
		key: StoredKeySchema,
		at: UtcTimestampSchema,
		actor: ActorSchema,
		payload: JsonObjectSchema,
		evidenceHash: Sha256HexSchema.optional(),
	})
	.strict();
export type EntryDraft = z.infer<typeof EntryDraftSchema>;

/**
 * One sealed line of the chain. `hash` is the SHA-256 of the canonical JSON of every other field
 * except `signature` (so it commits to seq and prevHash); `signature` covers the 64 hex
 * characters of `hash`, made with the key named by `keyId`. Payloads hold public data only:
 * private evidence is stored apart and referenced by `evidenceHash`, so it can be erased after
 * retention without breaking the chain.
 */
export const LedgerEntrySchema = z
	.object({
		seq: z.number().int().positive(),
		prevHash: Sha256HexSchema,
		at: UtcTimestampSchema,
		type: EntryTypeSchema,
		key: StoredKeySchema,
		payload: JsonObjectSchema,
		evidenceHash: Sha256HexSchema.optional(),
		actor: ActorSchema,
		keyId: KeyIdSchema,
		hash: Sha256HexSchema,
		signature: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/),
	})
	.strict();
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** The fields the hash covers. */
export type EntryBody = Omit<LedgerEntry, 'hash' | 'signature'>;

/** Position of the last entry: seq 0 and the genesis hash for an empty chain. */
export interface ChainHead {
	seq: number;
	hash: string;
}

export const EMPTY_HEAD: ChainHead = Object.freeze({ seq: 0, hash: GENESIS_HASH });

export function draftOf(
	type: EntryType,
	key: string,
	at: string,
	actor: string,
	payload: JsonObject,
	evidenceHash?: string,
): EntryDraft {
	return evidenceHash === undefined
		? { type, key, at, actor, payload }
		: { type, key, at, actor, payload, evidenceHash };
}
