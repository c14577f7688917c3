// Verification page lookups: counted beside the chain (a file in the ledger's folder, or a table
// of its PostgreSQL database), by hour and status, and summed per period for Get Metrics.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	CredentialLedger,
	STATUS_LIST_FETCH,
	summariseLookups,
	type LookupCounter,
	type LookupSubject,
} from '../../../nodes/core/domain/ledger';
import {
	EmbeddedLookupCounter,
	PostgresLookupCounter,
} from '../../../nodes/core/integrations/ledger-storage';
import { openTestLedger, removeTempFolders, tempFolder, testSigner } from './support/fixtures';
import {
	dropTables,
	endPools,
	freshPrefix,
	openPgStore,
	postgresAvailable,
	testPool,
} from './support/postgres';

const DECEMBER = { periodStart: '2026-12-01T00:00:00Z', periodEnd: '2027-01-01T00:00:00Z' };

afterEach(removeTempFolders);

/** A counter for a ledger whose writes are expected to succeed: any warning fails the test. */
const warnings: string[] = [];
const quiet = (counter: LookupCounter) => ({
	counter,
	warn: (message: string) => void warnings.push(message),
});
afterEach(() => expect(warnings.splice(0)).toEqual([]));

/** Counts lookups at the given instants and statuses, then reads December's summary. */
async function countAndSummarise(ledger: CredentialLedger) {
	const lookups: Array<[string, LookupSubject]> = [
		['2026-11-30T23:59:59Z', 'valid'], // before the period
		['2026-12-01T00:00:00Z', 'valid'],
		['2026-12-01T00:30:00Z', 'valid'],
		['2026-12-01T09:15:00Z', 'revoked'],
		['2026-12-01T09:20:00Z', STATUS_LIST_FETCH],
		['2026-12-07T17:05:00Z', 'unknown'],
		['2026-12-31T23:59:59Z', 'superseded'],
		['2027-01-01T00:00:00Z', 'valid'], // the period's end is not counted
	];
	for (const [at, subject] of lookups) ledger.lookups.count(subject, new Date(at));
	return ledger.lookups.summary(DECEMBER);
}

const EXPECTED_DECEMBER = {
	total: 5,
	byStatus: {
		valid: 2,
		revoked: 1,
		superseded: 1,
		expired: 0,
		erased: 0,
		unknown: 1,
		malformed: 0,
	},
	byDay: [
		{ day: '2026-12-01', count: 3 },
		{ day: '2026-12-07', count: 1 },
		{ day: '2026-12-31', count: 1 },
	],
	statusListFetches: 1,
};

describe('embedded ledger: lookups.log beside the chain', () => {
	it('counts each lookup once, by hour and status, within the period', async () => {
		const folder = tempFolder();
		const { store } = await openTestLedger({ folder });
		const ledger = new CredentialLedger({
			store,
			lookups: quiet(new EmbeddedLookupCounter(folder)),
		});
		expect(await countAndSummarise(ledger)).toEqual(EXPECTED_DECEMBER);
		await store.close();
	});

	it('writes nothing to the chain, only the hour and what was answered', async () => {
		const folder = tempFolder();
		const { store } = await openTestLedger({ folder });
		const counter = new EmbeddedLookupCounter(folder);
		const ledger = new CredentialLedger({ store, lookups: quiet(counter) });
		const headBefore = await store.head();
		ledger.lookups.count('valid', new Date('2026-12-07T17:05:00Z'));
		ledger.lookups.count(STATUS_LIST_FETCH, new Date('2026-12-07T18:00:00Z'));
		ledger.lookups.count(STATUS_LIST_FETCH, new Date('2026-12-07T18:10:00Z'));
		await ledger.lookups.flush();
		expect(await store.head()).toEqual(headBefore);
		// The first count is written at once; the two made while it was written, merged.
		expect(readFileSync(counter.path, 'utf8')).toBe(
			'2026-12-07T17 valid\n2026-12-07T18 status_list 2\n',
		);
		expect(counter.path).toBe(join(folder, 'lookups.log'));
		await store.close();
	});

	it('reads no lookups as zero, and skips a torn or foreign line instead of failing', async () => {
		const folder = tempFolder();
		const counter = new EmbeddedLookupCounter(folder);
		expect(summariseLookups(await counter.tallies({ from: 0, to: Date.now() })).total).toBe(0);
		await counter.add([{ hour: '2026-12-07T17:00:00.000Z', subject: 'valid', count: 1 }]);
		appendFileSync(
			counter.path,
			'not a count\n2026-12-07T17 hacked\n2026-12-07T17 valid 0\n2026-12-07T17 valid -3\n2026-12-07T1',
		);
		const tallies = await counter.tallies({ from: 0, to: Date.parse('2027-01-01T00:00:00Z') });
		expect(tallies).toEqual([{ hour: '2026-12-07T17:00:00.000Z', subject: 'valid', count: 1 }]);
	});
});

it('a ledger without a counter counts nothing and reports no lookups', async () => {
	const { ledger, store } = await openTestLedger({ signer: testSigner() });
	ledger.lookups.count('valid');
	expect(await ledger.lookups.summary(DECEMBER)).toBeUndefined();
	await store.close();
});

it('a bad period is refused with the field to fix', async () => {
	const counter: LookupCounter = { add: async () => {}, tallies: async () => [] };
	const { store } = await openTestLedger();
	const counted = new CredentialLedger({ store, lookups: quiet(counter) });
	await expect(
		counted.lookups.summary({ periodStart: 'last week', periodEnd: DECEMBER.periodEnd }),
	).rejects.toMatchObject({
		code: 'invalid_input',
		message: expect.stringContaining('periodStart'),
	});
	await store.close();
});

const describePg = postgresAvailable ? describe : describe.skip;

describePg('PostgreSQL ledger: a lookups table shared by every worker', () => {
	const prefix = freshPrefix();
	afterAll(async () => {
		const pool = await testPool();
		await pool.query(`DROP TABLE IF EXISTS "${prefix}_lookups"`);
		await dropTables(prefix);
		await endPools();
	});

	it('counts into one row per hour and status, from two workers at once', async () => {
		const pool = await testPool();
		const { store } = await openPgStore(prefix);
		const ledger = new CredentialLedger({
			store,
			lookups: quiet(new PostgresLookupCounter(pool, { tablePrefix: prefix })),
		});
		expect(await countAndSummarise(ledger)).toEqual(EXPECTED_DECEMBER);
		// Two more workers with their own counters add to the same rows, concurrently.
		const workers = [0, 1].map(
			() =>
				new CredentialLedger({
					store,
					lookups: quiet(new PostgresLookupCounter(pool, { tablePrefix: prefix })),
				}),
		);
		for (let i = 0; i < 20; i++)
			workers[i % 2].lookups.count('valid', new Date('2026-12-07T17:30:00Z'));
		await Promise.all(workers.map((worker) => worker.lookups.flush()));
		const summary = await ledger.lookups.summary(DECEMBER);
		expect(summary?.total).toBe(25);
		expect(summary?.statusListFetches).toBe(1);
		expect(summary?.byStatus.valid).toBe(22);
		const rows = await pool.query(`SELECT count(*) AS n FROM "${prefix}_lookups"`);
		// Hours: 11-30 23h, 12-01 00h, 12-01 09h (revoked, status list), 12-07 17h (unknown, valid),
		// 12-31 23h, 01-01 00h.
		expect(Number(rows.rows[0].n)).toBe(8);
		expect(
			Number((await pool.query(`SELECT count(*) AS n FROM "${prefix}_entries"`)).rows[0].n),
		).toBe(0);
	});

	it('refuses a table prefix that is no plain identifier, naming the field', async () => {
		const pool = await testPool();
		expect(() => new PostgresLookupCounter(pool, { tablePrefix: 'x"; DROP TABLE y' })).toThrow(
			/tablePrefix/,
		);
	});
});
