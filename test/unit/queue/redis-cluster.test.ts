// The state queue-mode processes share, on a real Redis Cluster (n8n's
// QUEUE_BULL_REDIS_CLUSTER_NODES; scripts/redis/start-cluster.sh starts one with 3 masters).
// Only a cluster shows what one server hides: a script whose keys sit in different slots fails
// with CROSSSLOT, a key on another master answers MOVED, and each master loads the scripts
// afresh. So every test uses trigger nodes and accounts whose keys sit on each master. Each
// client is opened as the product opens n8n's queue Redis, from the QUEUE_BULL_REDIS_* variables.
import type { Cluster } from 'ioredis';

import { sharedRateLimiters } from '../../../nodes/core/integrations/platforms';
import {
	closeQueueRedisForTests,
	openQueueRedis,
	queueRedisSettings,
	RedisReplayStore,
	RedisTokenBucket,
	runOnQueueRedis,
	type RedisClient,
} from '../../../nodes/core/integrations/queue';
import { queueClusterEnv, useProcessSettings } from '../../support/queue-mode-settings';
import { processCopy, trigger } from './credly-trigger-copies';
import { busiestWindow, COUNTED_WINDOW, freshId, grantTimes } from './support';

const opened: Cluster[] = [];
afterAll(() => opened.splice(0).forEach((client) => client.disconnect()));

/** A connection as one n8n process opens it from its QUEUE_BULL_REDIS_* variables. */
function processClient(): Cluster {
	const client = openQueueRedis(queueRedisSettings(queueClusterEnv()));
	opened.push(client as Cluster);
	return client as Cluster;
}

/** Runs work on one process's connection, as useQueueRedis runs it on the process's own. */
function processRedis(): <T>(work: (client: RedisClient) => Promise<T>) => Promise<T> {
	const client = processClient();
	return (work) => runOnQueueRedis(client, 'the test cluster', work);
}

/** A connection for looking at the cluster itself. */
async function inspector(): Promise<Cluster> {
	const client = processClient();
	await client.connect();
	return client;
}

const REPLAY_PREFIX = 'n8n-nodes-certificate-delivery:replay';
const options = { warn: jest.fn() };

/** Which master serves each slot ("host:port"), from CLUSTER SLOTS. */
async function masterOfSlot(client: Cluster): Promise<(slot: number) => string> {
	const ranges = await client.cluster('SLOTS');
	return (slot) => {
		const range = ranges.find(([first, last]) => slot >= first && slot <= last);
		if (!range?.[2]) throw new Error(`no master serves slot ${slot}`);
		const [host, port] = range[2];
		return `${host}:${port}`;
	};
}

/** Fresh ids, one whose key (`keyOf(id)`) sits on each master of the cluster. */
async function idsOnEveryMaster(keyOf: (id: string) => string): Promise<string[]> {
	const client = await inspector();
	const masterOf = await masterOfSlot(client);
	const masters = client.nodes('master').length;
	const byMaster = new Map<string, string>();
	while (byMaster.size < masters) {
		const id = freshId();
		const master = masterOf(Number(await client.cluster('KEYSLOT', keyOf(id))));
		if (!byMaster.has(master)) byMaster.set(master, id);
	}
	return [...byMaster.values()];
}

const replayNodesOnEveryMaster = () => idsOnEveryMaster((id) => `${REPLAY_PREFIX}:{${id}}:seen`);
const accountsOnEveryMaster = () =>
	idsOnEveryMaster((id) => `n8n-nodes-certificate-delivery:rate:{${id}}`);

const processStore = (extra: { limit?: number } = {}) =>
	new RedisReplayStore({ redis: processRedis(), ...extra });

test('the cluster has 3 masters, and the product connects to it as a cluster', async () => {
	const client = await inspector();
	expect(client.nodes('master')).toHaveLength(3);
	expect(await client.cluster('INFO')).toContain('cluster_state:ok');
});

describe('replay memory on a cluster', () => {
	test('two processes racing on the same keys: exactly one fresh claim per key, on every master', async () => {
		const nodes = await replayNodesOnEveryMaster();
		const processes = [processStore(), processStore()];
		const keys = Array.from({ length: 10 }, (_, i) => `completion-${i}`);
		for (const node of nodes) {
			const claims = await Promise.all(
				keys.flatMap((key) =>
					Array.from({ length: 6 }, (_, i) => processes[i % 2].claim(node, [key], options)),
				),
			);
			expect(claims.flatMap((split) => split.fresh).sort()).toEqual([...keys].sort());
			expect(claims.flatMap((split) => split.inFlight)).toHaveLength(keys.length * 5);
		}
	});

	test('confirmed on one process it is a duplicate on the other; released, it is free again', async () => {
		const [a, b] = [processStore(), processStore()];
		for (const node of await replayNodesOnEveryMaster()) {
			expect((await a.claim(node, ['done', 'failed'], options)).fresh).toEqual(['done', 'failed']);
			expect((await b.claim(node, ['done'], options)).inFlight).toEqual(['done']);
			await a.settle(node, ['done'], true);
			await a.settle(node, ['failed'], false);
			expect(await b.claim(node, ['done', 'failed'], options)).toEqual({
				fresh: ['failed'],
				seen: ['done'],
				inFlight: [],
			});
		}
	});

	test('each node keeps its newest `limit` keys, oldest forgotten first', async () => {
		const store = processStore({ limit: 3 });
		const client = await inspector();
		for (const node of await replayNodesOnEveryMaster()) {
			for (const key of ['k1', 'k2', 'k3', 'k4']) await store.remember(node, [key], options);
			expect(await store.remember(node, ['k1', 'k2', 'k3', 'k4'], options)).toEqual({
				fresh: ['k1'],
				seen: ['k2', 'k3', 'k4'],
			});
			expect(await client.zcard(`${REPLAY_PREFIX}:{${node}}:seen`)).toBe(3);
		}
	});
});

describe('platform rate limits on a cluster', () => {
	test('two workers sharing one budget never exceed it together, for accounts on every master', async () => {
		const limit = { requests: 10, perMs: 1_000 };
		const bucket = (account: string) => new RedisTokenBucket(limit, account, processRedis());
		const started = Date.now();
		const perAccount = await Promise.all(
			(await accountsOnEveryMaster()).map(async (account) => {
				const [a, b] = [bucket(account), bucket(account)];
				return (await Promise.all([grantTimes(a, 8), grantTimes(b, 8)])).flat();
			}),
		);
		for (const times of perAccount) {
			expect(busiestWindow(times, COUNTED_WINDOW(limit))).toBeLessThanOrEqual(limit.requests);
		}
		// Each account's 16 grants, one every 100 ms: the accounts do not wait for each other.
		const finished = Math.max(...perAccount.flat()) - started;
		expect(finished).toBeGreaterThanOrEqual(15 * 100 - 10);
		expect(finished).toBeLessThan(15 * 100 + 1_000);
	});
});

describe('the Credly Trigger event memory on a cluster', () => {
	const setMode = useProcessSettings(() => undefined);

	test('an event that started a run on one process is a duplicate on another, for every trigger node', async () => {
		setMode({ EXECUTIONS_MODE: 'queue', ...queueClusterEnv() });
		const masters = (await inspector()).nodes('master');
		expect(masters).toHaveLength(3);
		const sizes = () => Promise.all(masters.map((master) => master.dbsize()));
		const before = await sizes();
		const [a, b] = [processCopy(), processCopy()];
		// Each node's memory is named by a hash: with 12 nodes, the chance that all of them sit
		// on one master is 3 in 3^12, so the scripts run on several masters.
		for (let i = 0; i < 12; i++) {
			const node = trigger(freshId());
			expect(await a.call(node, 'evt-1')).toBe(true);
			expect(await b.call(node, 'evt-1')).toBe(false);
			expect(await b.call(node, 'evt-2')).toBe(true);
		}
		const after = await sizes();
		const mastersWritten = after.filter((size, i) => size > before[i]).length;
		expect(mastersWritten).toBeGreaterThanOrEqual(2);
	});
});

describe('a cluster that cannot be used', () => {
	const setMode = useProcessSettings(closeQueueRedisForTests);
	// A node connection that never opened takes up to its disconnectTimeout (500 ms) to close.
	afterAll(() => new Promise((resolve) => setTimeout(resolve, 600)));
	const take = () => sharedRateLimiters.forKey(freshId(), { requests: 5, perMs: 1_000 }).take();

	test.each<[string, () => Record<string, string>, RegExp]>([
		[
			'no node answers',
			() => ({ QUEUE_BULL_REDIS_CLUSTER_NODES: '127.0.0.1:1' }),
			/Connection is closed|ECONNREFUSED/,
		],
		[
			'the password is wrong',
			() => ({ ...queueClusterEnv(), QUEUE_BULL_REDIS_PASSWORD: 'not-the-password' }),
			/WRONGPASS|NOAUTH|invalid password/i,
		],
	])('%s: the call fails soon, naming the cluster and the settings', async (_name, env, reason) => {
		setMode({ EXECUTIONS_MODE: 'queue', ...env() });
		const started = Date.now();
		const failure = await take().then(
			() => new Error('take() succeeded'),
			(error: Error) => error,
		);
		expect(failure.message).toMatch(/n8n's queue Redis at cluster 127\.0\.0\.1:\d+/);
		expect(failure.message).toMatch(reason);
		expect(failure.message).toMatch(/Check .*QUEUE_BULL_REDIS_CLUSTER_NODES/);
		// Not held until the cluster comes back (the LMS retries the delivery instead).
		expect(Date.now() - started).toBeLessThan(10_000);
	});
});
