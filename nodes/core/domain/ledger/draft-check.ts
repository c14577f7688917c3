import { UtcTimestampSchema } from '../model/completion-event';
import { ENTRY_TYPES, EntryDraftSchema, KEY_TEXT, type EntryDraft } from './entry';
import { parseOrThrow } from './errors';
import { MAX_JSON_DEPTH, type JsonObject, type JsonValue } from './json';

const TYPES = new Set<string>(ENTRY_TYPES);
const HEX64 = /^[0-9a-f]{64}$/;
const DRAFT_FIELDS = new Set(['type', 'key', 'at', 'actor', 'payload', 'evidenceHash']);

/**
 * A draft as EntryDraftSchema would return it, checked by hand first: the schema's JSON union
 * builds an issue for every alternative a value is not, which made validation most of the CPU
 * an append costs. Whatever the hand check does not accept goes through the schema, so refusals
 * keep their precise messages; it accepts only what the schema accepts, and copies the payload
 * as the schema does, so a caller changing its object afterwards cannot change the entry.
 */
export function checkedDraft(value: unknown): EntryDraft {
	return quickDraft(value) ?? parseOrThrow(EntryDraftSchema, value, 'ledger entry');
}

function quickDraft(value: unknown): EntryDraft | undefined {
	if (!isPlain(value)) return undefined;
	for (const name in value) if (!DRAFT_FIELDS.has(name)) return undefined;
	const { type, key, at, actor, payload, evidenceHash } = value;
	if (
		typeof type !== 'string' ||
		!TYPES.has(type) ||
		!isText(key, 512) ||
		!isText(actor, 200) ||
		typeof at !== 'string' ||
		!UtcTimestampSchema.safeParse(at).success
	) {
		return undefined;
	}
	const copy = isPlain(payload) ? jsonCopy(payload, 1) : undefined;
	if (copy === undefined) return undefined;
	const draft = { type, key, at, actor, payload: copy as JsonObject } as EntryDraft;
	if (!('evidenceHash' in value)) return draft;
	if (typeof evidenceHash !== 'string' || !HEX64.test(evidenceHash)) return undefined;
	return { ...draft, evidenceHash };
}

/** Key and actor text: 1..max UTF-16 units, no control characters. */
function isText(value: unknown, max: number): value is string {
	return typeof value === 'string' && value.length <= max && KEY_TEXT.test(value);
}

function isPlain(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const proto: unknown = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

/** A copy of a JSON value, or undefined for anything the schema might judge differently. */
function jsonCopy(value: unknown, depth: number): JsonValue | undefined {
	// Deeper values (scalars too) are the schema's to refuse, with the nesting message.
	if (depth > MAX_JSON_DEPTH) return undefined;
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return value;
		case 'number':
			return Number.isFinite(value) ? value : undefined;
		case 'object':
			break;
		default:
			return undefined;
	}
	if (value === null) return null;
	if (Array.isArray(value)) {
		const items: JsonValue[] = [];
		for (let i = 0; i < value.length; i++) {
			const item = jsonCopy(value[i], depth + 1);
			if (item === undefined) return undefined;
			items.push(item);
		}
		return items;
	}
	if (!isPlain(value)) return undefined;
	const copy: JsonObject = {};
	for (const name in value) {
		// The schema drops "__proto__" keys; leave such objects to it.
		if (name === '__proto__' || !Object.prototype.hasOwnProperty.call(value, name))
			return undefined;
		const item = jsonCopy(value[name], depth + 1);
		if (item === undefined) return undefined;
		copy[name] = item;
	}
	return copy;
}
