// Every parser that turns user data into object keys refuses __proto__, constructor and
// prototype with an error that names the field, and leaves Object.prototype untouched.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseCsv } from '../../../nodes/core/domain/attendance';
import { parseCreditPolicies, parseCreditPolicyText } from '../../../nodes/core/domain/credit';
import { parseCompletionRuleSetText } from '../../../nodes/core/domain/rules';
import { findReservedKey, reservedKeyIssues } from '../../../nodes/core/domain/safe-keys';
import { parseStructuredText } from '../../../nodes/kit/cpe/structured-text';
import { readJsonParameter } from '../../../nodes/kit/errors';
import { attributesFrom } from '../../../nodes/kit/issuing/issue-input';

const RULES_YAML = readFileSync(
	join(__dirname, '../../fixtures/rule-sets/completion-rules.yaml'),
	'utf8',
);
const RESERVED = /uses a reserved name; __proto__, constructor, prototype cannot be used as keys/;

afterEach(() => {
	// Nothing a parser read may have reached every object.
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	expect(Object.keys(Object.prototype)).toEqual([]);
});

describe('the shared helper', () => {
	it('finds the first reserved key with its path, arrays by index', () => {
		expect(findReservedKey({ a: [{ b: 1 }, { constructor: 1 }] })).toBe('a.1.constructor');
		expect(findReservedKey({ a: { prototype: 1 } }, 'rules')).toBe('rules.a.prototype');
		expect(findReservedKey({ a: 'constructor', b: ['__proto__'] })).toBeUndefined();
		const cyclic: Record<string, unknown> = { a: 1 };
		cyclic.self = cyclic;
		expect(findReservedKey(cyclic)).toBeUndefined();
	});

	it('reports the first reserved key as an issue (path and problem), or none', () => {
		expect(reservedKeyIssues(JSON.parse('{"x":{"__proto__":{"polluted":1}}}'))).toEqual([
			{ path: 'x.__proto__', message: expect.stringMatching(RESERVED) },
		]);
		expect(reservedKeyIssues({ x: ['constructor'] })).toEqual([]);
	});
});

describe('Attendance CSV headers', () => {
	it.each(['__proto__', 'constructor', 'prototype'])('a "%s" column is refused by name', (name) => {
		const result = parseCsv(`Email,${name},Time\na@example.com,{"polluted":1},09:00\n`);
		expect(result).toEqual({
			ok: false,
			row: 0,
			column: name,
			message: expect.stringMatching(RESERVED),
		});
	});
});

describe('column mappings, identity maps and JSON options (readJsonParameter)', () => {
	it.each([
		['{"__proto__":{"polluted":"yes"}}', 'Identity Map.__proto__'],
		['{"email":"Mail","constructor":"x"}', 'Identity Map.constructor'],
		['{"a":{"prototype":{"polluted":1}}}', 'Identity Map.a.prototype'],
	])('%s is refused at %s', (text, path) => {
		expect(readJsonParameter(text, 'Identity Map')).toEqual({
			ok: false,
			issue: { path, message: expect.stringMatching(RESERVED) },
		});
	});

	it('an object set by an expression is checked too', () => {
		const fromItem = JSON.parse('{"attendee":"a","__proto__":{"polluted":1}}') as unknown;
		expect(readJsonParameter(fromItem, 'Column Mapping')).toMatchObject({
			ok: false,
			issue: { path: 'Column Mapping.__proto__' },
		});
	});

	it('custom attributes of an issue request are refused by name', () => {
		const node = { name: 'Certifier', type: 'certifier', typeVersion: 1 } as never;
		expect(() =>
			attributesFrom(node, 0, '{"Location":"London","__proto__":"x"}', 'attributes', {}),
		).toThrow(/attributes\.__proto__/);
	});
});

describe('YAML and JSON rule sets', () => {
	it('a course id "__proto__" in YAML is refused at its path', () => {
		const result = parseCompletionRuleSetText(
			RULES_YAML.replace('  SCORE-ONLY:\n', '  __proto__:\n'),
		);
		expect(result).toEqual({
			ok: false,
			issues: [{ path: 'courses.__proto__', message: expect.stringMatching(RESERVED) }],
		});
	});

	it('a "constructor" key in a JSON rule set is refused at its path', () => {
		const text = JSON.stringify({
			id: 'r',
			version: '1',
			courses: { C1: { passingScore: 50, constructor: { polluted: 1 } } },
		});
		expect(parseCompletionRuleSetText(text)).toMatchObject({
			ok: false,
			issues: [{ path: 'courses.C1.constructor' }],
		});
	});

	it('credit policies (JSON text and parsed YAML) are refused at the path', () => {
		expect(parseCreditPolicyText('{"type":"nasba","__proto__":{"polluted":1}}')).toMatchObject({
			ok: false,
			issues: [{ path: '__proto__', message: expect.stringMatching(RESERVED) }],
		});
		const yaml = parseStructuredText('- id: p1\n  type: nasba\n  prototype: {polluted: 1}\n');
		expect(yaml).toEqual({ ok: false, message: expect.stringContaining('Field "0.prototype"') });
		expect(parseCreditPolicies([{ id: 'p', constructor: 1 }])).toMatchObject({
			ok: false,
			issues: [{ path: '[0].constructor' }],
		});
	});
});
