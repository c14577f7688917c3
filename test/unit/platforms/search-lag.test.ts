import {
	startAccredibleSimulator,
	startCertifierSimulator,
	startCredlySimulator,
	type SimHandle,
	type SimOptions,
} from '../../simulators';
import { raw, SimControl } from './support/sim-control';

// The simulators' lagging search (new credentials stay out of search and list answers for a
// while, reading by id sees them at once) and their lost answer (created, then the connection
// dropped), the two faults that make a retried create dangerous.

interface Api {
	name: string;
	start: (options?: SimOptions) => Promise<SimHandle>;
	headers: (sim: SimHandle) => Record<string, string>;
	create: (sim: SimHandle, email: string) => { path: string; body: unknown };
	/** Every way to find credentials by something other than their id: how many hits each gives. */
	finders: (
		sim: SimHandle,
		email: string,
	) => Array<{ method: string; path: string; body?: unknown }>;
	hits: (json: unknown) => number;
	byId: (sim: SimHandle, id: string) => string;
}

const org = (sim: SimHandle) => `/v1/organizations/${sim.credentials.organizationId}`;
const listed = (key: string) => (json: unknown) =>
	((json as Record<string, unknown[]> | undefined)?.[key] ?? []).length;

const apis: Api[] = [
	{
		name: 'accredible',
		start: startAccredibleSimulator,
		headers: (sim) => ({ Authorization: `Token token=${sim.credentials.apiKey}` }),
		create: (_sim, email) => ({
			path: '/v1/credentials',
			body: { credential: { group_id: 12472, recipient: { name: 'Ada Lovelace', email } } },
		}),
		finders: (_sim, email) => [
			{
				method: 'POST',
				path: '/v2/credentials/search',
				body: { query: { recipient_email: email } },
			},
			{ method: 'GET', path: `/v1/all_credentials?group_id=12472&email=${email}` },
		],
		hits: listed('credentials'),
		byId: (_sim, id) => `/v1/credentials/${id}`,
	},
	{
		name: 'credly',
		start: startCredlySimulator,
		headers: (sim) => ({
			Authorization: `Basic ${Buffer.from(`${sim.credentials.apiKey}:`).toString('base64')}`,
		}),
		create: (sim, email) => ({
			path: `${org(sim)}/badges`,
			body: {
				recipient_email: email,
				issued_to_first_name: 'Ada',
				issued_to_last_name: 'Lovelace',
				badge_template_id: 'cfaf2910-ea5f-46f1-89a5-db525dad6e58',
				issued_at: '2025-05-01 09:41:00 +0000',
			},
		}),
		finders: (sim, email) => [
			{ method: 'GET', path: `${org(sim)}/badges?filter=recipient_email_all::${email}` },
		],
		hits: listed('data'),
		byId: (sim, id) => `${org(sim)}/badges/${id}`,
	},
	{
		name: 'certifier',
		start: startCertifierSimulator,
		headers: (sim) => ({
			Authorization: `Bearer ${sim.credentials.apiKey}`,
			'Certifier-Version': '2022-10-26',
		}),
		create: (_sim, email) => ({
			path: '/v1/credentials',
			body: { groupId: '01g90279gp5sbmfek7wymcsvec', recipient: { name: 'Ada Lovelace', email } },
		}),
		finders: (_sim, email) => [
			{
				method: 'POST',
				path: '/v1/credentials/search',
				body: { filter: { recipient: { email: { equals: email } } } },
			},
			{ method: 'GET', path: '/v1/credentials' },
		],
		hits: listed('data'),
		byId: (_sim, id) => `/v1/credentials/${id}`,
	},
];

describe.each(apis)('$name simulator', (api) => {
	let sim: SimHandle;
	let control: SimControl;
	const email = 'ada@example.com';
	const call = (request: { method: string; path: string; body?: unknown }) =>
		raw(sim, request.method, request.path, { headers: api.headers(sim), body: request.body });
	/** Hits per finder, each finder asked once (every ask counts against a `calls` lag). */
	const found = async () => {
		const counts = [];
		for (const finder of api.finders(sim, email)) counts.push(api.hits((await call(finder)).json));
		return counts;
	};
	const create = () => call({ method: 'POST', ...api.create(sim, email) });
	const onlyId = async () => String((await control.issued()).items[0].id);

	beforeAll(async () => {
		sim = await api.start();
		control = new SimControl(sim);
	});
	afterAll(() => sim.stop());
	beforeEach(() => control.reset());

	it('keeps a new credential out of search and list answers for the next N requests', async () => {
		const finders = api.finders(sim, email).length;
		// Two rounds of every finder stay blind; the third round sees it.
		await control.faults({ searchLag: { calls: 2 * finders } });
		expect((await create()).status).toBeLessThan(300);
		expect((await call({ method: 'GET', path: api.byId(sim, await onlyId()) })).status).toBe(200);
		expect(await found()).toEqual(Array(finders).fill(0));
		expect(await found()).toEqual(Array(finders).fill(0));
		expect(await found()).toEqual(Array(finders).fill(1));
	});

	it('keeps a new credential out of search and list answers for N ms', async () => {
		const finders = api.finders(sim, email).length;
		await control.faults({ searchLag: { ms: 250 } });
		await create();
		expect(await found()).toEqual(Array(finders).fill(0));
		await new Promise((resolve) => setTimeout(resolve, 280));
		expect(await found()).toEqual(Array(finders).fill(1));
	});

	it('loses the answer of a create that went through (reset-after)', async () => {
		await control.faults({ failNext: [{ kind: 'reset-after', match: { method: 'POST' } }] });
		await expect(create()).rejects.toThrow();
		expect((await control.issued()).total).toBe(1);
		const logged = (await control.requests()).find((r) => r.method === 'POST');
		expect(logged).toMatchObject({ fault: 'reset-after' });
		expect(logged?.status).toBeLessThan(300);
	});

	it('refuses a malformed searchLag, naming the field', async () => {
		await expect(control.faults({ searchLag: { ms: -1 } })).rejects.toThrow(/searchLag\.ms/);
		await expect(
			control.faults({ searchLag: { seconds: 1 } as unknown as { ms: number } }),
		).rejects.toThrow(/searchLag\.seconds/);
	});
});
