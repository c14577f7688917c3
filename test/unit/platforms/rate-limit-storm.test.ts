import {
	scaledClock,
	type IssuerPlatform,
	type PlatformClientOptions,
} from '../../../nodes/core/integrations/platforms';
import { startSimulatorProcess, type SimHandle, type SimOptions } from '../../simulators';
import { accredibleFor, certifierFor, cohort, credlyFor, pool } from './support/clients';
import { SimControl } from './support/sim-control';

// A cohort of 500 at a limit of 100 requests a minute, on time running 150 times faster (a
// minute lasts 400 ms): the per-credential limiter keeps the cohort under the limit, 429s that
// slip through are waited out as Retry-After says, and nothing fails or is issued twice.

jest.setTimeout(90_000);

const TIME_SCALE = 150;
const LIMIT = { limit: 100, windowMs: 60_000 };

interface Case {
	name: string;
	start: (options?: SimOptions) => Promise<SimHandle>;
	client: (sim: SimHandle, extra: Partial<PlatformClientOptions>) => IssuerPlatform;
	templateId: string;
}

const cases: Case[] = [
	{
		name: 'accredible',
		start: (o) => startSimulatorProcess('accredible', o),
		client: accredibleFor,
		templateId: '12472',
	},
	{
		name: 'credly',
		start: (o) => startSimulatorProcess('credly', o),
		client: credlyFor,
		templateId: 'cfaf2910-ea5f-46f1-89a5-db525dad6e58',
	},
	{
		name: 'certifier',
		start: (o) => startSimulatorProcess('certifier', o),
		client: certifierFor,
		templateId: '01g90279gp5sbmfek7wymcsvec',
	},
];

describe.each(cases)('429 storm on $name', ({ start, client, templateId }) => {
	let sim: SimHandle;
	let control: SimControl;

	beforeAll(async () => {
		sim = await start({ timeScale: TIME_SCALE });
		control = new SimControl(sim);
	});
	afterAll(() => sim.stop());

	it('issues a cohort of 500 at 100 requests/minute with 0 failures and 0 duplicates', async () => {
		await control.reset();
		await control.faults({ rateLimit: LIMIT });
		const issuer = client(sim, {
			clock: scaledClock(TIME_SCALE),
			rateLimit: { requests: LIMIT.limit, perMs: LIMIT.windowMs },
			retry: { maxAttempts: 3, baseDelayMs: 1000, maxRetryAfterMs: 120_000 },
		});
		const learners = cohort(500);
		const started = Date.now();
		const results = await pool(learners, 20, (learner) =>
			issuer.issue({ templateId, recipient: learner }),
		);
		const wallMs = Date.now() - started;

		const failures = results.filter((r) => r.status === 'rejected');
		expect(failures).toEqual([]);
		const issued = await control.issued();
		expect(issued.total).toBe(500);
		expect(issued.duplicates).toEqual([]);

		const log = await control.requests();
		const throttled = log.filter((r) => r.fault === 'rate_limited').length;
		// The limiter, not the server, did the pacing: a 429 is the exception.
		expect(throttled).toBeLessThan(log.length * 0.02);
		// And the limit held: the run took at least as long as the rate allows.
		const floorMs = ((log.length - throttled) / LIMIT.limit) * (LIMIT.windowMs / TIME_SCALE);
		expect(wallMs).toBeGreaterThan(floorMs * 0.9);
	});
});

describe('the same storm without the limiter', () => {
	// On real time: 150 issuances are well over 100 requests, and however busy the machine, they
	// are sent within the minute, so the limit must bite (on scaled time a slow machine could
	// spread them over several 400 ms windows).
	it('fails calls (so the test above can fail)', async () => {
		const sim = await startSimulatorProcess('credly');
		const control = new SimControl(sim);
		try {
			await control.faults({ rateLimit: LIMIT });
			const unthrottled = credlyFor(sim, { retry: { maxAttempts: 1 } });
			const results = await pool(cohort(150), 20, (learner) =>
				unthrottled.issue({
					templateId: 'cfaf2910-ea5f-46f1-89a5-db525dad6e58',
					recipient: learner,
				}),
			);
			const failures = results.filter((r) => r.status === 'rejected');
			expect(failures.length).toBeGreaterThan(0);
			expect(failures[0]).toMatchObject({ reason: { code: 'rate_limited', retryable: true } });
		} finally {
			await sim.stop();
		}
	});
});
