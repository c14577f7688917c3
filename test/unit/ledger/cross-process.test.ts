import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CredentialLedger, isLedgerError } from '../../../nodes/core/domain/ledger';
import {
	ISSUED,
	SECRET,
	decision,
	openTestLedger,
	removeTempFolders,
	tempFolder,
} from './support/fixtures';
import {
	dropTables,
	endPools,
	freshPrefix,
	openPgStore,
	postgresAvailable,
	requirePgUrl,
} from './support/postgres';
import { lastJson, runWorker, startTogether } from './support/processes';
import { seededRandom } from './support/random';

jest.setTimeout(120_000);
afterEach(removeTempFolders);

describe('several processes on one ledger folder', () => {
	it('4 processes appending concurrently produce one unbroken chain', async () => {
		const folder = tempFolder();
		const runs = Array.from({ length: 4 }, (_, id) =>
			runWorker('append-many', {
				folder,
				secret: SECRET,
				id,
				count: 60,
				durability: 'fsync',
				barrier: true,
			}),
		);
		await startTogether(runs);
		await Promise.all(runs.map((run) => run.exited));
		const { ledger, store } = await openTestLedger({ folder });
		expect(await ledger.verify()).toMatchObject({ ok: true, entries: 240 });
		for (let id = 0; id < 4; id++) {
			const notes = (await store.findByKey(`w${id}`)).map((e) => e.payload.reason);
			expect(notes).toEqual(Array.from({ length: 60 }, (_, i) => `note ${i}`));
		}
		// The writers really took turns: entries of different processes interleave.
		const writers: string[] = [];
		for await (const entry of store.entries()) writers.push(entry.key);
		const switches = writers.filter((key, i) => i > 0 && key !== writers[i - 1]).length;
		expect(switches).toBeGreaterThan(3);
		expect(existsSync(join(folder, 'chain.lock'))).toBe(false);
		await store.close();
	});

	it('5 processes reserving the same 20 keys issue each key exactly once', async () => {
		const folder = tempFolder();
		const random = seededRandom(5);
		const keys = Array.from({ length: 20 }, (_, i) => `key-${i}`);
		const runs = Array.from({ length: 5 }, (_, id) =>
			runWorker('reserve-many', {
				folder,
				secret: SECRET,
				id,
				keys: [...keys].sort(() => random() - 0.5),
				decision: decision('L-x'),
				barrier: true,
			}),
		);
		await startTogether(runs);
		const outputs = await Promise.all(runs.map((run) => run.exited));
		const results = outputs.flatMap((o) =>
			lastJson<Array<{ key: string; status: string }>>(o.stdout),
		);
		expect(results).toHaveLength(100);
		const fresh = results.filter((r) => r.status === 'new');
		expect(fresh).toHaveLength(20);
		expect(new Set(fresh.map((r) => r.key)).size).toBe(20);
		expect(
			results
				.filter((r) => r.status !== 'new')
				.every((r) => r.status === 'pending' || r.status === 'already_issued'),
		).toBe(true);
		const { ledger, store } = await openTestLedger({ folder });
		expect(await ledger.verify()).toMatchObject({ ok: true });
		for (const key of keys) {
			expect((await store.findByKey(key)).filter((e) => e.type === 'issued')).toHaveLength(1);
		}
		await store.close();
	});
});

describe('a run killed between reserve and record', () => {
	/** The reconciliation a node performs on a Pending output: ask the platform first. */
	async function reconcile(folder: string, platformFile: string, issue: (key: string) => string) {
		const { ledger, store } = await openTestLedger({ folder });
		const key = 'crash-key';
		const seen = await ledger.reserve(key, decision(), { pendingTimeoutMs: 0 });
		expect(seen).toMatchObject({ status: 'pending', reason: 'stale', attempt: 1 });
		const existing = existsSync(platformFile)
			? readFileSync(platformFile, 'utf8')
					.split('\n')
					.filter(Boolean)
					.map((l) => JSON.parse(l) as { key: string; externalId: string })
					.find((c) => c.key === key)
			: undefined;
		if (existing) {
			await ledger.record(
				key,
				'issued',
				{ ...ISSUED, externalId: existing.externalId, reconciled: true, attempt: 1 },
				'reconciler',
			);
		} else if (seen.status === 'pending') {
			const retry = await ledger.reserve(key, decision(), {
				pendingTimeoutMs: 0,
				reclaimStaleAttempt: seen.attempt,
			});
			expect(retry).toMatchObject({ status: 'new', attempt: 2, reclaimed: true });
			await ledger.record(
				key,
				'issued',
				{ ...ISSUED, externalId: issue(key), attempt: 2 },
				'reconciler',
			);
		}
		const after = await ledger.reserve(key, decision());
		expect(after.status).toBe('already_issued');
		expect(await ledger.verify()).toMatchObject({ ok: true });
		await store.close();
		return after;
	}

	it.each([
		['before the platform issued', false],
		['after the platform issued', true],
	])(
		'leaves a pending reservation that the next run reconciles (%s), issuing once',
		async (_name, platformIssued) => {
			const folder = tempFolder();
			const platformFile = join(folder, 'platform.jsonl');
			const run = runWorker('reserve-then-hang', {
				folder,
				secret: SECRET,
				key: 'crash-key',
				decision: decision(),
				// Made with no patience, so the next run sees it stale at once.
				pendingTimeoutMs: 0,
				durability: 'fsync',
				...(platformIssued ? { platformFile } : {}),
			});
			expect(JSON.parse(await run.firstLine)).toMatchObject({ status: 'new', attempt: 1 });
			run.child.kill('SIGKILL');
			expect((await run.exited).signal).toBe('SIGKILL');

			let issuedHere = 0;
			const after = await reconcile(
				folder,
				platformFile,
				(key) => `${key}-reissued-${++issuedHere}`,
			);
			expect(after).toMatchObject({
				status: 'already_issued',
				credential: {
					externalId: platformIssued ? 'crashed-run-credential' : 'crash-key-reissued-1',
				},
			});
			expect(issuedHere).toBe(platformIssued ? 0 : 1);
		},
	);

	it('a reservation from a crashed run blocks a fresh run until it is stale', async () => {
		const folder = tempFolder();
		const run = runWorker('reserve-then-hang', {
			folder,
			secret: SECRET,
			key: 'k',
			decision: decision(),
		});
		await run.firstLine;
		run.child.kill('SIGKILL');
		await run.exited;
		const { ledger, store } = await openTestLedger({ folder });
		expect(await ledger.reserve('k', decision(), { pendingTimeoutMs: 60_000 })).toMatchObject({
			status: 'pending',
			reason: 'in_flight',
		});
		const error = await ledger
			.record('k', 'delivered', { channel: 'email' }, 'x')
			.catch((e: unknown) => e);
		expect(isLedgerError(error, 'invalid_state')).toBe(true);
		await store.close();
	});
});

describe('several processes on one Postgres ledger', () => {
	const maybe = postgresAvailable ? it : it.skip;
	afterAll(endPools);

	maybe('5 processes reserving the same 20 keys issue each key exactly once', async () => {
		const pgUrl = requirePgUrl();
		const prefix = freshPrefix();
		// Created once up front, as a deployment would; concurrent creation is covered by the lock in ensureSchema.
		const { store: setup } = await openPgStore(prefix);
		await setup.close();
		const random = seededRandom(6);
		const keys = Array.from({ length: 20 }, (_, i) => `key-${i}`);
		const runs = Array.from({ length: 5 }, (_, id) =>
			runWorker('reserve-many', {
				pgUrl,
				tablePrefix: prefix,
				secret: SECRET,
				id,
				keys: [...keys].sort(() => random() - 0.5),
				decision: decision('L-x'),
				barrier: true,
			}),
		);
		await startTogether(runs);
		const outputs = await Promise.all(runs.map((run) => run.exited));
		const results = outputs.flatMap((o) =>
			lastJson<Array<{ key: string; status: string }>>(o.stdout),
		);
		expect(results).toHaveLength(100);
		const fresh = results.filter((r) => r.status === 'new');
		expect(new Set(fresh.map((r) => r.key)).size).toBe(20);
		expect(fresh).toHaveLength(20);
		const { store } = await openPgStore(prefix);
		const ledger = new CredentialLedger({ store });
		expect(await ledger.verify()).toMatchObject({ ok: true, entries: 60 });
		for (const key of keys)
			expect((await store.findByKey(key)).filter((e) => e.type === 'issued')).toHaveLength(1);
		await store.close();
		await dropTables(prefix);
	});

	maybe(
		'4 processes creating the tables and appending at once produce one unbroken chain',
		async () => {
			const pgUrl = requirePgUrl();
			const prefix = freshPrefix();
			const runs = Array.from({ length: 4 }, (_, id) =>
				runWorker('append-many', {
					pgUrl,
					tablePrefix: prefix,
					secret: SECRET,
					id,
					count: 50,
					barrier: true,
				}),
			);
			await startTogether(runs);
			await Promise.all(runs.map((run) => run.exited));
			const { store } = await openPgStore(prefix);
			expect(await new CredentialLedger({ store }).verify()).toMatchObject({
				ok: true,
				entries: 200,
			});
			await store.close();
			await dropTables(prefix);
		},
	);
});
