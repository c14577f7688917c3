import { createHash } from 'node:crypto';

/**
 * Deterministic JSON: object keys sorted recursively (UTF-16 code unit order, as in RFC 8785),
 * no whitespace, array order kept, undefined object properties dropped.
 * Used for hashes, so anything JSON cannot represent faithfully is refused instead of being
 * silently turned into null or {}.
 */
export function canonicalJson(value: unknown): string {
	return serialise(value, [], []);
}

/** Hex-encoded SHA-256 of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

type PathSegment = string | number;

// `ancestors` and `path` are stacks shared by the whole walk (pushed and popped around each
// child): copying them per object, or formatting a path per key, cost more than the hashing on
// the ledger's append path. A path is only formatted when a value is refused.
function serialise(value: unknown, ancestors: object[], path: PathSegment[]): string {
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
	ancestors.push(obj);
	const text = Array.isArray(obj)
		? arrayText(obj, ancestors, path)
		: objectText(obj, ancestors, path);
	ancestors.pop();
	return text;
}

function arrayText(items: unknown[], ancestors: object[], path: PathSegment[]): string {
	// Like JSON.stringify, holes and undefined array items become null so indexes stay stable.
	const texts = items.map((item: unknown, i) => {
		if (item === undefined) return 'null';
		path.push(i);
		const text = serialise(item, ancestors, path);
		path.pop();
		return text;
	});
	return `[${texts.join(',')}]`;
}

function objectText(obj: object, ancestors: object[], path: PathSegment[]): string {
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
		path.push(key);
		parts.push(`${JSON.stringify(key)}:${serialise(item, ancestors, path)}`);
		path.pop();
	}
	return `{${parts.join(',')}}`;
}

function where(path: PathSegment[]): string {
	if (path.length === 0) return 'the top level';
	const text = path
		.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`))
		.join('');
	return text.slice(text.startsWith('.') ? 1 : 0);
}
