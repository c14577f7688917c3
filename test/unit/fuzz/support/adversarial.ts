// Adversarial input for the fuzz suite: strings, JSON values and request bodies that an attacker
// (or a broken exporter) could send. Generated values stay small so many cases run quickly; the
// megabyte-sized ones are fixed cases (see HUGE below), run once each.
import fc from 'fast-check';

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Strings that have broken parsers before: prototype names, BOM, NUL, lone surrogates, ... */
export const NASTY_STRINGS = [
	'',
	' ',
	'\uFEFF',
	'\u0000',
	'a\u0000b',
	'\uD800',
	'\uDFFF\uD800',
	'\u202E',
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'hasOwnProperty',
	'valueOf',
	'NaN',
	'Infinity',
	'-0',
	'1e309',
	'0x10',
	'9007199254740993',
	'%00',
	'%E0%A4%A',
	'../../../../etc/passwd',
	'<script>alert(1)</script>',
	'=cmd|" /C calc"!A0',
	"'; DROP TABLE entries; --",
	'{{ $env.N8N_ENCRYPTION_KEY }}',
	'a@b.co',
	'@'.repeat(50),
	'a'.repeat(5_000),
	'a@'.repeat(2_000),
	'2026-02-30T25:61:61Z',
	'9999-12-31T23:59:59Z',
	'0000-01-01T00:00:00Z',
];

export const nastyString = (): fc.Arbitrary<string> =>
	fc.oneof(
		{ weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
		{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
		{ weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
	);

/** Object keys, prototype names included (built so they become own keys, as JSON.parse does). */
export const nastyKey = (): fc.Arbitrary<string> =>
	fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), nastyString());

/** An object with these entries as own properties, `__proto__` included. */
export function objectOf(entries: ReadonlyArray<[string, unknown]>): Record<string, unknown> {
	const object: Record<string, unknown> = {};
	for (const [key, value] of entries) {
		Object.defineProperty(object, key, {
			value,
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return object;
}

const scalar = (): fc.Arbitrary<unknown> =>
	fc.oneof(
		nastyString(),
		fc.constantFrom(0, -0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 1e-300, true, false, null),
		fc.integer(),
		fc.double({ noNaN: true, noDefaultInfinity: true }),
	);

/** Any JSON-like value with adversarial keys and leaves, a few levels deep. */
export const nastyValue = (): fc.Arbitrary<unknown> =>
	fc.letrec<{ value: unknown }>((tie) => ({
		value: fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			scalar(),
			fc.array(tie('value'), { maxLength: 4 }),
			fc.array(fc.tuple(nastyKey(), tie('value')), { maxLength: 4 }).map(objectOf),
			fc.constantFrom(...PROTOTYPE_PAYLOADS),
		),
	})).value;

/** Values whose own keys would write onto Object.prototype if copied naively. */
export const PROTOTYPE_PAYLOADS: unknown[] = [
	JSON.parse('{"__proto__":{"polluted":"yes","email":"attacker@evil.test"}}'),
	JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
	JSON.parse('{"prototype":{"polluted":"yes"}}'),
	JSON.parse('[{"__proto__":{"isAdmin":true}}]'),
	JSON.parse('{"toString":"not a function","valueOf":{"x":1}}'),
	JSON.parse('{"hasOwnProperty":1}'),
];

/** Every path (as key lists) of a JSON value, the root included. */
export function pathsOf(value: unknown, prefix: string[] = []): string[][] {
	const paths = [prefix];
	if (value && typeof value === 'object') {
		for (const [key, child] of Object.entries(value))
			paths.push(...pathsOf(child, [...prefix, key]));
	}
	return paths;
}

/** A deep copy of `base` with the value at `path` replaced (the root when path is empty). */
export function replaceAt(base: unknown, path: readonly string[], value: unknown): unknown {
	if (path.length === 0) return value;
	const copy: unknown = JSON.parse(JSON.stringify(base));
	let parent = copy as Record<string, unknown>;
	for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
	Object.defineProperty(parent, path[path.length - 1], {
		value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
	return copy;
}

/** A valid example with one field (or the whole thing) swapped for an adversarial value. */
export function mutationOf(base: unknown): fc.Arbitrary<unknown> {
	const paths = pathsOf(base);
	return fc
		.tuple(fc.nat({ max: paths.length - 1 }), nastyValue())
		.map(([index, value]) => replaceAt(base, paths[index], value));
}

/** A value nested `depth` levels deep: {"a":{"a":...}} or [[[...]]]. */
export function deeplyNestedText(depth: number, kind: 'object' | 'array' = 'object'): string {
	return kind === 'object'
		? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
		: '['.repeat(depth) + '1' + ']'.repeat(depth);
}

const UTF8_INVALID = [
	Buffer.from([0xff]),
	Buffer.from([0xc3]),
	Buffer.from([0xed, 0xa0, 0x80]),
	Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
	Buffer.from([0xc0, 0xaf]),
];
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Raw request bodies around a valid one: the valid text broken in the ways a network, a proxy or
 * an attacker breaks it (truncated, BOM, invalid UTF-8 and NUL spliced in, duplicated), random
 * bytes, random JSON, and the valid value with one field swapped for an adversarial value.
 */
export function bodyAround(valid: unknown): fc.Arbitrary<Buffer> {
	const text = JSON.stringify(valid);
	const splice = (insert: Buffer) =>
		fc
			.nat({ max: text.length })
			.map((at) =>
				Buffer.concat([Buffer.from(text.slice(0, at)), insert, Buffer.from(text.slice(at))]),
			);
	return fc.oneof(
		mutationOf(valid).map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
		fc.nat({ max: text.length }).map((at) => Buffer.from(text.slice(0, at))),
		fc.constant(Buffer.concat([BOM, Buffer.from(text)])),
		fc.constantFrom(...UTF8_INVALID).chain(splice),
		splice(Buffer.from([0])),
		fc.constant(Buffer.from(text + text)),
		fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
		fc.json({ maxDepth: 4 }).map((json) => Buffer.from(json)),
		fc.constantFrom(...PROTOTYPE_PAYLOADS).map((value) => Buffer.from(JSON.stringify(value))),
		fc.constant(Buffer.from(deeplyNestedText(10_000))),
		fc.constant(Buffer.from(deeplyNestedText(10_000, 'array'))),
	);
}

/** Content types a sender may claim, right or wrong. */
export const contentType = (): fc.Arbitrary<string | undefined> =>
	fc.constantFrom(
		'application/json',
		'application/json; charset=utf-8',
		'application/x-www-form-urlencoded',
		'text/plain',
		'application/jwt',
		'multipart/form-data; boundary=x',
		'',
		undefined,
	);

/** Sizes of the fixed huge cases: 10 MB of text, 10,000 levels of nesting. */
export const HUGE = { chars: 10 * 1024 * 1024, depth: 10_000 } as const;
