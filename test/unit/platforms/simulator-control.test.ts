import {
	startAccredibleSimulator,
	startCertifierSimulator,
	type SimHandle,
} from '../../simulators';
import { raw, SimControl } from './support/sim-control';

// The control API every simulator shares: reset, seed, faults, issued list, request log.

let sim: SimHandle;
let control: SimControl;
const auth = { Authorization: 'Token token=sim-accredible-key' };
const details = () => raw(sim, 'GET', '/v1/issuer/details', { headers: auth });
const create = (email: string) =>
	raw(sim, 'POST', '/v1/credentials', {
		headers: auth,
		body: { credential: { group_id: 12473, recipient: { name: 'N', email } } },
	});

/** fetch that reports a dropped connection instead of throwing. */
async function attempt(run: () => Promise<{ status: number }>): Promise<number | 'dropped'> {
	try {
		return (await run()).status;
	} catch {
		return 'dropped';
	}
}

beforeAll(async () => {
	sim = await startAccredibleSimulator();
	control = new SimControl(sim);
});
afterAll(() => sim.stop());
beforeEach(() => control.reset());

describe('simulator control', () => {
	it('rate-limits per fixed window with 429 and Retry-After in platform seconds', async () => {
		// 3 a minute, with a minute lasting 600 real ms.
		await control.faults({ rateLimit: { limit: 3, windowMs: 60_000 }, timeScale: 100 });
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push(await details());
		expect(statuses.map((s) => s.status)).toEqual([200, 200, 200, 429]);
		const retryAfter = Number(statuses[3].headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThanOrEqual(1);
		expect(retryAfter).toBeLessThanOrEqual(60);
		await new Promise((resolve) => setTimeout(resolve, (retryAfter * 1000) / 100 + 20));
		expect((await details()).status).toBe(200);
		expect((await control.requests()).filter((r) => r.fault === 'rate_limited')).toHaveLength(1);
	});

	it('drops connections during an outage window, or answers 503, then recovers', async () => {
		await control.faults({ outage: { durationMs: 150 } });
		expect(await attempt(details)).toBe('dropped');
		await new Promise((resolve) => setTimeout(resolve, 170));
		expect(await attempt(details)).toBe(200);
		await control.faults({ outage: { durationMs: 100, mode: '503' } });
		expect(await attempt(details)).toBe(503);
	});

	it('injects queued failures: before processing nothing is created, after processing it is', async () => {
		await control.faults({
			failNext: [
				{ kind: '500', match: { method: 'POST' } },
				{ kind: '500-after' },
				{ kind: 'timeout-after' },
			],
			holdMs: 50,
		});
		expect(await attempt(() => create('a@example.com'))).toBe(500);
		expect((await control.issued()).total).toBe(0);
		expect(await attempt(() => create('b@example.com'))).toBe(500);
		expect(await attempt(() => create('c@example.com'))).toBe('dropped');
		const issued = await control.issued();
		expect(issued.items.map((i) => i.email)).toEqual(['b@example.com', 'c@example.com']);
	});

	it('fails a seeded share of matching requests, the same way on every run', async () => {
		const run = async () => {
			await control.reset();
			await control.faults({
				errorRate: 0.3,
				errorKinds: ['503'],
				seed: 42,
				match: { path: '/issuer' },
			});
			const out = [];
			for (let i = 0; i < 20; i++) out.push((await details()).status);
			return out;
		};
		const first = await run();
		expect(first.filter((s) => s === 503).length).toBeGreaterThan(2);
		expect(first.filter((s) => s === 503).length).toBeLessThan(12);
		expect(await run()).toEqual(first);
	});

	it('adds latency', async () => {
		await control.faults({ latencyMs: 80 });
		const started = Date.now();
		await details();
		expect(Date.now() - started).toBeGreaterThanOrEqual(75);
	});

	it('expires the token on demand', async () => {
		await control.faults({ tokenExpired: true });
		expect((await details()).status).toBe(401);
		await control.clearFaults();
		expect((await details()).status).toBe(200);
	});

	it('seeds, lists what was issued with duplicates, and resets to the sample data', async () => {
		await control.seed({ groups: [{ id: 555, name: 'extra', allow_duplicate_credentials: true }] });
		for (const email of ['x@example.com', 'X@example.com']) {
			await raw(sim, 'POST', '/v1/credentials', {
				headers: auth,
				body: { credential: { group_id: 555, recipient: { name: 'X', email } } },
			});
		}
		const issued = await control.issued();
		expect(issued.total).toBe(2);
		expect(issued.duplicates).toEqual([{ key: '555|x@example.com', count: 2 }]);
		await control.reset();
		expect((await control.issued()).total).toBe(0);
		expect((await raw(sim, 'GET', '/v1/issuer/groups/555', { headers: auth })).status).toBe(404);
		expect((await raw(sim, 'GET', '/v1/issuer/groups/12472', { headers: auth })).status).toBe(200);
	});

	it('refuses unknown fault kinds and webhook targets off this machine', async () => {
		await expect(control.faults({ errorKinds: ['teapot' as '500'] })).rejects.toThrow(
			/unknown error kind/,
		);
		const certifier = new SimControl(await startCertifierSimulator());
		try {
			await expect(certifier.webhooks({ url: 'https://example.com/hook' })).rejects.toThrow(
				/127\.0\.0\.1/,
			);
		} finally {
			await certifier.sim.stop();
		}
	});
});
