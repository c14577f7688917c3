import { CredentialLedger, GENESIS_HASH, hmacSigner, isLedgerError, sealEntry, type TamperKind, type VerifyResult } from '../../../nodes/core/domain/ledger';
import { PostgresStore, type PgPoolLike, type PgQueryResult } from '../../../nodes/core/integrations/ledger-storage';
import { ISSUED, SECRET, decision, testSigner } from './support/fixtures';
import {
	dropTables,
	endPools,
	freshPrefix,
	issuedPgLedger,
	openPgStore,
	postgresAvailable,
	requirePgUrl,
	testPool,
} from './support/postgres';
import { runWorker } from './support/processes';

jest.setTimeout(120_000);

/** A pool that answers like PostgreSQL after an error: COMMIT comes back as ROLLBACK. */
function poolThatRollsBack(): PgPoolLike {
	let appending = false;
	const query = async (text: string): Promise<PgQueryResult> => {
		if (text.includes('FOR UPDATE')) {
			appending = true;
			return {
				rows: [{ seq: '0', hash: GENESIS_HASH, key_id: null, signature: null }],
				rowCount: 1,
			};
		}
		if (text.startsWith('COMMIT') && appending)
			return { rows: [], rowCount: null, command: 'ROLLBACK' };
		return { rows: [], rowCount: 0 };
	};
	return {
		query,
		connect: async () => ({ query, release: () => undefined }),
		end: async () => undefined,
	};
}

describe('Postgres store without a server', () => {
	it('rejects a batch whose COMMIT PostgreSQL turned into a ROLLBACK', async () => {
		const pool = poolThatRollsBack();
		const store = await PostgresStore.open({ pool, signer: testSigner() });
		const error = await store
			.append([
				{
					type: 'review',
					key: 'k',
					at: '2026-01-01T00:00:00.000Z',
					actor: 'a',
					payload: { reason: 'x' },
				},
			])
			.catch((e: unknown) => e);
		expect(isLedgerError(error, 'store_failure')).toBe(true);
		expect((error as Error).message).toMatch(/rolled the ledger transaction back/);
	});

	it('refuses table prefixes that are not plain identifiers', async () => {
		await expect(
			PostgresStore.open({
				pool: poolThatRollsBack(),
				signer: testSigner(),
				tablePrefix: 'x"; DROP TABLE y; --',
			}),
		).rejects.toThrow(/Invalid tablePrefix/);
	});
});
const describePg = postgresAvailable ? describe : describe.skip;

describePg('Postgres ledger', () => {
	afterAll(endPools);

	describe('tampering with rows', () => {
		let prefix: string;
		let table: string;
		let verify: () => Promise<VerifyResult>;

		beforeEach(async () => {
			requirePgUrl();
			const opened = await issuedPgLedger(6);
			prefix = opened.prefix;
			table = opened.entries;
			const head = await opened.ledger.head();
			verify = () => opened.ledger.verify({ expectedHead: head });
		});
		afterEach(() => dropTables(prefix));

		const sql = async (text: string, values: unknown[] = []) =>
			(await testPool()).query(text, values);
		const expectBad = async (seq: number, kind: TamperKind) =>
			expect(await verify()).toMatchObject({ ok: false, seq, kind });

		it('verifies untouched', async () => {
			expect(await verify()).toMatchObject({ ok: true, entries: 18 });
		});

		it('finds an edited payload', async () => {
			await sql(
				`UPDATE ${table} SET line = replace(line, '"externalId":"c2"', '"externalId":"c9"') WHERE seq = 9`,
			);
			await expectBad(9, 'edited');
		});

		it('finds a deleted row', async () => {
			await sql(`DELETE FROM ${table} WHERE seq = 4`);
			await expectBad(4, 'deleted');
		});

		it('finds two rows swapped', async () => {
			await sql(
				`UPDATE ${table} SET line = CASE seq WHEN 5 THEN (SELECT line FROM ${table} WHERE seq = 11) ELSE (SELECT line FROM ${table} WHERE seq = 5) END WHERE seq IN (5, 11)`,
			);
			await expectBad(5, 'reordered');
		});

		it('finds a forged row inserted with the rows after it renumbered', async () => {
			const { rows } = await sql(`SELECT hash FROM ${table} WHERE seq = 6`);
			const forged = sealEntry(
				{
					type: 'issued',
					key: 'k9',
					at: '2026-01-01T00:00:00.000Z',
					actor: 'intruder',
					payload: { platform: 'x', externalId: 'fake' },
				},
				{ seq: 6, hash: String(rows[0].hash) },
				hmacSigner({ keyId: 'k1', secret: 'dummy-attacker-hmac-0123456789' }),
			);
			await sql(`UPDATE ${table} SET seq = -seq WHERE seq >= 7`);
			await sql(`UPDATE ${table} SET seq = -seq + 1 WHERE seq < 0`);
			await sql(
				`INSERT INTO ${table} (seq, key, type, hash, line) VALUES (7, 'k9', 'issued', $1, $2)`,
				[forged.entry.hash, forged.line],
			);
			await sql(`UPDATE "${prefix}_head" SET seq = seq + 1`);
			await expectBad(7, 'inserted');
		});

		it('finds a row re-signed with another key', async () => {
			const { rows } = await sql(`SELECT line FROM ${table} WHERE seq = 3`);
			const line = String(rows[0].line);
			await sql(`UPDATE ${table} SET line = $1 WHERE seq = 3`, [
				line.replace(
					/"signature":"[^"]+"/,
					'"signature":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"',
				),
			]);
			await expectBad(3, 'bad_signature');
		});

		it('refuses a second reservation row for one attempt even if written behind its back', async () => {
			await expect(
				sql(
					`INSERT INTO ${table} (seq, key, type, attempt, hash, line) VALUES (100, 'k1', 'reserved', 1, 'x', '{}')`,
				),
			).rejects.toThrow(/one_reservation_per_attempt/);
		});
	});

	it('a worker killed between reserve and record leaves a pending reservation the next run reconciles', async () => {
		const pgUrl = requirePgUrl();
		const prefix = freshPrefix();
		const run = runWorker('reserve-then-hang', {
			pgUrl,
			tablePrefix: prefix,
			secret: SECRET,
			key: 'crash',
			decision: decision(),
			// Made with no patience, so the next Reserve sees it stale at once.
			pendingTimeoutMs: 0,
		});
		expect(JSON.parse(await run.firstLine)).toMatchObject({ status: 'new', attempt: 1 });
		run.child.kill('SIGKILL');
		await run.exited;
		const { store } = await openPgStore(prefix);
		const ledger = new CredentialLedger({ store });
		const pending = await ledger.reserve('crash', decision(), { pendingTimeoutMs: 0 });
		expect(pending).toMatchObject({ status: 'pending', reason: 'stale', attempt: 1 });
		// The platform has nothing for this key: take the attempt over and issue once.
		expect(
			await ledger.reserve('crash', decision(), { pendingTimeoutMs: 0, reclaimStaleAttempt: 1 }),
		).toMatchObject({ status: 'new', attempt: 2 });
		await ledger.record('crash', 'issued', { ...ISSUED, attempt: 2 }, 'reconciler');
		expect(await ledger.reserve('crash', decision())).toMatchObject({ status: 'already_issued' });
		expect(await ledger.verify()).toMatchObject({ ok: true, entries: 5 });
		await dropTables(prefix);
	});
});
