import { canonicalJson, sha256Hex } from '../../../nodes/core/domain/canonical';
import {
	EMPTY_HEAD,
	GENESIS_HASH,
	LedgerEntrySchema,
	entryHash,
	parseEntryLine,
	sealEntry,
	type EntryDraft,
} from '../../../nodes/core/domain/ledger';
import { readKeyId, readLineTail } from '../../../nodes/core/domain/ledger/line-format';
import { testSigner } from './support/fixtures';

const draft: EntryDraft = {
	type: 'issued',
	key: 'ik_1',
	at: '2026-01-05T10:00:00.000Z',
	actor: 'workflow:7',
	payload: {
		platform: 'accredible',
		externalId: 'c-1',
		note: 'he said "hi", \u00e9\u4e2d\ud83d\ude00',
	},
	evidenceHash: 'b'.repeat(64),
};

describe('sealEntry', () => {
	const signer = testSigner();
	const first = sealEntry(draft, EMPTY_HEAD, signer);

	it('starts the chain at seq 1 after the genesis hash', () => {
		expect(first.entry.seq).toBe(1);
		expect(first.entry.prevHash).toBe(GENESIS_HASH);
		expect(GENESIS_HASH).toBe('0'.repeat(64));
		expect(first.entry.keyId).toBe('k1');
	});

	it('hashes the canonical JSON of every field but hash and signature, as a third party would', () => {
		const parsed = JSON.parse(first.line) as Record<string, unknown>;
		const { hash, signature, ...body } = parsed;
		expect(hash).toBe(sha256Hex(canonicalJson(body)));
		expect(entryHash(first.entry)).toBe(hash);
		expect(signer.verify(hash as string, signature as string)).toBe(true);
		expect(parsed).toEqual(first.entry);
		expect(LedgerEntrySchema.parse(parsed)).toEqual(first.entry);
	});

	it('commits to seq and prevHash', () => {
		const second = sealEntry(draft, { seq: 1, hash: first.entry.hash }, signer);
		expect(second.entry.seq).toBe(2);
		expect(second.entry.prevHash).toBe(first.entry.hash);
		expect(second.entry.hash).not.toBe(first.entry.hash);
		const elsewhere = sealEntry(draft, { seq: 1, hash: 'c'.repeat(64) }, signer);
		expect(elsewhere.entry.hash).not.toBe(second.entry.hash);
	});

	it('writes one line, and the fast tail reader agrees with a full parse', () => {
		expect(first.line).not.toContain('\n');
		const tail = readLineTail(first.line);
		expect(tail).toMatchObject({
			seq: 1,
			prevHash: GENESIS_HASH,
			type: 'issued',
			hash: first.entry.hash,
		});
		expect(sha256Hex(tail?.bodyText ?? '')).toBe(first.entry.hash);
		expect(readKeyId(tail?.bodyText ?? '')).toBe('k1');
	});

	it('finds the real keyId even when other strings contain look-alike text', () => {
		const tricky = sealEntry(
			{ ...draft, actor: 'x","keyId":"evil', key: ',"keyId":"evil2' },
			EMPTY_HEAD,
			signer,
		);
		expect(readKeyId(readLineTail(tricky.line)?.bodyText ?? '')).toBe('k1');
	});
});

describe('parseEntryLine', () => {
	const { line, entry } = sealEntry(draft, EMPTY_HEAD, testSigner());

	it('reads a sealed line back', () => {
		expect(parseEntryLine(line)).toEqual({ ok: true, entry });
	});

	it.each<[string, string, RegExp]>([
		['not JSON at all', 'garbage', /does not end with/],
		['a cut line', line.slice(0, 80), /does not end with/],
		['broken JSON before the tail', line.replace('"actor"', '"actor'), /not valid JSON/],
		['an unknown field', line.replace('{"actor"', '{"extra":1,"actor"'), /extra/],
		['a wrong field type', line.replace('"at":"2026-01-05T10:00:00.000Z"', '"at":5'), /field "at"/],
	])('explains %s', (_name, text, problem) => {
		const result = parseEntryLine(text);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problem).toMatch(problem);
	});
});
