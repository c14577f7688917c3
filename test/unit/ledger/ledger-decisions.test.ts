// Record Decision: every Verify Completion outcome leaves one signed `decided` entry, a retry of
// the same decision writes nothing, and a recorded decision never gets in the way of Reserve.
import {
	CredentialLedger,
	isLedgerError,
	type LedgerStore,
} from '../../../nodes/core/domain/ledger';
import { ISSUED, RULE_HASH, decision, openTestLedger, removeTempFolders } from './support/fixtures';
import {
	dropTables,
	endPools,
	openPgStore,
	postgresAvailable,
	requirePgUrl,
} from './support/postgres';

afterEach(removeTempFolders);

const describePg = postgresAvailable ? describe : describe.skip;

const T0 = new Date('2026-01-05T10:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const held = (extra: Record<string, unknown> = {}) =>
	decision('L-1', 'C-101', {
		outcome: 'needs_review',
		reasons: [{ code: 'TIME_BELOW_MINIMUM', detail: 'time 50 < 60 minutes' }],
		dataPoints: { timeSpentMinutes: 50, minimumMinutes: 60 },
		...extra,
	});

describe('recordDecision', () => {
	it.each(['verified', 'needs_review', 'not_eligible'])(
		'appends one signed decided entry for a %s decision, with its evidence kept apart',
		async (outcome) => {
			const { ledger, store } = await openTestLedger();
			const given = decision('L-1', 'C-101', { outcome });
			const raw = { learner: { name: 'Ada Lovelace', email: 'ada@example.org' } };
			const result = await ledger.recordDecision('k', given, {
				now: T0,
				actor: 'workflow:3',
				evidence: raw,
			});
			expect(result.status).toBe('recorded');
			const entries = await store.findByKey('k');
			expect(entries).toHaveLength(1);
			const [entry] = entries;
			expect(result.entry).toEqual(entry);
			expect(entry).toMatchObject({
				type: 'decided',
				key: 'k',
				actor: 'workflow:3',
				at: T0.toISOString(),
				payload: given,
			});
			expect(JSON.stringify(entry.payload)).not.toContain('ada@example.org');
			expect(entry.evidenceHash).toMatch(/^[0-9a-f]{64}$/);
			expect(await store.getEvidence(entry.evidenceHash as string)).toMatchObject({ data: raw });
			expect((await ledger.verify()).ok).toBe(true);
			const [status] = await ledger.status({ key: 'k' });
			expect(status).toMatchObject({ state: 'decided', attempts: 0, learnerId: 'L-1' });
			await store.close();
		},
	);

	it('answers the existing entry for the same decision again, writing nothing', async () => {
		const { ledger, store } = await openTestLedger();
		const first = await ledger.recordDecision('k', held(), { now: T0, evidence: { a: 1 } });
		const retry = await ledger.recordDecision(
			'k',
			held({ decidedAt: '2026-01-05T10:05:00.000Z' }),
			{ now: later(300_000), evidence: { a: 1 } },
		);
		expect(retry).toEqual({ status: 'existing', entry: first.entry });
		expect((await store.head()).seq).toBe(1);
		await store.close();
	});

	it('appends a new decision for the same key after a rule change or a review', async () => {
		const { ledger, store } = await openTestLedger();
		await ledger.recordDecision('k', held(), { now: T0 });
		const newRules = await ledger.recordDecision('k', held({ ruleHash: 'c'.repeat(64) }), {
			now: later(1),
		});
		const reviewed = await ledger.recordDecision('k', decision(), { now: later(2) });
		expect([newRules.status, reviewed.status]).toEqual(['recorded', 'recorded']);
		const entries = await store.findByKey('k');
		expect(entries.map((e) => [e.type, e.payload.outcome, e.payload.ruleHash])).toEqual([
			['decided', 'needs_review', RULE_HASH],
			['decided', 'needs_review', 'c'.repeat(64)],
			['decided', 'verified', RULE_HASH],
		]);
		await store.close();
	});

	it.each([
		['an outcome Verify Completion never gives', { outcome: 'issued' }, 'decision.outcome'],
		[
			'an email in the public decision',
			{ dataPoints: { contact: 'ada@example.org' } },
			'dataPoints.contact',
		],
		['a decision without a rule hash', { ruleHash: undefined }, 'ruleHash'],
	])('refuses %s, naming the field, and writes nothing', async (_what, extra, path) => {
		const { ledger, store } = await openTestLedger();
		const caught = await ledger
			.recordDecision('k', decision('L-1', 'C-101', extra), { now: T0 })
			.catch((error: unknown) => error);
		expect(isLedgerError(caught) && caught.code).toBe('invalid_input');
		expect(JSON.stringify((caught as { issues?: unknown }).issues)).toContain(path);
		expect((await store.head()).seq).toBe(0);
		await store.close();
	});
});

describe('recorded decisions and the credential state', () => {
	it('a held decision, then a verified one: Reserve is New and issuing completes', async () => {
		const { ledger, store } = await openTestLedger();
		await ledger.recordDecision('k', held(), { now: T0 });
		await ledger.recordDecision('k', decision(), { now: later(1) });
		const reserved = await ledger.reserve('k', decision(), { now: later(2) });
		expect(reserved).toMatchObject({ status: 'new', attempt: 1 });
		// The verified decision is already the last one: Reserve adds only its reservation.
		expect((await store.findByKey('k')).map((e) => e.type)).toEqual([
			'decided',
			'decided',
			'reserved',
		]);
		await ledger.record('k', 'issued', ISSUED, 'workflow:1', { now: later(3) });
		const [status] = await ledger.status({ key: 'k' });
		expect(status).toMatchObject({ state: 'issued', attempts: 1 });
		expect(status.decision).toMatchObject({ outcome: 'verified' });
		expect((await ledger.verify()).ok).toBe(true);
		await store.close();
	});

	it('a recorded decision is no reservation: issued is refused until Reserve', async () => {
		const { ledger, store } = await openTestLedger();
		await ledger.recordDecision('k', decision(), { now: T0 });
		const caught = await ledger
			.record('k', 'issued', ISSUED, 'workflow:1')
			.catch((error: unknown) => error);
		expect(isLedgerError(caught) && caught.code).toBe('invalid_state');
		expect((await store.head()).seq).toBe(1);
		await store.close();
	});

	it('the auditor CSV shows a decision-only credential with its outcome', async () => {
		const { ledger, store } = await openTestLedger();
		await ledger.recordDecision('refused', decision('L-9', 'C-9', { outcome: 'not_eligible' }));
		await ledger.reserve('issued', decision('L-1', 'C-1'));
		const rows = (await ledger.exportCsv())
			.trimEnd()
			.split('\r\n')
			.map((line) => line.split(','));
		const header = rows[0];
		const row = (key: string) => {
			const found = rows.find((r) => r[header.indexOf('key')] === key) as string[];
			return (name: string) => found[header.indexOf(name)];
		};
		expect(rows).toHaveLength(3);
		expect(row('refused')('status')).toBe('decided');
		expect(row('refused')('outcome')).toBe('not_eligible');
		expect(row('refused')('learner_id')).toBe('L-9');
		expect(row('refused')('rule_hash')).toBe(RULE_HASH);
		expect(row('issued')('outcome')).toBe('verified');
		await store.close();
	});
});

/** The same decision sent by several runs at once (an LMS retry storm) still writes one entry. */
async function expectOneEntryFromConcurrentRetries(stores: LedgerStore[]): Promise<void> {
	const ledgers = stores.map((store) => new CredentialLedger({ store }));
	const results = await Promise.all(
		Array.from({ length: 6 }, (_, i) => ledgers[i % ledgers.length].recordDecision('k', held())),
	);
	expect(results.filter((r) => r.status === 'recorded')).toHaveLength(1);
	expect(new Set(results.map((r) => r.entry.hash)).size).toBe(1);
	expect(await stores[0].findByKey('k')).toHaveLength(1);
	expect((await ledgers[0].verify()).ok).toBe(true);
}

describe('concurrent retries of one decision', () => {
	it('embedded store: one entry', async () => {
		const { store } = await openTestLedger();
		await expectOneEntryFromConcurrentRetries([store]);
		await store.close();
	});
});

describePg('concurrent retries of one decision on Postgres', () => {
	afterAll(endPools);

	it('two stores on one chain: one entry', async () => {
		requirePgUrl();
		const first = await openPgStore();
		const second = await openPgStore(first.prefix);
		try {
			await expectOneEntryFromConcurrentRetries([first.store, second.store]);
		} finally {
			await dropTables(first.prefix);
		}
	});
});
