// The replay memory of the push triggers: bounded, kept across restarts in a file, tolerant of a
// damaged file, and one-at-a-time per node so concurrent deliveries emit a completion once.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	fileReplayLog,
	KeyedQueue,
	parseLines,
	RecentKeys,
	ReplayStore,
	type ReplayLog,
} from '../../../nodes/core/integrations/lms';

let folder: string;
beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'replay-store-'));
});
afterEach(async () => {
	await rm(folder, { recursive: true, force: true });
});

const fileStore = (limit?: number) => new ReplayStore({ openLog: fileReplayLog, limit });
const silent = { warn: () => undefined };
const warnings = () => {
	const messages: string[] = [];
	return { messages, warn: (message: string) => void messages.push(message) };
};

describe('RecentKeys', () => {
	test('splits fresh from seen and counts a key repeated in one delivery once', () => {
		const keys = new RecentKeys(10);
		expect(keys.split(['a', 'b', 'a'])).toEqual({ fresh: ['a', 'b'], seen: ['a'] });
		expect(keys.split(['b', 'c'])).toEqual({ fresh: ['c'], seen: ['b'] });
		expect(keys.split(['d'], new Set(['d']))).toEqual({ fresh: [], seen: ['d'] });
	});

	test('keeps only the newest keys, forgetting the oldest first', () => {
		const keys = new RecentKeys(3, ['k1', 'k2', 'k3']);
		keys.split(['k4']);
		expect(keys.list()).toEqual(['k2', 'k3', 'k4']);
		expect(keys.split(['k1']).fresh).toEqual(['k1']);
		expect(keys.size).toBe(3);
	});

	test('refuses a limit that is not a positive integer', () => {
		expect(() => new RecentKeys(0)).toThrow(RangeError);
	});
});

describe('KeyedQueue', () => {
	test('runs work for one key in call order, other keys alongside, and survives a failure', async () => {
		const queue = new KeyedQueue();
		const order: string[] = [];
		const slow = (label: string, ms: number) => async () => {
			await new Promise((resolve) => setTimeout(resolve, ms));
			order.push(label);
			return label;
		};
		const failing = queue.run('a', async () => {
			await new Promise((resolve) => setTimeout(resolve, 20));
			throw new Error('boom');
		});
		const results = Promise.all([
			queue.run('a', slow('a2', 1)),
			queue.run('b', slow('b1', 5)),
			queue.run('a', slow('a3', 1)),
		]);
		await expect(failing).rejects.toThrow('boom');
		expect(await results).toEqual(['a2', 'b1', 'a3']);
		expect(order).toEqual(['b1', 'a2', 'a3']);
		await new Promise((resolve) => setImmediate(resolve));
		expect(queue.busy).toBe(0);
	});
});

describe('ReplayStore with a file', () => {
	test('a restarted store (new instance) still knows what was emitted', async () => {
		const path = join(folder, 'lms-replay', 'node.keys');
		expect(await fileStore().remember(path, ['k1', 'k2'], silent)).toEqual({
			fresh: ['k1', 'k2'],
			seen: [],
		});
		const restarted = fileStore();
		expect(await restarted.remember(path, ['k2', 'k3'], silent)).toEqual({
			fresh: ['k3'],
			seen: ['k2'],
		});
		expect(await fileStore().remember(path, ['k1', 'k3'], silent)).toEqual({
			fresh: [],
			seen: ['k1', 'k3'],
		});
	});

	test('forget() drops the process copy only; the file still catches the replay', async () => {
		const path = join(folder, 'node.keys');
		const store = fileStore();
		await store.remember(path, ['k1'], silent);
		store.forget();
		expect((await store.remember(path, ['k1'], silent)).seen).toEqual(['k1']);
	});

	test('stays bounded: keeps the last keys, and compacts the file', async () => {
		const path = join(folder, 'node.keys');
		const store = fileStore(5);
		for (let i = 1; i <= 23; i++) await store.remember(path, [`k${i}`], silent);
		const onDisk = parseLines(await readFile(path, 'utf8'));
		expect(onDisk.damaged).toBe(false);
		expect(onDisk.keys.length).toBeLessThanOrEqual(10);
		expect(onDisk.keys.slice(-5)).toEqual(['k19', 'k20', 'k21', 'k22', 'k23']);

		const restarted = fileStore(5);
		expect(await restarted.remember(path, ['k19', 'k23', 'k18'], silent)).toEqual({
			fresh: ['k18'],
			seen: ['k19', 'k23'],
		});
	});

	test('a cut-short file: warns, keeps what is readable, repairs the file', async () => {
		const path = join(folder, 'node.keys');
		await writeFile(path, '"k1"\n"k2"\n{"not":"a key"}\n"k3');
		const { messages, warn } = warnings();
		const store = fileStore();
		expect(await store.remember(path, ['k1', 'k2', 'k3'], { warn })).toEqual({
			fresh: ['k3'],
			seen: ['k1', 'k2'],
		});
		expect(messages).toEqual([expect.stringContaining('damaged')]);
		expect(await readFile(path, 'utf8')).toBe('"k1"\n"k2"\n"k3"\n');
	});

	test('an unreadable file or folder: warns, starts fresh, and never throws', async () => {
		const path = join(folder, 'node.keys');
		await writeFile(path, Buffer.from([0xff, 0xfe, 0x00, 0x01]));
		const damaged = warnings();
		expect((await fileStore().remember(path, ['k1'], damaged)).fresh).toEqual(['k1']);
		expect(damaged.messages).toEqual([expect.stringContaining('damaged')]);

		// The log's place is a file, so its folder cannot be created: memory only, one warning.
		const blocked = join(folder, 'node.keys', 'inner.keys');
		const failing = warnings();
		const store = fileStore();
		expect((await store.remember(blocked, ['k1'], failing)).fresh).toEqual(['k1']);
		expect((await store.remember(blocked, ['k1', 'k2'], failing)).seen).toEqual(['k1']);
		// One warning for the read and one for the saves, not one per delivery.
		expect(failing.messages).toEqual([
			expect.stringContaining('could not read'),
			expect.stringContaining('could not save'),
		]);
		expect(failing.messages.join()).not.toContain('Error:');
	});

	test('concurrent deliveries of one completion: exactly one is fresh', async () => {
		const path = join(folder, 'node.keys');
		const store = fileStore();
		const results = await Promise.all(
			Array.from({ length: 20 }, () => store.remember(path, ['same-completion'], silent)),
		);
		expect(results.filter((r) => r.fresh.length === 1)).toHaveLength(1);
		expect(results.filter((r) => r.seen[0] === 'same-completion')).toHaveLength(19);
		expect(parseLines(await readFile(path, 'utf8')).keys).toEqual(['same-completion']);
	});
});

describe('ReplayStore serialisation', () => {
	test('a slow log never lets a second call for the node read before the first has written', async () => {
		const written: string[] = [];
		const slowLog: ReplayLog = {
			load: async () => {
				await new Promise((resolve) => setTimeout(resolve, 10));
				return { keys: [...written], damaged: false };
			},
			append: async (keys) => {
				await new Promise((resolve) => setTimeout(resolve, 10));
				written.push(...keys);
			},
			rewrite: async (keys) => {
				written.splice(0, written.length, ...keys);
			},
		};
		const store = new ReplayStore({ openLog: () => slowLog, maxCachedNodes: 1 });
		const calls = [
			store.remember('node-a', ['k'], silent),
			store.remember('node-b', ['other'], silent),
			store.remember('node-a', ['k'], silent),
		];
		const [first, , second] = await Promise.all(calls);
		expect(first.fresh).toEqual(['k']);
		expect(second.seen).toEqual(['k']);
	});
});

describe('ReplayStore claims: a key is seen only once its run succeeded', () => {
	const clock = () => {
		let now = 1_000_000;
		return { now: () => now, advance: (ms: number) => void (now += ms) };
	};

	test('a released claim (failed run) leaves the key fresh and unwritten', async () => {
		const path = join(folder, 'failed.keys');
		const store = fileStore();
		expect(await store.claim(path, ['k1'], silent)).toEqual({
			fresh: ['k1'],
			seen: [],
			inFlight: [],
		});
		await store.settle(path, ['k1'], false, silent);
		expect((await store.claim(path, ['k1'], silent)).fresh).toEqual(['k1']);
		await expect(readFile(path, 'utf8')).rejects.toThrow('ENOENT');
	});

	test('a confirmed claim (run succeeded) is seen, here and after a restart', async () => {
		const path = join(folder, 'confirmed.keys');
		const store = fileStore();
		await store.claim(path, ['k1', 'k2'], silent);
		await store.settle(path, ['k1', 'k2'], true, silent);
		expect((await store.claim(path, ['k1'], silent)).seen).toEqual(['k1']);
		expect((await fileStore().claim(path, ['k2', 'k3'], silent)).seen).toEqual(['k2']);
	});

	test('while a claim is in flight another delivery of the key claims nothing', async () => {
		const store = new ReplayStore({ openLog: () => memoryLog() });
		await store.claim('node', ['k1'], silent);
		expect(await store.claim('node', ['k2', 'k1'], silent)).toEqual({
			fresh: [],
			seen: [],
			inFlight: ['k1'],
		});
		// k2 was not claimed by the refused delivery: a later one still gets it.
		expect((await store.claim('node', ['k2'], silent)).fresh).toEqual(['k2']);
	});

	test('a claim nobody settles lapses after its lease', async () => {
		const time = clock();
		const store = new ReplayStore({ openLog: () => memoryLog(), claimLeaseMs: 1000, ...time });
		await store.claim('node', ['k1'], silent);
		time.advance(999);
		expect((await store.claim('node', ['k1'], silent)).inFlight).toEqual(['k1']);
		time.advance(1);
		expect((await store.claim('node', ['k1'], silent)).fresh).toEqual(['k1']);
	});
});

function memoryLog(): ReplayLog {
	const written: string[] = [];
	return {
		load: async () => ({ keys: [...written], damaged: false }),
		append: async (keys) => void written.push(...keys),
		rewrite: async (keys) => void written.splice(0, written.length, ...keys),
	};
}
