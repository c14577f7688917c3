// The read-back guard of the triggers that check unauthenticated posts with the platform: repeats
// and concurrent reads of one id cost one call, each budget key gets a bounded number of calls
// per window (then a refusal with the wait), and failures are not remembered.
import { ReadBackGuard } from '../../../nodes/core/integrations/platforms';

function clock(start = 1_000_000) {
	let now = start;
	return { now: () => now, advance: (ms: number) => void (now += ms) };
}

test('an id already answered is served from memory until its answer expires', async () => {
	const time = clock();
	const guard = new ReadBackGuard<string>({ answerTtlMs: 1000, now: time.now });
	const fetch = jest.fn(async () => 'answer');
	expect(await guard.read('cred', 10, 'id-1', fetch)).toEqual({ ok: true, value: 'answer' });
	expect(await guard.read('cred', 10, 'id-1', fetch)).toEqual({ ok: true, value: 'answer' });
	expect(fetch).toHaveBeenCalledTimes(1);
	time.advance(1000);
	await guard.read('cred', 10, 'id-1', fetch);
	expect(fetch).toHaveBeenCalledTimes(2);
});

test('concurrent reads of one id share one call', async () => {
	const guard = new ReadBackGuard<number>();
	let calls = 0;
	const fetch = async () => {
		calls++;
		await new Promise((resolve) => setTimeout(resolve, 10));
		return calls;
	};
	const results = await Promise.all(
		Array.from({ length: 20 }, async () => await guard.read('cred', 1, 'same', fetch)),
	);
	expect(calls).toBe(1);
	expect(results.every((r) => r.ok && r.value === 1)).toBe(true);
});

test('past the budget nothing is fetched and the wait until a call frees up is given', async () => {
	const time = clock();
	const guard = new ReadBackGuard<string>({ windowMs: 60_000, now: time.now });
	const fetch = jest.fn(async () => 'x');
	for (const id of ['a', 'b', 'c']) expect((await guard.read('cred', 3, id, fetch)).ok).toBe(true);
	time.advance(20_000);
	expect(await guard.read('cred', 3, 'd', fetch)).toEqual({ ok: false, retryAfterSeconds: 40 });
	// Another credential has its own budget; a known id costs nothing.
	expect((await guard.read('other', 3, 'd', fetch)).ok).toBe(true);
	expect((await guard.read('cred', 3, 'a', fetch)).ok).toBe(true);
	expect(fetch).toHaveBeenCalledTimes(4);
	time.advance(40_000);
	expect((await guard.read('cred', 3, 'd', fetch)).ok).toBe(true);
});

test('a failed call is not remembered, so a retry asks again', async () => {
	const guard = new ReadBackGuard<string>();
	const fetch = jest.fn().mockRejectedValueOnce(new Error('ECONNREFUSED')).mockResolvedValue('ok');
	await expect(guard.read('cred', 10, 'id', fetch)).rejects.toThrow('ECONNREFUSED');
	expect(await guard.read('cred', 10, 'id', fetch)).toEqual({ ok: true, value: 'ok' });
});
