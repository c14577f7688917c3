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

/** An object with no prototype: a key such as "__proto__" stays plain data on it. */
export function nullPrototypeRecord<T>(): Record<string, T> {
	return Object.create(null) as Record<string, T>;
}

const joinPath = (parent: string, key: string) => (parent === '' ? key : `${parent}.${key}`);

/**
 * The dot path of the first reserved key anywhere in `value` (arrays use their index), or
 * undefined. Walked with an explicit stack: a deeply nested document cannot overflow the call
 * stack, and each object is visited once (an object built by an expression may hold a cycle).
 */
export function findReservedKey(value: unknown, root = ''): string | undefined {
	const pending: Array<{ value: unknown; path: string }> = [{ value, path: root }];
	const seen = new Set<object>();
	while (pending.length > 0) {
		const next = pending.pop() as { value: unknown; path: string };
		if (typeof next.value !== 'object' || next.value === null || seen.has(next.value)) continue;
		seen.add(next.value);
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
