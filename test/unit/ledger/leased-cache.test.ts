// Open ledgers are shared by executions, at most two per storage location (the current signing
// key and the one before a rotation); an older one is closed, but never under a running execution.
import { LeasedCache } from '../../../nodes/kit/leased-cache';

class FakeStore {
	closed = 0;
	constructor(readonly name: string) {}
	async close() {
		this.closed++;
	}
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('executions on one key share one open store', async () => {
	const cache = new LeasedCache<FakeStore>(2);
	let opened = 0;
	const open = async () => new FakeStore(`s${++opened}`);
	const a = cache.acquire('folder|keyA', 'folder', open);
	const b = cache.acquire('folder|keyA', 'folder', open);
	expect(await a.value).toBe(await b.value);
	expect(opened).toBe(1);
	a.release();
	b.release();
	await settle();
	expect((await a.value).closed).toBe(0);
});

test('a third key on a location closes the least recently used idle store', async () => {
	const cache = new LeasedCache<FakeStore>(2);
	const stores: Record<string, FakeStore> = {};
	const open = (name: string) => async () => (stores[name] = new FakeStore(name));
	for (const key of ['A', 'B']) cache.acquire(`f|${key}`, 'f', open(key)).release();
	// A used again: B is now the one idle longest.
	cache.acquire('f|A', 'f', open('A')).release();
	cache.acquire('f|C', 'f', open('C')).release();
	await settle();
	expect([stores.A.closed, stores.B.closed, stores.C.closed]).toEqual([0, 1, 0]);
	expect(cache.openCount('f')).toBe(2);
	// Other locations are not counted against this one.
	cache.acquire('g|A', 'g', open('gA')).release();
	expect(cache.openCount('f')).toBe(2);
	expect(cache.openCount('g')).toBe(1);
});

test('a retired store in use closes only when its last user releases it', async () => {
	const cache = new LeasedCache<FakeStore>(1);
	const first = cache.acquire('f|A', 'f', async () => new FakeStore('A'));
	const store = await first.value;
	const second = cache.acquire('f|B', 'f', async () => new FakeStore('B'));
	await settle();
	expect(store.closed).toBe(0);
	first.release();
	first.release();
	await settle();
	expect(store.closed).toBe(1);
	second.release();
	// Asking for A again opens it afresh.
	const again = cache.acquire('f|A', 'f', async () => new FakeStore('A2'));
	expect((await again.value).name).toBe('A2');
});

test('a failed open is forgotten, so the next execution tries again', async () => {
	const cache = new LeasedCache<FakeStore>(2);
	const failing = cache.acquire('f|A', 'f', async () => {
		throw new Error('lock timeout');
	});
	await expect(failing.value).rejects.toThrow('lock timeout');
	failing.release();
	await settle();
	const retry = cache.acquire('f|A', 'f', async () => new FakeStore('A'));
	expect((await retry.value).name).toBe('A');
	expect(cache.openCount('f')).toBe(1);
});
