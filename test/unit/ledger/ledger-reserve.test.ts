import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { isLedgerError } from '../../../nodes/core/domain/ledger';
import { ISSUED, decision, openTestLedger, removeTempFolders } from './support/fixtures';
import { between, seededRandom } from './support/random';

afterEach(removeTempFolders);

const T0 = new Date('2026-01-05T10:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe('reserve', () => {
	it('answers new once, then pending while in flight, then already issued with the credential', async () => {
		const { ledger, store } = await openTestLedger();
		expect(await ledger.reserve('k', decision(), { now: T0 })).toEqual({
			status: 'new',
			key: 'k',
			attempt: 1,
			reservedAt: T0.toISOString(),
			reclaimed: false,
		});
		expect(
			await ledger.reserve('k', decision(), { now: later(1000), pendingTimeoutMs: 60_000 }),
		).toEqual({
			status: 'pending',
			key: 'k',
			reason: 'in_flight',
			attempt: 1,
			reservedAt: T0.toISOString(),
			ageMs: 1000,
		});
		await ledger.record('k', 'issued', ISSUED, 'workflow:1', { now: later(2000) });
		const again = await ledger.reserve('k', decision(), { now: later(3000) });
		expect(again).toEqual({
			status: 'already_issued',
			key: 'k',
			state: 'issued',
			credential: { ...ISSUED, issuedAt: later(2000).toISOString(), seq: 3 },
		});
		expect((await store.head()).seq).toBe(3);
		await store.close();
	});

	it('writes a decided and a reserved entry for a new key, nothing for the other answers', async () => {
		const { ledger, store } = await openTestLedger();
		await ledger.reserve('k', decision(), { now: T0, actor: 'workflow:9' });
		const entries = await store.findByKey('k');
		expect(entries.map((e) => [e.type, e.actor])).toEqual([
			['decided', 'workflow:9'],
			['reserved', 'workflow:9'],
		]);
		expect(entries[0].payload).toEqual(decision());
		expect(entries[1].payload).toEqual({ attempt: 1, pendingTimeoutMs: 15 * 60_000 });
		const size = readFileSync(join(store.folder, 'chain.jsonl')).length;
		await ledger.reserve('k', decision(), { now: later(10) });
		expect(readFileSync(join(store.folder, 'chain.jsonl')).length).toBe(size);
		await store.close();
	});

	it('judges a reservation in flight by the timeout it was made with, not the asker\'s', async () => {
		const { ledger, store } = await openTestLedger();
		await ledger.reserve('k', decision(), { now: T0, pendingTimeoutMs: 6_000 });
		// A retry schedule with its own (longer) setting still sees the 6 s reservation as stale...
		expect(
			await ledger.reserve('k', decision(), { now: later(10_000), pendingTimeoutMs: 15 * 60_000 }),
		).toMatchObject({ status: 'pending', reason: 'stale', attempt: 1 });
		const reclaimed = await ledger.reserve('k', decision(), {
			now: later(10_000),
			pendingTimeoutMs: 15 * 60_000,
			reclaimStaleAttempt: 1,
		});
		expect(reclaimed).toMatchObject({ status: 'new', attempt: 2, reclaimed: true });
		// ...and the new reservation is judged by the 15 minutes it was made with, not 6 s.
		expect(
			await ledger.reserve('k', decision(), { now: later(60_000), pendingTimeoutMs: 6_000 }),
		).toMatchObject({ status: 'pending', reason: 'in_flight', attempt: 2 });
		await store.close();
	});

	it('calls a reservation older than the timeout stale, and lets one caller reclaim it', async () => {
		const { ledger, store } = await openTestLedger();
		await ledger.reserve('k', decision(), { now: T0, pendingTimeoutMs: 60_000 });
		const stale = await ledger.reserve('k', decision(), {
			now: later(120_000),
			pendingTimeoutMs: 60_000,
		});
		expect(stale).toMatchObject({ status: 'pending', reason: 'stale', attempt: 1, ageMs: 120_000 });
		// Reclaiming a different attempt, or before the timeout, changes nothing.
		expect(
			await ledger.reserve('k', decision(), {
				now: later(120_000),
				pendingTimeoutMs: 60_000,
				reclaimStaleAttempt: 2,
			}),
		).toMatchObject({ status: 'pending', reason: 'stale' });
		expect(
			await ledger.reserve('k', decision(), {
				now: later(30_000),
				pendingTimeoutMs: 60_000,
				reclaimStaleAttempt: 1,
			}),
		).toMatchObject({ status: 'pending', reason: 'in_flight' });
		const [first, second] = await Promise.all([
			ledger.reserve('k', decision(), {
				now: later(120_000),
				pendingTimeoutMs: 60_000,
				reclaimStaleAttempt: 1,
			}),
			ledger.reserve('k', decision(), {
				now: later(120_000),
				pendingTimeoutMs: 60_000,
				reclaimStaleAttempt: 1,
			}),
		]);
		expect(first).toEqual({
			status: 'new',
			key: 'k',
			attempt: 2,
			reservedAt: later(120_000).toISOString(),
			reclaimed: true,
		});
		expect(second).toMatchObject({ status: 'pending', reason: 'in_flight', attempt: 2 });
		const types = (await store.findByKey('k')).map((e) => e.type);
		expect(types).toEqual(['decided', 'reserved', 'failed', 'reserved']);
		// The crashed run's late answer for attempt 1 is refused.
		await expect(ledger.record('k', 'issued', { ...ISSUED, attempt: 1 }, 'late')).rejects.toThrow(
			/attempt 1 is not the current one/,
		);
		await store.close();
	});

	it('starts a new attempt after a failure, recording a changed decision', async () => {
		const { ledger, store } = await openTestLedger();
		await ledger.reserve('k', decision(), { now: T0 });
		await ledger.record('k', 'failed', { error: 'HTTP 503', retryable: true }, 'workflow:1');
		expect(await ledger.reserve('k', decision(), { now: later(5) })).toMatchObject({
			status: 'new',
			attempt: 2,
		});
		await ledger.record(
			'k',
			'failed',
			{ error: 'HTTP 503', retryable: true, attempt: 2 },
			'workflow:1',
		);
		const changed = decision('L-1', 'C-101', { ruleVersion: '4' });
		expect(await ledger.reserve('k', changed, { now: later(10) })).toMatchObject({
			status: 'new',
			attempt: 3,
		});
		expect((await store.findByKey('k')).map((e) => e.type)).toEqual([
			'decided',
			'reserved',
			'failed',
			'reserved',
			'failed',
			'decided',
			'reserved',
		]);
		await store.close();
	});

	it('keeps evidence apart and commits to it by hash', async () => {
		const { ledger, store } = await openTestLedger();
		await ledger.reserve('k', decision(), {
			now: T0,
			evidence: { email: 'ada@example.org', raw: { grade: 92 } },
		});
		const [decided] = await store.findByKey('k');
		expect(decided.evidenceHash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(await store.findByKey('k'))).not.toContain('ada@example.org');
		expect(await store.getEvidence(decided.evidenceHash ?? '')).toMatchObject({
			data: { email: 'ada@example.org' },
		});
		// Salted: the same evidence twice gives unrelated hashes, so a hash left on the chain after
		// erasure cannot confirm a guessed email.
		await ledger.reserve('k2', decision(), {
			now: T0,
			evidence: { email: 'ada@example.org', raw: { grade: 92 } },
		});
		const [other] = await store.findByKey('k2');
		expect(other.evidenceHash).not.toBe(decided.evidenceHash);
		expect(await store.getEvidence(other.evidenceHash ?? '')).toMatchObject({
			salt: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
		await store.close();
	});

	it.each<[string, () => [unknown, unknown, Record<string, unknown>], RegExp]>([
		['a missing key', () => [undefined, decision(), {}], /^Invalid idempotency key: key: missing/],
		['an empty key', () => ['', decision(), {}], /key: received an empty string/],
		[
			'a key in the reserved namespace',
			() => ['$ledger', decision(), {}],
			/reserved for the ledger/,
		],
		[
			'a decision without rule hash',
			() => ['k', { ...decision(), ruleHash: undefined }, {}],
			/decision\.ruleHash: missing/,
		],
		[
			'a decision naming the learner by email',
			() => ['k', decision('ada@example.org'), {}],
			/decision\.subject\.learnerId: looks like an email/,
		],
		[
			'a non-JSON data point',
			() => ['k', decision('L', 'C', { dataPoints: { score: Number.POSITIVE_INFINITY } }), {}],
			/decision\.dataPoints\.score/,
		],
		['a negative timeout', () => ['k', decision(), { pendingTimeoutMs: -1 }], /pendingTimeoutMs/],
		['a bad time', () => ['k', decision(), { now: 'yesterday' }], /now: expected an ISO-8601/],
		[
			'evidence that is not JSON',
			() => ['k', decision(), { evidence: { f: () => 1 } }],
			/evidence/,
		],
	])('refuses %s, naming the field, and writes nothing', async (_name, args, message) => {
		const { ledger, store } = await openTestLedger();
		const [key, dec, options] = args();
		const error = await ledger.reserve(key as string, dec, options).catch((e: unknown) => e);
		expect(isLedgerError(error, 'invalid_input')).toBe(true);
		expect((error as Error).message).toMatch(message);
		expect(readFileSync(join(store.folder, 'chain.jsonl'), 'utf8')).toBe('');
		await store.close();
	});
});

describe('reserve under concurrency', () => {
	it('50 parallel reservations of 20 keys (2-5 each) yield exactly 20 new; the chain verifies', async () => {
		const { ledger, store } = await openTestLedger({ durability: 'fsync' });
		const random = seededRandom(20);
		const keys = Array.from({ length: 20 }, (_, i) => `key-${i}`);
		const counts = keys.map(() => 2);
		for (let extra = 50 - 40; extra > 0; ) {
			const i = between(random, 0, 19);
			if (counts[i] < 5) {
				counts[i]++;
				extra--;
			}
		}
		const calls = keys.flatMap((key, i) => Array.from({ length: counts[i] }, () => key));
		calls.sort(() => random() - 0.5);
		expect(calls).toHaveLength(50);
		// Half of the executions finish issuing while the others are still reserving.
		const results = await Promise.all(
			calls.map(async (key, i) => {
				const result = await ledger.reserve(key, decision(key), { actor: `exec-${i}` });
				if (result.status === 'new' && i % 2 === 0)
					await ledger.record(key, 'issued', { ...ISSUED, externalId: key }, `exec-${i}`);
				return result;
			}),
		);
		const byStatus = (status: string) => results.filter((r) => r.status === status);
		expect(byStatus('new')).toHaveLength(20);
		expect(new Set(byStatus('new').map((r) => r.key)).size).toBe(20);
		expect(byStatus('pending').length + byStatus('already_issued').length).toBe(30);
		expect(await ledger.verify()).toMatchObject({ ok: true });
		await store.close();
	});
});
