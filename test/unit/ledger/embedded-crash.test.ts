import {
	appendFileSync,
	existsSync,
	readFileSync,
	statSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

import { sha256Hex } from '../../../nodes/core/domain/canonical';
import { isLedgerError, type EntryDraft } from '../../../nodes/core/domain/ledger';
import { EmbeddedStore } from '../../../nodes/core/integrations/ledger-storage';
import { removeTempFolders, tempFolder, testSigner } from './support/fixtures';

const AT = '2026-01-05T10:00:00.000Z';
const note = (key: string, i = 0): EntryDraft => ({
	type: 'review',
	key,
	at: AT,
	actor: 'test',
	payload: { reason: `note ${i}` },
});

async function open(
	folder = tempFolder(),
	extra: Partial<Parameters<typeof EmbeddedStore.open>[0]> = {},
) {
	return EmbeddedStore.open({ folder, signer: testSigner(), durability: 'write', ...extra });
}

afterEach(removeTempFolders);

describe('EmbeddedStore after a crash', () => {
	it('reports a torn last line with its byte offset and seq, refuses to append, and repairs on request', async () => {
		const folder = tempFolder();
		const store = await open(folder);
		await store.append([note('a'), note('b')]);
		const chain = join(folder, 'chain.jsonl');
		const goodSize = statSync(chain).size;
		appendFileSync(chain, '{"actor":"half a li');
		await store.close();

		const reopened = await open(folder);
		expect(reopened.health).toMatchObject({ status: 'torn_tail', offset: goodSize, seq: 3 });
		const health = await reopened.inspect();
		expect(health).toMatchObject({ status: 'torn_tail', offset: goodSize, seq: 3, length: 19 });
		const error = await reopened.append([note('c')]).catch((e: unknown) => e);
		expect(isLedgerError(error, 'torn_tail')).toBe(true);
		expect((error as Error).message).toContain(`byte ${goodSize}`);
		expect((error as { details: unknown }).details).toEqual({
			offset: goodSize,
			seq: 3,
			length: 19,
		});
		// Reads still work on the complete part.
		expect((await reopened.findByKey('a')).length).toBe(1);

		const report = await reopened.repairTornTail({ actor: 'operator', at: AT });
		expect(report).toMatchObject({ repaired: true, offset: goodSize, length: 19 });
		expect(readFileSync(join(folder, report.quarantinedAs ?? ''), 'utf8')).toBe(
			'{"actor":"half a li',
		);
		expect(report.entry).toMatchObject({ seq: 3, type: 'override', key: '$ledger' });
		expect(report.entry?.payload).toMatchObject({
			action: 'quarantine_torn_tail',
			offset: goodSize,
			length: 19,
			sha256: sha256Hex('{"actor":"half a li'),
		});
		expect(await reopened.inspect()).toMatchObject({ status: 'ok', entries: 3 });
		const [next] = await reopened.append([note('c')]);
		expect(next.seq).toBe(4);
		expect(await reopened.repairTornTail({ actor: 'operator', at: AT })).toEqual({
			repaired: false,
		});
		await reopened.close();
	});

	it('reports a malformed line in the middle with its line number and refuses to append', async () => {
		const folder = tempFolder();
		const store = await open(folder);
		await store.append([note('a'), note('b'), note('c')]);
		await store.close();
		const chain = join(folder, 'chain.jsonl');
		const lines = readFileSync(chain, 'utf8').split('\n');
		lines[1] = lines[1].replace('"actor":"test"', '"actor":"test"}garbage');
		writeFileSync(chain, lines.join('\n'));
		const reopened = await open(folder);
		expect(await reopened.inspect()).toMatchObject({ status: 'malformed', lineNumber: 2, seq: 2 });
		await expect(reopened.append([note('d')])).rejects.toThrow(/Line 2 of the chain/);
		await expect(reopened.findByKey('a')).rejects.toThrow(/Line 2/);
		await reopened.close();
	});

	it('removes a lock file left by a dead process', async () => {
		const folder = tempFolder();
		writeFileSync(
			join(folder, 'chain.lock'),
			JSON.stringify({
				host: hostname(),
				pid: 2 ** 22 + 17,
				token: 'x',
				since: Date.now(),
			}),
		);
		const store = await open(folder, { lockTimeoutMs: 2000 });
		await store.append([note('a')]);
		expect(existsSync(join(folder, 'chain.lock'))).toBe(false);
		await store.close();
	});

	it('removes a lock older than staleLockMs, and an empty lock file left mid-creation', async () => {
		const folder = tempFolder();
		const store = await open(folder, { lockTimeoutMs: 3000, staleLockMs: 1000 });
		const lock = join(folder, 'chain.lock');
		// Alive pid (ours) but far too old: a reused pid or a hung holder.
		writeFileSync(
			lock,
			JSON.stringify({
				host: hostname(),
				pid: process.pid,
				token: 'x',
				since: Date.now() - 60_000,
			}),
		);
		await store.append([note('a')]);
		writeFileSync(lock, '');
		const old = new Date(Date.now() - 10_000);
		utimesSync(lock, old, old);
		await store.append([note('b')]);
		expect(existsSync(lock)).toBe(false);
		await store.close();
	});

	it('times out on a live lock, naming its holder', async () => {
		const folder = tempFolder();
		const store = await open(folder, { lockTimeoutMs: 150 });
		writeFileSync(
			join(folder, 'chain.lock'),
			JSON.stringify({ host: hostname(), pid: process.pid, token: 'x', since: Date.now() }),
		);
		const error = await store.append([note('a')]).catch((e: unknown) => e);
		expect(isLedgerError(error, 'lock_timeout')).toBe(true);
		expect((error as Error).message).toContain(`process ${process.pid}`);
		await store.close();
	});
});
