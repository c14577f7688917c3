import {
	CredentialLedger,
	hmacSigner,
	isLedgerError,
	sealEntry,
	type TamperKind,
	type VerifyResult,
} from '../../../nodes/core/domain/ledger';
import { decision, removeTempFolders } from './support/fixtures';
import {
	dropSignedIndexes,
	dropTables,
	endPools,
	issuedPgLedger,
	openPgStore,
	postgresAvailable,
	requirePgUrl,
	storeRows,
	testPool,
} from './support/postgres';
import { TAMPER_KINDS, buildChain, runTamperings } from './support/tamperings';

jest.setTimeout(120_000);

const describePg = postgresAvailable ? describe : describe.skip;

const sql = async (text: string, values: unknown[] = []) => (await testPool()).query(text, values);

describePg('Postgres ledger: the head row is the checkpoint', () => {
	afterAll(async () => {
		removeTempFolders();
		await endPools();
	});

	it('detects the shared seeded tamperings at the right seq and kind, with no checkpoint but the head row', async () => {
		requirePgUrl();
		const chain = await buildChain();
		const { store, prefix } = await openPgStore();
		await dropSignedIndexes(prefix);
		const ledger = new CredentialLedger({ store });
		const last = chain.entries[chain.entries.length - 1];
		await storeRows(prefix, `${chain.lines.join('\n')}\n`, chain.entries, last);
		expect(await ledger.verify()).toEqual({ ok: true, entries: chain.head.seq, head: chain.head });

		const { misses, seen } = await runTamperings(chain, async (t) => {
			await storeRows(prefix, t.text, chain.entries, last);
			return ledger.verify();
		});
		expect(misses).toEqual([]);
		for (const kind of TAMPER_KINDS) expect(seen.get(kind) ?? 0).toBeGreaterThan(5);
		await dropTables(prefix);
	});

	describe('rows and columns changed behind the ledger', () => {
		let opened: Awaited<ReturnType<typeof issuedPgLedger>>;
		beforeEach(async () => {
			requirePgUrl();
			// Six credentials: k<i> has decided (3i+1), reserved (3i+2) and issued (3i+3).
			opened = await issuedPgLedger(6);
		});
		afterEach(() => dropTables(opened.prefix));

		const expectBad = async (seq: number, kind: TamperKind, detail?: RegExp) => {
			const result: VerifyResult = await opened.ledger.verify();
			expect(result).toMatchObject({ ok: false, seq, kind });
			if (detail && !result.ok) expect(result.detail).toMatch(detail);
		};

		it('finds a moved key column, and Reserve still sees the credential issued', async () => {
			await sql(`UPDATE ${opened.entries} SET key = 'elsewhere' WHERE key = 'k1'`);
			await expectBad(4, 'edited', /key column of row 4/);
			expect(await opened.ledger.reserve('k1', decision('L-1'))).toMatchObject({
				status: 'already_issued',
			});
		});

		it.each([
			['type', 6, `'review'`],
			['attempt', 5, '7'],
			['learner_id', 4, `'L-9'`],
			['hash', 9, `'${'f'.repeat(64)}'`],
		])('finds an edited %s column at its row', async (column, seq, value) => {
			await sql(`UPDATE ${opened.entries} SET ${column} = ${value} WHERE seq = ${seq}`);
			await expectBad(seq, 'edited', new RegExp(`${column} column of row ${seq}`));
			expect(await opened.store.keysForLearner('L-1')).toEqual(['k1']);
		});

		it('finds tail rows deleted under the head row, and appends nothing on top', async () => {
			await sql(`DELETE FROM ${opened.entries} WHERE seq >= 16`);
			await expectBad(16, 'truncated', /recorded head names entry 18/);
			const error = await opened.ledger.reserve('k9', decision('L-9')).catch((e: unknown) => e);
			expect(isLedgerError(error, 'malformed_line')).toBe(true);
			expect((error as Error).message).toMatch(/head row names entry 18 .*run Verify/);
		});

		it('finds a forged row past the head, and appends nothing on top', async () => {
			const { rows } = await sql(`SELECT hash FROM ${opened.entries} WHERE seq = 18`);
			const forged = sealEntry(
				{
					type: 'issued',
					key: 'k9',
					at: '2026-01-01T00:00:00.000Z',
					actor: 'intruder',
					payload: { platform: 'x', externalId: 'fake' },
				},
				{ seq: 18, hash: String(rows[0].hash) },
				hmacSigner({ keyId: 'k1', secret: 'dummy-attacker-hmac-0123456789' }),
			);
			await sql(
				`INSERT INTO ${opened.entries} (seq, key, type, hash, line) VALUES (19, 'k9', 'issued', $1, $2)`,
				[forged.entry.hash, forged.line],
			);
			await expectBad(19, 'bad_signature');
			await expect(opened.ledger.reserve('k9', decision('L-9'))).rejects.toThrow(
				/last stored row is entry 19/,
			);
		});

		it('finds a head row moved back (an authentic row past it) or moved forward (past the last row)', async () => {
			const { rows } = await sql(`SELECT hash FROM ${opened.entries} WHERE seq = 17`);
			await sql(`UPDATE ${opened.head} SET seq = 17, hash = $1`, [rows[0].hash]);
			await expectBad(18, 'inserted', /row 18 lies past the head row/);
			await sql(`UPDATE ${opened.head} SET seq = 19`);
			await expectBad(
				19,
				'truncated',
				/ends at entry 18 but the store's recorded head names entry 19/,
			);
		});

		it('finds a head row whose hash is not that of its entry', async () => {
			await sql(`UPDATE ${opened.head} SET hash = $1`, ['e'.repeat(64)]);
			await expectBad(18, 'edited', /differs from the store's recorded head/);
		});

		it('does not take rows appended while verifying for rows past the head', async () => {
			const appends = Array.from({ length: 30 }, (_, i) =>
				opened.ledger.reserve(`late-${i}`, decision(`L-late-${i}`)),
			);
			const results = await Promise.all([
				opened.ledger.verify(),
				opened.ledger.verify(),
				...appends,
			]);
			expect(results.slice(0, 2)).toEqual([
				expect.objectContaining({ ok: true }),
				expect.objectContaining({ ok: true }),
			]);
			expect(await opened.ledger.verify()).toMatchObject({ ok: true, entries: 18 + 60 });
		});
	});
});
