import { startAccredibleSimulator, type SimHandle } from '../../simulators';
import { raw, SimControl } from './support/sim-control';

// The Accredible simulator checked against the facts sheet (section 1 and the checklist).

let sim: SimHandle;
let control: SimControl;
const auth = { Authorization: 'Token token=sim-accredible-key' };
const create = (credential: Record<string, unknown>, headers = auth) =>
	raw(sim, 'POST', '/v1/credentials', { headers, body: { credential } });
const ada = { name: 'Ada Lovelace', email: 'ada@example.com', id: 'lms-user-42' };

beforeAll(async () => {
	sim = await startAccredibleSimulator();
	control = new SimControl(sim);
});
afterAll(() => sim.stop());
beforeEach(() => control.reset());

describe('Accredible simulator contract', () => {
	it('creates with 200 (not 201) and the documented credential shape', async () => {
		const res = await create({
			group_id: 12472,
			recipient: ada,
			issued_on: '2025-05-01',
			custom_attributes: { Location: 'London' },
		});
		expect(res.status).toBe(200);
		const credential = (res.json as { credential: Record<string, unknown> }).credential;
		expect(credential).toMatchObject({
			group_id: 12472,
			group_name: 'intro-programming',
			name: 'Intro to Programming',
			approve: true,
			issued_on: '2025-05-01',
			expired_on: null,
			recipient: ada,
			custom_attributes: { Location: 'London' },
		});
		expect(credential.url).toBe(`https://www.credential.net/${String(credential.id)}`);
		expect(credential).toHaveProperty('issuer.id');
	});

	it.each([
		['Token token=KEY', 'Token token=sim-accredible-key'],
		['Token token="KEY"', 'Token token="sim-accredible-key"'],
		['Token KEY', 'Token sim-accredible-key'],
		['Bearer KEY', 'Bearer sim-accredible-key'],
	])('accepts the %s header form', async (_form, header) => {
		expect(
			(await raw(sim, 'GET', '/v1/issuer/details', { headers: { Authorization: header } })).status,
		).toBe(200);
	});

	it('refuses a bad key with the plain-text Rails answer', async () => {
		const res = await raw(sim, 'GET', '/v1/issuer/details', {
			headers: { Authorization: 'Token token=wrong' },
		});
		expect(res.status).toBe(401);
		expect(res.headers.get('content-type')).toMatch(/text\/plain/);
		expect(res.text.trim()).toBe('HTTP Token: Access denied.');
	});

	it('refuses a duplicate email in a group that forbids them, ignoring case', async () => {
		expect((await create({ group_id: 12472, recipient: ada })).status).toBe(200);
		const res = await create({ group_id: 12472, recipient: { ...ada, email: 'ADA@Example.com' } });
		expect(res.status).toBe(422);
		expect(res.json).toEqual({
			errors: {
				'recipient.email': [
					'has already been taken. Your group settings do not allow duplicates of this credential to be sent to the same email.',
				],
			},
		});
	});

	it('allows duplicates where the group allows them', async () => {
		expect((await create({ group_id: 12473, recipient: ada })).status).toBe(200);
		expect((await create({ group_id: 12473, recipient: ada })).status).toBe(200);
		expect((await control.issued()).total).toBe(2);
	});

	it('answers validation errors in the documented 422 shapes', async () => {
		expect((await create({ group_id: 999, recipient: ada })).json).toEqual({
			errors: 'Invalid Group',
		});
		expect(
			(
				await raw(sim, 'POST', '/v1/credentials', {
					headers: auth,
					body: { credential: { group_id: 12472 } },
				})
			).json,
		).toEqual({
			errors: 'Can not create credential without recipient data',
		});
		const bad = await create({
			group_id: 12472,
			recipient: { name: 'Ada', email: 'not-an-email' },
		});
		expect(bad.status).toBe(422);
		expect(bad.json).toEqual({ errors: { 'recipient.email': ['is invalid'] } });
	});

	it('accepts the date spellings real clients send', async () => {
		const res = await create({
			group_id: 12473,
			recipient: ada,
			issued_on: '2021-01-01 00:00:00 +0000',
			expired_on: '2030-06-30T12:00:00Z',
		});
		expect((res.json as { credential: Record<string, unknown> }).credential).toMatchObject({
			issued_on: '2021-01-01',
			expired_on: '2030-06-30',
		});
	});

	it('answers 404 with {"errors":"Doesn\'t exist"}', async () => {
		const res = await raw(sim, 'GET', '/v1/credentials/123', { headers: auth });
		expect(res.status).toBe(404);
		expect(res.json).toEqual({ errors: "Doesn't exist" });
	});

	it('pages groups with v1 meta', async () => {
		await control.seed({ generateGroups: 57 });
		const page1 = await raw(sim, 'POST', '/v1/issuer/groups/search', {
			headers: auth,
			body: { page: 1, page_size: 50 },
		});
		const body = page1.json as { groups: unknown[]; meta: Record<string, unknown> };
		expect(body.groups).toHaveLength(50);
		expect(body.meta).toEqual({
			current_page: 1,
			next_page: 2,
			prev_page: null,
			total_pages: 2,
			total_count: 60,
		});
		const page2 = (
			await raw(sim, 'POST', '/v1/issuer/groups/search', {
				headers: auth,
				body: { page: 2, page_size: 50 },
			})
		).json as { groups: unknown[]; meta: { next_page: unknown } };
		expect(page2.groups).toHaveLength(10);
		expect(page2.meta.next_page).toBeNull();
	});

	it('searches v2 with operators, flat results and cursor paging', async () => {
		await create({ group_id: 12472, recipient: ada, id: 'our-key-1' });
		await create({ group_id: 12473, recipient: { name: 'Grace', email: 'grace@example.com' } });
		const search = (body: unknown) =>
			raw(sim, 'POST', '/v2/credentials/search', { headers: auth, body });
		const byEmail = (
			await search({ query: { 'group.id': 12472, recipient_email: 'ADA@example.com' } })
		).json as { credentials: Array<Record<string, unknown>>; meta: Record<string, unknown> };
		expect(byEmail.credentials).toHaveLength(1);
		expect(byEmail.credentials[0]).toMatchObject({
			recipient_email: 'ada@example.com',
			recipient_id: 'lms-user-42',
			license_id: 'our-key-1',
			group: { id: 12472 },
		});
		expect(byEmail.meta).toMatchObject({ count: 1, from: 0 });
		const both = (await search({ query: { 'group.id[in]': [12472, 12473] }, page: { size: 1 } }))
			.json as { credentials: unknown[]; meta: { cursor: string } };
		expect(both.credentials).toHaveLength(1);
		const next = (
			await search({
				query: { 'group.id[in]': [12472, 12473] },
				page: { cursor: both.meta.cursor, size: 1 },
			})
		).json as { credentials: unknown[]; meta: { cursor: unknown } };
		expect(next.credentials).toHaveLength(1);
		expect(next.meta.cursor).toBeNull();
		const badSort = await search({ query: {}, sort: { issued_on: 'increasing' } });
		expect(badSort.status).toBe(400);
		expect(badSort.json).toEqual({
			code: 400,
			message: 'Sort order increasing is not supported',
			status: 'invalid_search_query',
			errors: {},
		});
	});

	it('bulk-creates up to 30 with 200, 207 on mixed results, 422 when all fail', async () => {
		const ok = await raw(sim, 'POST', '/v2/credentials/bulk_create', {
			headers: auth,
			body: { credentials: [{ group_id: 12472, recipient: ada }] },
		});
		expect(ok.status).toBe(200);
		const mixed = await raw(sim, 'POST', '/v2/credentials/bulk_create', {
			headers: auth,
			body: {
				credentials: [
					{ group_id: 12472, recipient: { name: 'Grace', email: 'grace@example.com' } },
					{ group_id: 12472, recipient: ada },
				],
			},
		});
		expect(mixed.status).toBe(207);
		const results = (mixed.json as { results: Array<Record<string, unknown>> }).results;
		expect(results[0]).toHaveProperty('credential');
		expect(results[1].error).toMatchObject({
			code: 'credential_invalid',
			details: [{ property: 'recipient.email' }],
		});
		const allBad = await raw(sim, 'POST', '/v2/credentials/bulk_create', {
			headers: auth,
			body: { credentials: [{ group_id: 12472, recipient: ada }] },
		});
		expect(allBad.status).toBe(422);
		const tooMany = Array.from({ length: 31 }, (_, i) => ({
			group_id: 12473,
			recipient: { name: 'N', email: `n${i}@example.com` },
		}));
		expect(
			(
				await raw(sim, 'POST', '/v2/credentials/bulk_create', {
					headers: auth,
					body: { credentials: tooMany },
				})
			).status,
		).toBe(422);
	});

	it('creates but does not publish when out of credits', async () => {
		await control.call('POST', 'issuer', { certificate_left: 0 });
		const res = await create({ group_id: 12472, recipient: ada });
		expect(res.status).toBe(200);
		expect((res.json as { credential: { approve: boolean } }).credential.approve).toBe(false);
		expect(
			(
				(await raw(sim, 'GET', '/v1/issuer/details', { headers: auth })).json as {
					issuer: { certificate_left: number };
				}
			).issuer.certificate_left,
		).toBe(0);
	});

	it('expires through PUT/PATCH and deletes with 200 and the deleted body', async () => {
		const id = (
			(await create({ group_id: 12472, recipient: ada })).json as { credential: { id: number } }
		).credential.id;
		const expired = await raw(sim, 'PATCH', `/v1/credentials/${id}`, {
			headers: auth,
			body: { credential: { expired_on: '2024-01-01' } },
		});
		expect((expired.json as { credential: { expired_on: string } }).credential.expired_on).toBe(
			'2024-01-01',
		);
		const deleted = await raw(sim, 'DELETE', `/v1/credentials/${id}`, { headers: auth });
		expect(deleted.status).toBe(200);
		expect((deleted.json as { credential: { id: number } }).credential.id).toBe(id);
		expect((await raw(sim, 'GET', `/v1/credentials/${id}`, { headers: auth })).status).toBe(404);
		expect((await control.issued()).items[0]).toMatchObject({ deleted: true });
	});

	it('generates a PDF link for published credentials only', async () => {
		const id = (
			(await create({ group_id: 12472, recipient: ada })).json as { credential: { id: number } }
		).credential.id;
		const pdf = await raw(sim, 'POST', `/v1/credentials/generate_single_pdf/${id}`, {
			headers: auth,
		});
		const file = (pdf.json as { file: string }).file;
		expect(file).toMatch(/\.pdf$/);
		expect((await raw(sim, 'GET', file)).text.startsWith('%PDF-')).toBe(true);
		await raw(sim, 'PUT', `/v1/credentials/${id}`, {
			headers: auth,
			body: { credential: { approve: false } },
		});
		expect(
			(await raw(sim, 'POST', `/v1/credentials/generate_single_pdf/${id}`, { headers: auth }))
				.status,
		).toBe(422);
	});
});
