import type { IssuerPlatform } from '../../../nodes/core/integrations/platforms';
import {
	startAccredibleSimulator,
	startCertifierSimulator,
	startCredlySimulator,
	type SimHandle,
	type SimOptions,
} from '../../simulators';
import { accredibleFor, certifierFor, cohort, credlyFor } from './support/clients';
import { SimControl, type ErrorKind, type Match } from './support/sim-control';

// The create reaches the platform and the credential is made, but the answer never comes back;
// the platform's search has not caught up yet when the client retries. Exactly one credential
// must exist afterwards, and the client must answer with it.

const learner = { name: 'Ada Lovelace', email: 'ada@example.com', id: 'lms-user-42' };
const CLIENT_TIMEOUT_MS = 1000;

interface Case {
	name: string;
	start: (options?: SimOptions) => Promise<SimHandle>;
	client: (sim: SimHandle) => IssuerPlatform;
	templateId: string;
	/** The request that creates the credential. */
	create: Match;
}

const credlyCreate: Match = { method: 'POST', pathEndsWith: '/badges' };
const cases: Case[] = [
	{
		name: 'Accredible, a group refusing duplicates',
		start: startAccredibleSimulator,
		client: (sim) => accredibleFor(sim, { timeoutMs: CLIENT_TIMEOUT_MS }),
		templateId: '12472',
		create: { method: 'POST', pathEndsWith: '/v1/credentials' },
	},
	{
		name: 'Accredible, a group allowing duplicates',
		start: startAccredibleSimulator,
		client: (sim) => accredibleFor(sim, { timeoutMs: CLIENT_TIMEOUT_MS }),
		templateId: '12473',
		create: { method: 'POST', pathEndsWith: '/v1/credentials' },
	},
	{
		name: 'Credly, a template refusing duplicates',
		start: startCredlySimulator,
		client: (sim) => credlyFor(sim, { timeoutMs: CLIENT_TIMEOUT_MS }),
		templateId: 'cfaf2910-ea5f-46f1-89a5-db525dad6e58',
		create: credlyCreate,
	},
	{
		name: 'Credly, a template allowing duplicates',
		start: startCredlySimulator,
		client: (sim) => credlyFor(sim, { timeoutMs: CLIENT_TIMEOUT_MS }),
		templateId: '3b9d6c1e-2f4a-4c8e-9a51-7d0e2b6f8a10',
		create: credlyCreate,
	},
	{
		name: 'Certifier, three steps',
		start: startCertifierSimulator,
		client: (sim) => certifierFor(sim, { timeoutMs: CLIENT_TIMEOUT_MS }),
		templateId: '01g90279gp5sbmfek7wymcsvec',
		create: { method: 'POST', pathEndsWith: '/v1/credentials' },
	},
	{
		name: 'Certifier, one call (create-issue-send)',
		start: startCertifierSimulator,
		client: (sim) => certifierFor(sim, { flow: 'single-call', timeoutMs: CLIENT_TIMEOUT_MS }),
		templateId: '01g90279gp5sbmfek7wymcsvec',
		create: { method: 'POST', pathEndsWith: '/create-issue-send' },
	},
];

const lags: Array<{ lag: { ms?: number; calls?: number }; lost: ErrorKind }> = [
	{ lag: { ms: 150 }, lost: 'reset-after' },
	{ lag: { calls: 3 }, lost: 'timeout-after' },
];

describe.each(cases)('a lost create answer on $name', ({ start, client, templateId, create }) => {
	let sim: SimHandle;
	let control: SimControl;

	beforeAll(async () => {
		sim = await start();
		control = new SimControl(sim);
	});
	afterAll(() => sim.stop());

	it.each(lags)(
		'with search lagging $lag and the answer lost by $lost: one credential, returned',
		async ({ lag, lost }) => {
			await control.reset();
			await control.faults({
				searchLag: lag,
				holdMs: CLIENT_TIMEOUT_MS + 150,
				failNext: [{ kind: lost, match: create }],
			});

			const outcome = await client(sim).issue({ templateId, recipient: learner });

			const live = (await control.issued()).items.filter((item) => !item.deleted);
			expect(live).toHaveLength(1);
			expect(live[0].email).toBe(learner.email);
			expect(outcome).toMatchObject({
				status: 'issued',
				recovered: true,
				credential: { id: String(live[0].id) },
			});
			// The answer really was lost after the work was done, and nothing was created blindly.
			const creates = (await control.requests()).filter(
				(r) => r.method === 'POST' && r.path.endsWith(create.pathEndsWith ?? ''),
			);
			expect(creates.map((r) => r.fault)).toEqual([lost]);
		},
		10_000,
	);
});

describe('a failure after the create answered', () => {
	it('Certifier: an issue step failing past its own retries leads to the same draft, read by id', async () => {
		const sim = await startCertifierSimulator();
		const control = new SimControl(sim);
		try {
			await control.faults({
				searchLag: { ms: 5000 },
				// The issue request's own three tries all fail: the draft stays a draft.
				failNext: Array.from({ length: 3 }, () => ({
					kind: 'reset' as const,
					match: { method: 'POST', pathEndsWith: '/issue' },
				})),
			});
			const outcome = await certifierFor(sim).issue({
				templateId: '01g90279gp5sbmfek7wymcsvec',
				recipient: learner,
			});
			const live = (await control.issued()).items.filter((item) => !item.deleted);
			expect(live).toHaveLength(1);
			expect(live[0]).toMatchObject({ status: 'issued', sentCount: 1 });
			expect(outcome).toMatchObject({ status: 'issued', credential: { id: live[0].id } });
			const searches = (await control.requests()).filter((r) => r.path.endsWith('/search'));
			expect(searches).toHaveLength(1);
		} finally {
			await sim.stop();
		}
	});
});

describe('a lost bulk create answer on Accredible', () => {
	it('finds the chunk once the search shows it instead of creating it again', async () => {
		const sim = await startAccredibleSimulator();
		const control = new SimControl(sim);
		try {
			await control.faults({
				searchLag: { ms: 150 },
				failNext: [{ kind: 'reset-after', match: { pathEndsWith: '/bulk_create' } }],
			});
			// A group that allows duplicates: only the client can keep this to one each.
			const learners = cohort(5).map((recipient) => ({ templateId: '12473', recipient }));
			const items = await accredibleFor(sim).bulkIssue(learners);

			const issued = await control.issued();
			expect(issued.duplicates).toEqual([]);
			expect(issued.items).toHaveLength(5);
			const ids = new Set(issued.items.map((item) => String(item.id)));
			expect(items.every((item) => item.outcome && ids.has(item.outcome.credential.id))).toBe(true);
			const creates = (await control.requests()).filter((r) => r.path.endsWith('/bulk_create'));
			expect(creates.map((r) => r.fault)).toEqual(['reset-after']);
		} finally {
			await sim.stop();
		}
	});
});
