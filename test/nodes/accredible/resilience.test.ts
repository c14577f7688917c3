// Rate-limit storms, server errors and lost answers: the node still issues each credential
// exactly once, counted by the simulator itself.
import {
	createParameters,
	credentialId,
	jsonOf,
	learners,
	runAccredible,
	startSim,
	type AccredibleSim,
} from '../support/accredible';

// Loading n8n and the node types can take more than jest's default 5 s on a busy machine.
jest.setTimeout(90_000);

let sim: AccredibleSim;
beforeAll(async () => {
	sim = await startSim();
});
afterAll(() => sim.sim.stop());
beforeEach(() => sim.control.reset());

describe('Accredible Create under faults', () => {
	test('a 429 storm: every learner issued once, waiting as Retry-After says', async () => {
		// 4 requests per second allowed; the node paces for Accredible's real limit (~6.7/s), so
		// it runs into 429s and must wait them out.
		await sim.control.faults({ rateLimit: { limit: 4, windowMs: 1000 } });
		const cohort = learners(8, 'storm');
		const run = await runAccredible(sim, { parameters: createParameters(), items: cohort });
		expect(run.status).toBe('success');
		expect(jsonOf(run.outputs[0]).map((j) => j.status)).toEqual(cohort.map(() => 'issued'));
		const throttled = (await sim.control.requests()).filter((r) => r.fault === 'rate_limited');
		expect(throttled.length).toBeGreaterThan(0);
		const { total, duplicates } = await sim.control.issued();
		expect(total).toBe(8);
		expect(duplicates).toEqual([]);
	});

	test('lost answers and 5xx on create: found by the lookup before the retry, not re-created', async () => {
		await sim.control.faults({
			failNext: [
				// Created, then the answer is a 500: the client cannot know it worked.
				{ kind: '500-after', match: { method: 'POST', pathEndsWith: '/v1/credentials' } },
				// Plain 503 on a lookup.
				{ kind: '503', match: { path: '/v2/credentials/search' } },
				// Created, then the connection drops.
				{ kind: 'timeout-after', match: { method: 'POST', pathEndsWith: '/v1/credentials' } },
			],
			holdMs: 300,
		});
		const run = await runAccredible(sim, {
			parameters: createParameters({ options: { timeout: 2 } }),
			items: learners(3, 'faulty'),
		});
		expect(run.status).toBe('success');
		const out = jsonOf(run.outputs[0]);
		expect(out.map((j) => j.newlyIssued)).toEqual([true, true, true]);
		expect(out.filter((j) => j.recovered === true).length).toBeGreaterThanOrEqual(2);
		const { total, duplicates } = await sim.control.issued();
		expect(total).toBe(3);
		expect(duplicates).toEqual([]);
	});

	test('retries exhausted: a clear, retryable error on that item, nothing issued twice', async () => {
		await sim.control.faults({ errorRate: 1, errorKinds: ['503'], match: { path: '/v2/' } });
		const run = await runAccredible(sim, {
			parameters: createParameters({ options: { maxAttempts: 2 } }),
			settings: { onError: 'continueRegularOutput' },
			items: [{ email: 'down@example.com', name: 'Down' }],
		});
		const [failed] = jsonOf(run.outputs[0]);
		expect(failed.error).toMatch(/Accredible/);
		expect(failed.message).toMatch(/\[server_error, retryable\]$/);
		const searches = (await sim.control.requests()).filter(
			(r) => r.path === '/v2/credentials/search',
		);
		// Two tries of the lookup request, in each of the issue flow's two rounds.
		expect(searches).toHaveLength(4);
		expect((await sim.control.issued()).total).toBe(0);
	});

	test('the Timeout option ends a hung request', async () => {
		await sim.control.faults({ latencyMs: 2500 });
		const started = Date.now();
		const run = await runAccredible(sim, {
			parameters: createParameters({ options: { timeout: 1, maxAttempts: 1 } }),
			credentialId: credentialId(),
			items: [{ email: 'slow@example.com', name: 'Slow' }],
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/tim(ed|e) ?out/i);
		expect(Date.now() - started).toBeLessThan(2400);
	});
});
