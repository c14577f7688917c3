import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { isLedgerError } from '../../../nodes/core/domain/ledger';
import { publicDataIssues } from '../../../nodes/core/domain/ledger/inputs';
import { ISSUED, decision, openTestLedger, removeTempFolders } from './support/fixtures';

afterEach(removeTempFolders);

// A linear check of 100,000 characters takes a few milliseconds; the quadratic one this replaces took
// about 10 s for 100,000 characters, so the bound separates the two with a wide margin.
const BOUND_MS = 200;

async function timed<T>(run: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
	const started = performance.now();
	const result = await run();
	return { result, ms: performance.now() - started };
}

describe('ledger input limits', () => {
	it('refuses a 100,000-character learner id quickly, naming the field and the limit', async () => {
		const { ledger, store } = await openTestLedger();
		const { result: error, ms } = await timed(() =>
			ledger.reserve('k', decision('x'.repeat(100_000))).catch((e: unknown) => e),
		);
		expect(isLedgerError(error, 'invalid_input')).toBe(true);
		expect((error as Error).message).toBe(
			'Invalid decision: decision.subject.learnerId: is 100,000 characters long; the limit is 256',
		);
		expect(ms).toBeLessThan(BOUND_MS);
		expect(readFileSync(join(store.folder, 'chain.jsonl'), 'utf8')).toBe('');
		await store.close();
	});

	it('refuses an oversized credential id on record, naming the field', async () => {
		const { ledger, store } = await openTestLedger();
		await ledger.reserve('k', decision());
		const error = await ledger
			.record('k', 'issued', { ...ISSUED, externalId: 'c'.repeat(5000) }, 'workflow:1')
			.catch((e: unknown) => e);
		expect(isLedgerError(error, 'invalid_input')).toBe(true);
		expect((error as Error).message).toMatch(
			/details\.externalId: is 5,000 characters long; the limit is 256$/,
		);
		await store.close();
	});
});

describe('the public-data e-mail check', () => {
	// 100,000 characters took the quadratic check about 10 s; the sweep of every regex on 1 MB
	// lives in test/unit/regex-linear-time.test.ts.
	const SIZE = 100_000;
	it.each([
		['letters', 'a'.repeat(SIZE) + '!'],
		['at signs', '@'.repeat(SIZE)],
		['dots', '.'.repeat(SIZE)],
		['name@ pairs', 'a@'.repeat(SIZE / 2)],
		['a domain without a top-level part', 'a@' + 'b.1'.repeat(SIZE / 3)],
		['user@host pieces', 'a@b'.repeat(SIZE / 3) + '.'],
	])('scans 100,000 characters of %s in linear time', async (_name, text) => {
		const { result, ms } = await timed(() => publicDataIssues({ attributes: { note: text } }));
		expect(result).toEqual([]);
		expect(ms).toBeLessThan(BOUND_MS);
	});

	it.each([
		['ada@example.org', true],
		['to: Ada <ada.lovelace@mail.example.co.uk>', true],
		['100,000 characters of text, then ada@example.org', true],
		['ada@example', false],
		['@example.org', false],
		['ada@.org', false],
		['ada @example.org', false],
		['ada@example.c', false],
	])('still finds addresses: %j -> %s', (text, found) => {
		const note = text.startsWith('100,000') ? 'x'.repeat(SIZE) + text : text;
		const issues = publicDataIssues({ attributes: { note } });
		expect(issues.map((issue) => issue.path)).toEqual(found ? ['attributes.note'] : []);
	});
});
