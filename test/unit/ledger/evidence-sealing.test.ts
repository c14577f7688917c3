import { canonicalJson, sha256Hex } from '../../../nodes/core/domain/canonical';
import { evidenceRecordText, sealEvidence } from '../../../nodes/core/domain/ledger/evidence';
import { storedEvidenceText } from '../../../nodes/core/domain/ledger/evidence-cipher';
import { MAX_JSON_DEPTH, nestingIssue } from '../../../nodes/core/domain/ledger/json';

/** Evidence with what canonical JSON must get right: key order, escapes, numbers, nesting. */
const EVIDENCE = {
	zeta: [3, -0, 1.5e-7, { b: 'x', a: null }],
	attendeeId: 'a00042@conference.example.org',
	name: 'Zoë \u00e9 "quoted" \\ line\nbreak \ud83c\udf89 lone \ud800',
	10: 'integer-like key',
	__proto__key: { nested: [[], {}, [true, false]] },
	skipped: undefined,
};

/** `levels` arrays inside each other under `top`. */
function nested(top: string, levels: number): unknown {
	let value: unknown = 'leaf';
	for (let i = 0; i < levels; i++) value = [value];
	return { [top]: value, flat: 1 };
}

describe('sealEvidence', () => {
	it('hashes the canonical JSON of {salt, data}, as it always has', () => {
		const sealed = sealEvidence(EVIDENCE);
		const { salt, data } = sealed.record as { salt: string; data: unknown };
		expect(data).toEqual(JSON.parse(canonicalJson(EVIDENCE)));
		expect(sealed.hash).toBe(sha256Hex(canonicalJson({ salt, data })));
	});

	it('gives a store the same text as serialising the record, and refuses a foreign hash', () => {
		const sealed = sealEvidence(EVIDENCE);
		const serialised = canonicalJson(JSON.parse(JSON.stringify(sealed.record)));
		expect(evidenceRecordText(sealed.record)).toBe(serialised);
		expect(storedEvidenceText(sealed.hash, sealed.record, undefined)).toBe(serialised);
		expect(() => storedEvidenceText(sealEvidence(EVIDENCE).hash, sealed.record, undefined)).toThrow(
			/does not match its hash/,
		);
	});

	it('serialises a record it did not make', () => {
		const record = { salt: '00', data: { b: 2, a: 1 } };
		expect(evidenceRecordText(record)).toBe('{"data":{"a":1,"b":2},"salt":"00"}');
	});

	it('keeps its record from being changed after sealing', () => {
		const sealed = sealEvidence({ a: 1 });
		expect(() => {
			(sealed.record as Record<string, unknown>).data = { a: 2 };
		}).toThrow(TypeError);
	});
});

describe('nestingIssue', () => {
	it(`takes ${MAX_JSON_DEPTH} levels and refuses one more, naming the top field`, () => {
		expect(nestingIssue(nested('signals', MAX_JSON_DEPTH - 1))).toBeUndefined();
		expect(nestingIssue(nested('signals', MAX_JSON_DEPTH))).toEqual({
			path: 'signals',
			message: `nested more than ${MAX_JSON_DEPTH} levels deep; flatten the value`,
		});
	});

	it('names the index when the top level is a list', () => {
		expect(nestingIssue(['ok', nested('x', MAX_JSON_DEPTH)])?.path).toBe('[1]');
	});

	it('walks 10,000 levels without overflowing the stack', () => {
		expect(nestingIssue(nested('deep', 10_000))?.path).toBe('deep');
	});
});
