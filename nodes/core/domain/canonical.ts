import { createHash } from 'node:crypto';

/**
 * Deterministic JSON: object keys sorted recursively (UTF-16 code unit order, as in RFC 8785),
 * no whitespace, array order kept, undefined object properties dropped.
 * Used for hashes, so anything JSON cannot represent faithfully is refused instead of being
 * silently turned into null or {}.
 */
export function canonicalJson(value: unknown): string {
	return serialise(value, [], '');
}

/** Hex-encoded SHA-256 of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

function serialise(value: unknown, ancestors: object[], path: string): string {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'string':
			return JSON.stringify(value);
		case 'boolean':
			return value ? 'true' : 'false';
		case 'number':
			if (!Number.isFinite(value)) {
				throw new TypeError(`canonicalJson: ${String(value)} at ${where(path)} has no JSON form`);
			}
			// Object.is keeps -0 out: JSON has no negative zero and hashes must not depend on it.
			return JSON.stringify(Object.is(value, -0) ? 0 : value);
		case 'object':
			break;
		default:
			throw new TypeError(`canonicalJson: a ${typeof value} at ${where(path)} has no JSON form`);
	}

	const obj = value as object;
	if (ancestors.includes(obj)) {
		throw new TypeError(`canonicalJson: circular reference at ${where(path)}`);
	}
	const toJson = (obj as { toJSON?: unknown }).toJSON;
	if (typeof toJson === 'function') {
		return serialise((toJson as () => unknown).call(obj), ancestors, path);
	}
	const nextAncestors = [...ancestors, obj];

	if (Array.isArray(obj)) {
		// Like JSON.stringify, holes and undefined array items become null so indexes stay stable.
		const items = obj.map((item: unknown, i) =>
			item === undefined ? 'null' : serialise(item, nextAncestors, `${path}[${i}]`),
		);
		return `[${items.join(',')}]`;
	}

	const proto: unknown = Object.getPrototypeOf(obj);
	if (proto !== Object.prototype && proto !== null) {
		throw new TypeError(
			`canonicalJson: a non-plain object at ${where(path)} has no stable JSON form`,
		);
	}
	const record = obj as Record<string, unknown>;
	const parts: string[] = [];
	for (const key of Object.keys(record).sort()) {
		const item = record[key];
		if (item === undefined) continue;
		parts.push(`${JSON.stringify(key)}:${serialise(item, nextAncestors, `${path}.${key}`)}`);
	}
	return `{${parts.join(',')}}`;
}

function where(path: string): string {
	return path === '' ? 'the top level' : path.slice(path.startsWith('.') ? 1 : 0);
}
