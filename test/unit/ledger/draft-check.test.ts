import { EntryDraftSchema, LedgerError } from '../../../nodes/core/domain/ledger';
import { checkedDraft } from '../../../nodes/core/domain/ledger/draft-check';
import { parseOrThrow } from '../../../nodes/core/domain/ledger/errors';

const valid = {
	type: 'issued',
	key: 'ik_1',
	at: '2026-01-05T10:00:00.000Z',
	actor: 'workflow:7',
	payload: { platform: 'accredible', n: -0.5, ok: true, none: null, list: [1, 'a', { b: [] }] },
};

/** What the schema alone says about a value: the draft it returns, or its error message. */
function bySchema(value: unknown): unknown {
	try {
		return parseOrThrow(EntryDraftSchema, value, 'ledger entry');
	} catch (error) {
		return (error as Error).message;
	}
}

function byCheck(value: unknown): unknown {
	try {
		return checkedDraft(value);
	} catch (error) {
		expect(error).toBeInstanceOf(LedgerError);
		return (error as Error).message;
	}
}

function nested(levels: number): unknown {
	let value: unknown = 'leaf';
	for (let i = 0; i < levels; i++) value = { down: value };
	return value;
}

describe('checkedDraft (the append path check)', () => {
	it.each([
		['a plain draft', valid],
		['a draft with an evidence hash', { ...valid, evidenceHash: 'a'.repeat(64) }],
		['a payload 63 levels below the draft', { ...valid, payload: nested(63) }],
		[
			'a null-prototype payload',
			{ ...valid, payload: Object.assign(Object.create(null), { a: 1 }) },
		],
	])('returns what the schema returns for %s', (_, value) => {
		expect(byCheck(value)).toEqual(bySchema(value));
		expect(typeof bySchema(value)).toBe('object');
	});

	const sparse: unknown[] = [1];
	sparse[2] = 3;
	const withProto = JSON.parse('{"__proto__": {"x": 1}, "a": 1}') as unknown;
	class Shaped {
		a = 1;
	}
	it.each([
		['an unknown type', { ...valid, type: 'granted' }],
		['an unknown field', { ...valid, extra: 1 }],
		['an empty key', { ...valid, key: '' }],
		['a key with a control character', { ...valid, key: 'a\u0007b' }],
		['a key of 513 characters', { ...valid, key: 'k'.repeat(513) }],
		['an actor of 201 characters', { ...valid, actor: 'a'.repeat(201) }],
		['a naive time', { ...valid, at: '2026-01-05T10:00:00' }],
		['an impossible date', { ...valid, at: '2026-02-30T10:00:00.000Z' }],
		['an upper-case evidence hash', { ...valid, evidenceHash: 'A'.repeat(64) }],
		['NaN in the payload', { ...valid, payload: { n: Number.NaN } }],
		['Infinity deep in the payload', { ...valid, payload: { a: [{ n: Infinity }] } }],
		['undefined in the payload', { ...valid, payload: { a: [undefined] } }],
		['a hole in a payload array', { ...valid, payload: { a: sparse } }],
		['a function in the payload', { ...valid, payload: { f: () => 1 } }],
		['a payload that is an array', { ...valid, payload: [1] }],
		['a payload 65 levels below the draft', { ...valid, payload: nested(65) }],
	])('refuses %s exactly as the schema does', (_, value) => {
		const expected = bySchema(value);
		expect(typeof expected).toBe('string');
		expect(byCheck(value)).toBe(expected);
	});

	it.each([
		['a "__proto__" key (the schema drops it)', { ...valid, payload: withProto }],
		['a class instance', { ...valid, payload: { a: new Shaped() } }],
		['an explicit undefined evidence hash', { ...valid, evidenceHash: undefined }],
	])('leaves %s to the schema and returns its result', (_, value) => {
		expect(byCheck(value)).toEqual(bySchema(value));
	});

	it('copies the payload, so changing the object afterwards cannot change the entry', () => {
		const payload = { list: [1, 2], inner: { a: 'x' } };
		const draft = checkedDraft({ ...valid, payload });
		payload.list.push(3);
		payload.inner.a = 'changed';
		expect(draft.payload).toEqual({ list: [1, 2], inner: { a: 'x' } });
	});
});
