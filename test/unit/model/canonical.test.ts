import { canonicalJson, sha256Hex } from '../../../nodes/core/domain/canonical';

describe('canonicalJson', () => {
	it.each([
		['sorts keys', { b: 1, a: 2 }, '{"a":2,"b":1}'],
		[
			'sorts nested keys',
			{ z: { y: 1, x: [{ d: 1, c: 2 }] }, a: null },
			'{"a":null,"z":{"x":[{"c":2,"d":1}],"y":1}}',
		],
		['keeps array order', [3, 1, 2], '[3,1,2]'],
		['drops undefined properties', { a: undefined, b: 1 }, '{"b":1}'],
		['writes undefined array items as null', [1, undefined, 2], '[1,null,2]'],
		[
			'escapes strings like JSON',
			{ 'k"ey': 'line\nbreak "q"' },
			'{"k\\"ey":"line\\nbreak \\"q\\""}',
		],
		['writes -0 as 0', { a: -0 }, '{"a":0}'],
		['writes numbers in shortest form', [1e21, 0.1, 2026.1], '[1e+21,0.1,2026.1]'],
		['sorts by UTF-16 code units (uppercase first)', { b: 1, B: 2, a: 3 }, '{"B":2,"a":3,"b":1}'],
		[
			'uses toJSON (dates)',
			{ at: new Date('2024-06-03T14:20:10Z') },
			'{"at":"2024-06-03T14:20:10.000Z"}',
		],
		['handles scalars', 'text', '"text"'],
		['handles null', null, 'null'],
		['handles booleans', [true, false], '[true,false]'],
	])('%s', (_, value, expected) => {
		expect(canonicalJson(value)).toBe(expected);
	});

	it('gives the same text whatever the key insertion order', () => {
		const one = { id: 'x', courses: { b: { p: 1, q: [1, 2] }, a: {} } };
		const two = { courses: { a: {}, b: { q: [1, 2], p: 1 } }, id: 'x' };
		expect(canonicalJson(one)).toBe(canonicalJson(two));
	});

	it('has no whitespace outside strings', () => {
		expect(canonicalJson({ a: [1, { b: 'x y' }] })).toBe('{"a":[1,{"b":"x y"}]}');
	});

	it.each([
		['NaN', { a: Number.NaN }, /NaN at a/],
		['Infinity', [Infinity], /Infinity at \[0\]/],
		['a bigint', { a: { b: 1n } }, /bigint at a\.b/],
		['a function', { f: () => 1 }, /function at f/],
		['a symbol', [Symbol('s')], /symbol/],
		['a Map', { m: new Map([[1, 2]]) }, /non-plain object at m/],
	])('refuses %s instead of hashing a lossy form', (_, value, message) => {
		expect(() => canonicalJson(value)).toThrow(message);
	});

	it('refuses circular structures', () => {
		const loop: Record<string, unknown> = { a: 1 };
		loop.self = loop;
		expect(() => canonicalJson(loop)).toThrow(/circular reference at self/);
	});

	it('allows the same object twice when it is not circular', () => {
		const shared = { x: 1 };
		expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
	});
});

describe('sha256Hex', () => {
	it.each([
		['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
		['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
	])('hashes %j to the published test vector', (text, hex) => {
		expect(sha256Hex(text)).toBe(hex);
	});

	it('hashes UTF-8 bytes, so composed and decomposed accents differ', () => {
		expect(sha256Hex('\u00e9')).not.toBe(sha256Hex('e\u0301'));
		expect(sha256Hex('\u00e9')).toMatch(/^[0-9a-f]{64}$/);
	});
});
