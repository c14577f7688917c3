/**
 * A large JSON document read a list element at a time: where the elements of one top-level list
 * are in its UTF-8 bytes, so each can be parsed alone. A conference's 113 MB timelines file parsed
 * whole needed its text (113 MB) and the whole tree at once. Anything unusual (not an object, the
 * key missing, repeated or escaped, an empty element) gives undefined: the caller then parses the
 * document whole, with JSON.parse's own verdict.
 */
export interface ListParts {
	/** Byte offsets of the list itself, "[" to "]" inclusive (end exclusive). */
	list: { start: number; end: number };
	/** Byte offsets of each element (end exclusive). */
	elements: Array<{ start: number; end: number }>;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const LIST_OPEN = 0x5b;
const LIST_CLOSE = 0x5d;
const OBJECT_OPEN = 0x7b;
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const CLOSING = new Set([0x7d, LIST_CLOSE]);

/** Offset just past the string whose opening quote is at `start`; -1 if it never closes. */
function stringEnd(bytes: Uint8Array, start: number): number {
	let quote = bytes.indexOf(QUOTE, start + 1);
	while (quote !== -1) {
		let backslashes = 0;
		while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
		if (backslashes % 2 === 0) return quote + 1;
		quote = bytes.indexOf(QUOTE, quote + 1);
	}
	return -1;
}

/** Where the list under `key` of the document's top-level object and its elements are. */
export function topLevelListParts(bytes: Uint8Array, key: string): ListParts | undefined {
	const wanted = JSON.stringify(key);
	const decoder = new TextDecoder();
	let depth = 0;
	let expectKey = false;
	let lastKey: string | undefined;
	let keysFound = 0;
	let parts: ListParts | undefined;
	let elementStart = -1;
	let afterComma = false;
	// Just past the previous token byte: where an element ends when a comma or "]" follows.
	let previousEnd = 0;
	for (let i = 0; i < bytes.length; i++) {
		const byte = bytes[i];
		if (WHITESPACE.has(byte)) continue;
		const inList = parts !== undefined && parts.list.end === -1 && depth === 2;
		if (inList && elementStart === -1 && byte !== COMMA && byte !== LIST_CLOSE) {
			elementStart = i;
			afterComma = false;
		}
		if (byte === QUOTE) {
			const end = stringEnd(bytes, i);
			if (end === -1) return undefined;
			if (depth === 1 && expectKey) {
				lastKey = decoder.decode(bytes.subarray(i, end));
				// An escaped key could spell the wanted one differently: parse such a file whole.
				if (lastKey.includes('\\')) return undefined;
				if (lastKey === wanted && ++keysFound > 1) return undefined;
				expectKey = false;
			}
			i = end - 1;
			previousEnd = end;
			continue;
		}
		if (byte === OBJECT_OPEN || byte === LIST_OPEN) {
			if (depth === 1 && byte === LIST_OPEN && lastKey === wanted) {
				if (parts) return undefined;
				parts = { list: { start: i, end: -1 }, elements: [] };
			}
			depth++;
			expectKey = byte === OBJECT_OPEN && depth === 1;
		} else if (CLOSING.has(byte)) {
			if (inList) {
				if (byte !== LIST_CLOSE || afterComma) return undefined;
				if (elementStart !== -1) parts?.elements.push({ start: elementStart, end: previousEnd });
				if (parts) parts.list.end = i + 1;
			}
			depth--;
		} else if (byte === COMMA) {
			if (depth === 1) expectKey = true;
			if (inList) {
				if (elementStart === -1) return undefined;
				parts?.elements.push({ start: elementStart, end: previousEnd });
				elementStart = -1;
				afterComma = true;
			}
		}
		previousEnd = i + 1;
	}
	return keysFound === 1 && parts && parts.list.end !== -1 && depth === 0 ? parts : undefined;
}
