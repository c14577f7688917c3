import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { csvCell, verifyChain } from '../../../nodes/core/domain/ledger';
import { linesOf } from './support/chain-text';
import {
	ISSUED,
	decision,
	openTestLedger,
	removeTempFolders,
	testSigner,
} from './support/fixtures';

afterEach(removeTempFolders);

/** A small RFC 4180 reader, to prove the export parses back to the same cells. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += c;
	}
	return rows;
}

describe('csvCell', () => {
	it.each<[string, string]>([
		['plain', 'plain'],
		['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
		['+1+2', "'+1+2"],
		['-2', "'-2"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tcmd', "'\tcmd"],
		['\rcmd', `"'\rcmd"`],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['two\nlines', '"two\nlines"'],
		[' padded ', '" padded "'],
		['', ''],
	])('%j -> %j', (value, cell) => {
		expect(csvCell(value)).toBe(cell);
	});
});

describe('exports', () => {
	it('writes one CSV row per credential with status and evidence hash, neutralising formulas', async () => {
		const { ledger, store } = await openTestLedger();
		await ledger.reserve('=cmd|calc', decision('L-1', '@C'), {
			evidence: { email: 'ada@example.org' },
		});
		await ledger.record('=cmd|calc', 'issued', { ...ISSUED, externalId: '+42' }, 'w');
		await ledger.reserve('plain, "quoted"', decision('L-2', 'C'));
		await ledger.record('plain, "quoted"', 'failed', { error: 'HTTP 422', retryable: false }, 'w');
		await ledger.revoke('=cmd|calc', { reason: '-because', operator: 'ops' });
		const rows = parseCsv(await ledger.exportCsv());
		const header = rows[0];
		const get = (row: string[], name: string) => row[header.indexOf(name)];
		expect(rows).toHaveLength(3);
		expect(header).toEqual(
			expect.arrayContaining([
				'key',
				'status',
				'evidence_hash',
				'rule_hash',
				'platform',
				'external_id',
			]),
		);
		expect(get(rows[1], 'key')).toBe("'=cmd|calc");
		expect(get(rows[1], 'course_id')).toBe("'@C");
		expect(get(rows[1], 'external_id')).toBe("'+42");
		expect(get(rows[1], 'status')).toBe('revoked');
		expect(get(rows[1], 'revocation_reason')).toBe("'-because");
		expect(get(rows[1], 'evidence_hash')).toMatch(/^[0-9a-f]{64}$/);
		expect(get(rows[1], 'evidence_erased')).toBe('no');
		expect(get(rows[2], 'key')).toBe('plain, "quoted"');
		expect(get(rows[2], 'status')).toBe('failed');
		expect(rows.flat().join(' ')).not.toContain('ada@example.org');
		await store.close();
	});

	it('exports the raw chain as JSONL that verifies on its own', async () => {
		const { ledger, store, folder } = await openTestLedger();
		await ledger.reserve('k', decision());
		await ledger.record('k', 'issued', ISSUED, 'w');
		const jsonl = await ledger.exportJsonl();
		expect(jsonl).toBe(readFileSync(join(folder, 'chain.jsonl'), 'utf8'));
		expect(await verifyChain(linesOf(jsonl), { keyring: [testSigner()] })).toMatchObject({
			ok: true,
			entries: 3,
		});
		await store.close();
	});
});

describe('erasePersonalData', () => {
	it('erases evidence older than the cut-off, records it, and the chain still verifies', async () => {
		const { ledger, store, folder } = await openTestLedger();
		await ledger.reserve('old', decision('L-1'), {
			now: '2025-01-01T00:00:00.000Z',
			evidence: { email: 'old@example.org' },
		});
		await ledger.record('old', 'issued', ISSUED, 'w', {
			now: '2025-01-02T00:00:00.000Z',
			evidence: { recipient: 'Ada Lovelace' },
		});
		await ledger.reserve('new', decision('L-2'), {
			now: '2026-01-01T00:00:00.000Z',
			evidence: { email: 'new@example.org' },
		});
		const before = await ledger.evidenceBundle('old');
		const oldHashes = before.evidence.map((e) => e.hash);
		expect(oldHashes).toHaveLength(2);

		const report = await ledger.erasePersonalData({
			olderThan: '2025-06-01T00:00:00.000Z',
			now: '2026-02-01T00:00:00.000Z',
			actor: 'retention-job',
		});
		expect(report).toEqual({ erased: 2, keys: ['old'], entries: [6] });
		for (const hash of oldHashes)
			expect(existsSync(join(folder, 'evidence', `${hash}.json`))).toBe(false);
		const chain = readFileSync(join(folder, 'chain.jsonl'), 'utf8');
		expect(chain).not.toMatch(/old@example\.org|Ada Lovelace|new@example\.org/);
		const after = await ledger.evidenceBundle('old');
		expect(after.evidence.map((e) => e.state)).toEqual(['erased', 'erased']);
		expect(after.status.erasedEvidenceHashes.sort()).toEqual([...oldHashes].sort());
		expect(after.entries.at(-1)).toMatchObject({
			type: 'erased',
			actor: 'retention-job',
			payload: { olderThan: '2025-06-01T00:00:00.000Z' },
		});
		expect((await ledger.evidenceBundle('new')).evidence[0].state).toBe('present');
		expect(await ledger.verify()).toMatchObject({ ok: true, entries: 6 });
		// Running again finds nothing left to erase and writes nothing.
		expect(
			await ledger.erasePersonalData({
				olderThan: '2025-06-01T00:00:00.000Z',
				now: '2026-02-01T00:00:00.000Z',
				actor: 'retention-job',
			}),
		).toEqual({ erased: 0, keys: [], entries: [] });
		const rows = (await ledger.exportCsv()).split('\r\n');
		expect(rows[1]).toContain(',yes,');
		await store.close();
	});

	it('refuses a cut-off in the future and writes nothing', async () => {
		const { ledger, store, folder } = await openTestLedger();
		await expect(
			ledger.erasePersonalData({
				olderThan: '2030-01-01T00:00:00.000Z',
				now: '2026-01-01T00:00:00.000Z',
				actor: 'job',
			}),
		).rejects.toThrow(/olderThan: received 2030/);
		await expect(ledger.erasePersonalData({ olderThan: 'soon', actor: 'job' })).rejects.toThrow(
			/olderThan/,
		);
		expect(readFileSync(join(folder, 'chain.jsonl'), 'utf8')).toBe('');
		await store.close();
	});
});
