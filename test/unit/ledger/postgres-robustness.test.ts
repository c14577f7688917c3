import { CredentialLedger, isLedgerError, type LedgerEntry } from '../../../nodes/core/domain/ledger';
import { DEFAULT_PG_TIMEOUTS, EmbeddedStore, PostgresStore, type PgPoolLike, type PgQueryResult } from '../../../nodes/core/integrations/ledger-storage';
import { explainTimeout } from '../../../nodes/core/integrations/ledger-storage/postgres/pg-client';
import { ISSUED, decision, removeTempFolders, tempFolder, testSigner } from './support/fixtures';
import {
	dropSignedIndexes,
	dropTables,
	endPools,
	openPgStore,
	postgresAvailable,
	requirePgUrl,
	storeRows,
	testPool,
} from './support/postgres';

jest.setTimeout(60_000);

/** A pool that answers every query with nothing and remembers what it was sent. */
function recordingPool(sent: string[]): PgPoolLike {
	const query = async (text: string): Promise<PgQueryResult> => {
		sent.push(text);
		if (text.includes('FOR UPDATE')) {
			return { rows: [{ seq: '0', hash: '0'.repeat(64), key_id: null }], rowCount: 1 };
		}
		return { rows: [], rowCount: 0 };
	};
	return {
		query,
		connect: async () => ({ query, release: () => undefined }),
		end: async () => undefined,
	};
}

describe('Postgres ledger timeouts without a server', () => {
	it('bounds every ledger transaction by a lock and a statement timeout (10 s and 60 s by default)', async () => {
		const sent: string[] = [];
		const review = {
			type: 'review' as const,
			key: 'k',
			at: '2026-01-01T00:00:00.000Z',
			actor: 'a',
			payload: {},
		};
		const byDefault = await PostgresStore.open({ pool: recordingPool(sent), signer: testSigner() });
		await byDefault.append([review]);
		const configured = await PostgresStore.open({
			pool: recordingPool(sent),
			signer: testSigner(),
			lockTimeoutMs: 250,
			statementTimeoutMs: 1_500,
		});
		await configured.append([review]);
		expect(DEFAULT_PG_TIMEOUTS).toEqual({ lockTimeoutMs: 10_000, statementTimeoutMs: 60_000 });
		// Opening (which may build indexes once) waits for locks only as long; appends are bounded.
		expect(sent.filter((text) => text.startsWith('BEGIN'))).toEqual([
			'BEGIN; SET LOCAL lock_timeout = 10000; SET LOCAL statement_timeout = 0',
			'BEGIN; SET LOCAL lock_timeout = 10000; SET LOCAL statement_timeout = 60000',
			'BEGIN; SET LOCAL lock_timeout = 250; SET LOCAL statement_timeout = 0',
			'BEGIN; SET LOCAL lock_timeout = 250; SET LOCAL statement_timeout = 1500',
		]);
	});

	it.each([0, -1, 1.5, Number.NaN, 2 * 24 * 60 * 60_000])(
		'refuses a lock timeout of %p ms, naming the option',
		async (lockTimeoutMs) => {
			await expect(
				PostgresStore.open({ pool: recordingPool([]), signer: testSigner(), lockTimeoutMs }),
			).rejects.toThrow(/Invalid lockTimeoutMs: expected whole milliseconds from 1/);
		},
	);

	it("explains PostgreSQL's statement timeout, and passes other errors on unchanged", () => {
		const cancelled = Object.assign(new Error('canceling statement due to statement timeout'), {
			code: '57014',
		});
		const explained = explainTimeout(cancelled, DEFAULT_PG_TIMEOUTS, 'the head row');
		expect(isLedgerError(explained, 'store_failure')).toBe(true);
		expect((explained as Error).message).toMatch(
			/ran for more than 60 s and PostgreSQL cancelled it \(statement timeout\); nothing was written/,
		);
		const other = Object.assign(new Error('canceling statement due to user request'), {
			code: '57014',
		});
		expect(explainTimeout(other, DEFAULT_PG_TIMEOUTS, 'the head row')).toBe(other);
	});
});

const describePg = postgresAvailable ? describe : describe.skip;

describePg('Postgres ledger robustness', () => {
	const prefixes: string[] = [];
	afterAll(async () => {
		for (const prefix of prefixes) await dropTables(prefix);
		await endPools();
		removeTempFolders();
	});

	async function freshLedger(timeouts: { lockTimeoutMs?: number } = {}) {
		requirePgUrl();
		const { store, prefix } = await openPgStore(undefined, undefined, timeouts);
		prefixes.push(prefix);
		return { ledger: new CredentialLedger({ store }), prefix };
	}

	it.each([
		['a NUL character', 'L-\u0000-3', /contains a NUL character \(U\+0000\)/],
		['an unpaired surrogate', 'L-\uD800-3', /contains an unpaired UTF-16 surrogate/],
	])(
		'a learner id with %s fails alone; the concurrent reservations around it go through',
		async (_what, badLearner, problem) => {
			const { ledger } = await freshLedger();
			const learners = ['L-0', 'L-1', 'L-2', badLearner, 'L-4', 'L-5', 'L-6', 'L-7'];
			const results = await Promise.allSettled(
				learners.map((learner, i) => ledger.reserve(`k${i}`, decision(learner))),
			);
			const failed = results.flatMap((result, i) => (result.status === 'rejected' ? [i] : []));
			expect(failed).toEqual([3]);
			const error = (results[3] as PromiseRejectedResult).reason as Error;
			expect(isLedgerError(error, 'invalid_input')).toBe(true);
			expect(error.message).toMatch(/payload\.subject\.learnerId/);
			expect(error.message).toMatch(problem);
			expect(await ledger.verify()).toMatchObject({ ok: true, entries: 14 });
		},
	);

	it('refuses text PostgreSQL cannot store in recorded details and queries with a clear error', async () => {
		const { ledger } = await freshLedger();
		await ledger.reserve('k', decision());
		const [bad, good] = await Promise.allSettled([
			ledger.record('k', 'issued', { ...ISSUED, externalId: 'c\u0000' }, 'w'),
			ledger.reserve('k2', decision('L-2')),
		]);
		expect(bad).toMatchObject({
			status: 'rejected',
			reason: expect.objectContaining({ code: 'invalid_input' }),
		});
		expect(String((bad as PromiseRejectedResult).reason.message)).toMatch(
			/payload\.externalId: contains a NUL character/,
		);
		expect(good).toMatchObject({ status: 'fulfilled' });
		await expect(ledger.status({ learnerId: 'L-\u0000' })).rejects.toThrow(
			/Invalid learner id: \(root\): contains a NUL character/,
		);
	});

	it('opens a ledger whose earlier rows escape NUL or unpaired surrogates, and its lookups still find them', async () => {
		// Such text was storable in payloads before it was refused: an embedded chain stands in.
		const embedded = await EmbeddedStore.open({
			folder: tempFolder(),
			signer: testSigner(),
			durability: 'write',
		});
		const earlier = new CredentialLedger({ store: embedded });
		const odd = { reasons: [{ code: 'ALL_CRITERIA_MET', detail: 'note \u0000 \uD800' }] };
		await earlier.reserve('old', decision('L-old', 'C-101', odd));
		await earlier.record('old', 'issued', ISSUED, 'w');
		const text = await earlier.exportJsonl();
		const entries: LedgerEntry[] = [];
		for await (const entry of embedded.entries()) entries.push(entry);
		await embedded.close();
		expect(text).toContain('\\u0000');

		const { prefix } = await freshLedger();
		await dropSignedIndexes(prefix);
		await storeRows(prefix, text, entries, entries[entries.length - 1]);
		const { store } = await openPgStore(prefix);
		const ledger = new CredentialLedger({ store });
		expect(await ledger.verify()).toMatchObject({ ok: true, entries: 3 });
		expect(await ledger.reserve('old', decision('L-old', 'C-101', odd))).toMatchObject({
			status: 'already_issued',
		});
		expect(await ledger.status({ learnerId: 'L-old' })).toEqual([
			expect.objectContaining({ key: 'old' }),
		]);
	});

	it('finds keys and learner ids that hold a backslash and "u0000" as text', async () => {
		const { ledger } = await freshLedger();
		const key = String.raw`moodle:C:\u0000\\ud800:x`;
		const learner = String.raw`L-\u0000`;
		expect(await ledger.reserve(key, decision(learner))).toMatchObject({ status: 'new' });
		expect(await ledger.reserve(key, decision(learner))).toMatchObject({ status: 'pending' });
		expect(await ledger.status({ learnerId: learner })).toEqual([expect.objectContaining({ key })]);
	});

	it('fails Reserve with a clear error within the lock timeout while another session holds the head row', async () => {
		const { ledger, prefix } = await freshLedger({ lockTimeoutMs: 300 });
		await ledger.reserve('before', decision('L-1'));
		const holder = await (await testPool()).connect();
		let error: unknown;
		let waitedMs: number;
		try {
			await holder.query('BEGIN');
			await holder.query(`SELECT seq FROM "${prefix}_head" WHERE id = 1 FOR UPDATE`);
			const started = Date.now();
			error = await ledger.reserve('during', decision('L-2')).catch((e: unknown) => e);
			waitedMs = Date.now() - started;
		} finally {
			await holder.query('ROLLBACK');
			holder.release();
		}
		expect(isLedgerError(error, 'lock_timeout')).toBe(true);
		expect((error as Error).message).toMatch(
			new RegExp(
				`Another PostgreSQL session held the ledger's head row \\("${prefix}_head"\\) for more than 0\\.3 s \\(lock timeout\\), so nothing was written\\..*pg_stat_activity`,
			),
		);
		expect(waitedMs).toBeGreaterThanOrEqual(250);
		expect(waitedMs).toBeLessThan(5_000);
		// Once the other session lets go, the same reservation goes through.
		expect(await ledger.reserve('during', decision('L-2'))).toMatchObject({ status: 'new' });
	}, 20_000);
});
