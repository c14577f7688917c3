import {
	isPlatformError,
	type IssuerPlatform,
	type PlatformClientOptions,
} from '../../../nodes/core/integrations/platforms';
import {
	startAccredibleSimulator,
	startCertifierSimulator,
	startCredlySimulator,
	type SimHandle,
	type SimOptions,
} from '../../simulators';
import { accredibleFor, certifierFor, credlyFor } from './support/clients';
import { SimControl } from './support/sim-control';

// The platform goes away for a window: calls fail as retryable, retries after recovery
// succeed, and each learner ends up with exactly one credential.

interface Case {
	name: string;
	start: (options?: SimOptions) => Promise<SimHandle>;
	client: (sim: SimHandle, extra: Partial<PlatformClientOptions>) => IssuerPlatform;
	templateId: string;
	createPath: string;
}

const cases: Case[] = [
	{
		name: 'accredible',
		start: startAccredibleSimulator,
		client: accredibleFor,
		templateId: '12472',
		createPath: '/v1/credentials',
	},
	{
		name: 'credly',
		start: startCredlySimulator,
		client: credlyFor,
		templateId: 'cfaf2910-ea5f-46f1-89a5-db525dad6e58',
		createPath: '/badges',
	},
	{
		name: 'certifier',
		start: startCertifierSimulator,
		client: certifierFor,
		templateId: '01g90279gp5sbmfek7wymcsvec',
		createPath: '/v1/credentials',
	},
];

describe.each(cases)('outage on $name', ({ start, client, templateId, createPath }) => {
	let sim: SimHandle;
	let control: SimControl;
	const learner = { name: 'Ada Lovelace', email: 'ada@example.com' };
	const live = async () => (await control.issued()).items.filter((i) => !i.deleted);

	beforeAll(async () => {
		sim = await start();
		control = new SimControl(sim);
	});
	afterAll(() => sim.stop());
	beforeEach(() => control.reset());

	it('fails as retryable during the outage, then issues once after recovery', async () => {
		// Long enough to outlast every retry on a loaded machine; the test ends it below.
		await control.faults({ outage: { durationMs: 60_000 } });
		const impatient = client(sim, { retry: { maxAttempts: 2, baseDelayMs: 20 } });
		const error = await impatient
			.issue({ templateId, recipient: learner })
			.catch((e: unknown) => e);
		expect(isPlatformError(error)).toBe(true);
		expect(error).toMatchObject({ code: 'network', retryable: true });
		expect((await control.requests()).every((r) => r.fault === 'outage')).toBe(true);

		await control.faults({ outage: null });
		// What a retry queue does later: the same request again.
		const later = await impatient.issue({ templateId, recipient: learner });
		expect(later.status).toBe('issued');
		expect(await live()).toHaveLength(1);
	});

	it('rides out the outage with retries and issues exactly once', async () => {
		await control.faults({ outage: { durationMs: 250, mode: '503' } });
		const patient = client(sim, { retry: { maxAttempts: 6, baseDelayMs: 40, multiplier: 2 } });
		const outcome = await patient.issue({ templateId, recipient: learner });
		expect(outcome.status).toBe('issued');
		expect(await live()).toHaveLength(1);
		expect((await control.requests()).filter((r) => r.fault === 'outage').length).toBeGreaterThan(
			1,
		);
	});

	it('does not issue twice when the platform did the work just before going down', async () => {
		// The create is processed, its answer is lost, and the platform is down for a while.
		await control.faults({
			failNext: [{ kind: 'timeout-after', match: { method: 'POST', pathEndsWith: createPath } }],
			holdMs: 60,
			outage: { startsInMs: 40, durationMs: 250 },
		});
		const patient = client(sim, {
			timeoutMs: 2000,
			retry: { maxAttempts: 6, baseDelayMs: 40, multiplier: 2 },
		});
		const outcome = await patient.issue({ templateId, recipient: learner });
		expect(outcome).toMatchObject({ status: 'issued', recovered: true });
		expect(await live()).toHaveLength(1);
		expect((await control.requests()).some((r) => r.fault === 'outage')).toBe(true);
	});
});
