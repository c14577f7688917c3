// The push triggers' replay memory in queue mode: the same claim / confirm / release / remember
// as the per-process ReplayStore, kept in Redis so every n8n process shares it. Each client
// below stands for one n8n process (main or webhook processor).
import { RedisReplayStore } from '../../../nodes/core/integrations/queue';
import { freshId, on, processClient } from './support';

const options = { warn: jest.fn() };

/** A store as one n8n process would have it, on a connection of its own. */
const processStore = (extra: { claimLeaseMs?: number; limit?: number } = {}) =>
	new RedisReplayStore({ redis: on(processClient()), ...extra });

test('two processes racing on the same keys: exactly one fresh claim per key', async () => {
	const node = freshId();
	const processes = [processStore(), processStore()];
	const keys = Array.from({ length: 20 }, (_, i) => `completion-${i}`);
	// Every key claimed by both processes at once, five deliveries of it each.
	const claims = await Promise.all(
		keys.flatMap((key) =>
			Array.from({ length: 10 }, (_, i) => processes[i % 2].claim(node, [key], options)),
		),
	);
	const fresh = claims.flatMap((split) => split.fresh).sort();
	expect(fresh).toEqual([...keys].sort());
	// The other deliveries are told a run holds the key (retry later), not "duplicate".
	expect(claims.flatMap((split) => split.inFlight)).toHaveLength(keys.length * 9);
	expect(claims.flatMap((split) => split.seen)).toEqual([]);
});

test('confirmed by one process, the key is a duplicate for the other', async () => {
	const node = freshId();
	const [a, b] = [processStore(), processStore()];
	expect((await a.claim(node, ['k1'], options)).fresh).toEqual(['k1']);
	expect(await b.claim(node, ['k1'], options)).toEqual({ fresh: [], seen: [], inFlight: ['k1'] });
	await a.settle(node, ['k1'], true);
	expect(await b.claim(node, ['k1'], options)).toEqual({ fresh: [], seen: ['k1'], inFlight: [] });
});

test('a release (the run failed) lets the LMS retry claim the key again, on any process', async () => {
	const node = freshId();
	const [a, b] = [processStore(), processStore()];
	await a.claim(node, ['k1'], options);
	await a.settle(node, ['k1'], false);
	expect((await b.claim(node, ['k1'], options)).fresh).toEqual(['k1']);
});

test('a claim whose run never answers frees the key once its lease ends', async () => {
	const node = freshId();
	const [a, b] = [processStore({ claimLeaseMs: 300 }), processStore({ claimLeaseMs: 300 })];
	await a.claim(node, ['k1'], options);
	expect((await b.claim(node, ['k1'], options)).inFlight).toEqual(['k1']);
	await new Promise((resolve) => setTimeout(resolve, 400));
	expect((await b.claim(node, ['k1'], options)).fresh).toEqual(['k1']);
});

test('with any key in flight nothing is claimed, so the retry finds the others still free', async () => {
	const node = freshId();
	const [a, b] = [processStore(), processStore()];
	await a.claim(node, ['held'], options);
	expect(await b.claim(node, ['free', 'held'], options)).toEqual({
		fresh: [],
		seen: [],
		inFlight: ['held'],
	});
	expect((await a.claim(node, ['free'], options)).fresh).toEqual(['free']);
});

test('remember claims and confirms at once; in-flight, known and repeated keys count as seen', async () => {
	const node = freshId();
	const [a, b] = [processStore(), processStore()];
	await a.claim(node, ['held'], options);
	const split = await b.remember(node, ['new', 'held', 'static', 'new'], {
		...options,
		alsoKnown: ['static'],
	});
	expect(split).toEqual({ fresh: ['new'], seen: ['held', 'static', 'new'] });
	expect((await a.remember(node, ['new'], options)).seen).toEqual(['new']);
	// A key known from static data is not written to Redis.
	expect((await a.remember(node, ['static'], options)).fresh).toEqual(['static']);
});

test('each node keeps its newest `limit` keys, oldest forgotten first', async () => {
	const node = freshId();
	const store = processStore({ limit: 3 });
	for (const key of ['k1', 'k2', 'k3', 'k4']) await store.remember(node, [key], options);
	const again = await store.remember(node, ['k1', 'k2', 'k3', 'k4'], options);
	expect(again).toEqual({ fresh: ['k1'], seen: ['k2', 'k3', 'k4'] });
	const client = processClient();
	expect(await client.zcard(`n8n-nodes-certificate-delivery:replay:{${node}}:seen`)).toBe(3);
});

test('nodes do not share keys', async () => {
	const store = processStore();
	const [first, second] = [freshId(), freshId()];
	await store.remember(first, ['k1'], options);
	expect((await store.claim(second, ['k1'], options)).fresh).toEqual(['k1']);
});
