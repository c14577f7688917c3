import { tooLongMessage } from '../model/limits';
import { invalidField } from './errors';

/**
 * The largest credential Verify reads, in characters of JSON. An Open Badge with an embedded PNG
 * runs to a few hundred kilobytes; anything beyond this is refused before it is parsed, so one
 * item cannot make the canonicaliser work for minutes.
 */
export const MAX_CREDENTIAL_CHARS = 2_000_000;
/** Deeper than any credential needs; stops a crafted document from exhausting the walk. */
const MAX_DEPTH = 64;

/**
 * A credential to verify, as JSON text or an object an expression produced, copied into objects
 * without a prototype: a key such as "__proto__" stays plain data and reaches nothing shared.
 * Too large, too deep or not JSON is refused naming the field and the limit.
 */
export function readCredentialInput(value: unknown, field = 'credential'): unknown {
	const text = typeof value === 'string' ? value : jsonTextOf(value, field);
	if (text.length > MAX_CREDENTIAL_CHARS)
		throw invalidField(
			field,
			`${tooLongMessage(text.length, MAX_CREDENTIAL_CHARS)}; verify one credential at a time, without embedded files it does not need`,
		);
	if (text.trim() === '') throw invalidField(field, 'give the credential JSON to verify');
	try {
		return JSON.parse(text, withoutPrototypes);
	} catch (error) {
		if (error instanceof RangeError)
			throw invalidField(field, `is nested more than ${MAX_DEPTH} levels deep`);
		throw invalidField(field, `is not valid JSON (${(error as Error).message.slice(0, 120)})`);
	}
}

function jsonTextOf(value: unknown, field: string): string {
	if (value === undefined || value === null) return '';
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		throw invalidField(field, 'cannot be read as JSON (it refers to itself)');
	}
}

// JSON.parse builds from the inside out, so each object is copied once, its members already done.
function withoutPrototypes(this: unknown, _key: string, value: unknown): unknown {
	if (typeof value !== 'object' || value === null) return value;
	if (depthOf(value) > MAX_DEPTH) throw new RangeError('too deep');
	if (Array.isArray(value)) return value;
	const copy = Object.create(null) as Record<string, unknown>;
	for (const key of Object.keys(value)) copy[key] = (value as Record<string, unknown>)[key];
	return copy;
}

const depths = new WeakMap<object, number>();

function depthOf(value: object): number {
	let deepest = 0;
	for (const member of Object.values(value))
		if (typeof member === 'object' && member !== null)
			deepest = Math.max(deepest, depths.get(member) ?? 0);
	depths.set(value, deepest + 1);
	return deepest + 1;
}
