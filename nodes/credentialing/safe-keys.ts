/**
 * Keys that must never come from outside: written as object keys they reach Object.prototype
 * (`__proto__`) or a constructor (`constructor`, `prototype`), and one request could then change
 * every object in the n8n process. Form bodies, CSV headers, column and identity maps, rule sets
 * and JSON documents all go through this module before their keys become object keys.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const RESERVED_KEY_NAMES = [...RESERVED_KEYS].join(', ');

export function isReservedKey(key: string): boolean {
	return RESERVED_KEYS.has(key);
}

/** The problem, for messages that name the field apart (path: message). */
export const RESERVED_KEY_ISSUE = `uses a reserved name; ${RESERVED_KEY_NAMES} cannot be used as keys: rename it`;

/** What to tell the user: the field, and that the name must change. */
export function reservedKeyMessage(field: string): string {
	return `Field "${field}" ${RESERVED_KEY_ISSUE}`;
}

/** A reserved key in user data; `field` is the dot path of the key itself. */
export class ReservedKeyError extends Error {
	constructor(readonly field: string) {
		super(reservedKeyMessage(field));
		this.name = 'ReservedKeyError';
	}
}

/** Throws ReservedKeyError when `key` is reserved; `field` names it in the message. */
export function assertSafeKey(key: string, field: string = key): void {
	if (isReservedKey(key)) throw new ReservedKeyError(field);
}

/** An object with no prototype: a key such as "__proto__" stays plain data on it. */
export function nullPrototypeRecord<T>(): Record<string, T> {
	return Object.create(null) as Record<string, T>;
}

const joinPath = (parent: string, key: string) => (parent === '' ? key : `${parent}.${key}`);

/**
 * The dot path of the first reserved key anywhere in `value` (arrays use their index), or
 * undefined. Walked with an explicit stack: a deeply nested document cannot overflow the call
 * stack, and each node is visited once.
 */
export function findReservedKey(value: unknown, root = ''): string | undefined {
	const pending: Array<{ value: unknown; path: string }> = [{ value, path: root }];
	while (pending.length > 0) {
		const next = pending.pop() as { value: unknown; path: string };
		if (typeof next.value !== 'object' || next.value === null) continue;
		if (Array.isArray(next.value)) {
			next.value.forEach((entry, index) =>
				pending.push({ value: entry, path: joinPath(next.path, String(index)) }),
			);
			continue;
		}
		for (const key of Object.keys(next.value)) {
			const path = joinPath(next.path, key);
			if (isReservedKey(key)) return path;
			pending.push({ value: (next.value as Record<string, unknown>)[key], path });
		}
	}
	return undefined;
}

/** The first reserved key as a validation issue (path and problem), or none. */
export function reservedKeyIssues(
	value: unknown,
	root = '',
): Array<{ path: string; message: string }> {
	const path = findReservedKey(value, root);
	return path === undefined ? [] : [{ path, message: RESERVED_KEY_ISSUE }];
}

/** Throws ReservedKeyError naming the first reserved key in `value`. */
export function assertNoReservedKeys<T>(value: T, root = ''): T {
	const field = findReservedKey(value, root);
	if (field !== undefined) throw new ReservedKeyError(field);
	return value;
}

/**
 * JSON.parse that refuses reserved keys anywhere in the document. JSON.parse itself only makes
 * own properties, but the keys are later copied into plain objects (spread, Object.assign,
 * merges), where "__proto__" would become a prototype. Throws SyntaxError or ReservedKeyError.
 */
export function parseJsonSafely(text: string): unknown {
	return assertNoReservedKeys(JSON.parse(text) as unknown);
}
