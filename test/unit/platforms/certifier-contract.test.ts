import { startCertifierSimulator, type SimHandle } from '../../simulators';
import { raw, SimControl } from './support/sim-control';

// The Certifier simulator checked against the facts sheet (section 3 and the checklist).

let sim: SimHandle;
let control: SimControl;
const headers = { Authorization: 'Bearer sim-certifier-token', 'Certifier-Version': '2022-10-26' };
const GROUP = '01g90279gp5sbmfek7wymcsvec';
const body = {
	groupId: GROUP,
	recipient: { name: 'Ada Lovelace', email: 'ada@example.com' },
	issueDate: '2025-05-01',
	customAttributes: { 'custom.course': 'Intro' },
};
const call = (method: string, path: string, payload?: unknown) =>
	raw(sim, method, path, { headers, body: payload });
const json = (value: unknown) => value as Record<string, unknown>;

beforeAll(async () => {
	sim = await startCertifierSimulator();
	control = new SimControl(sim);
});
afterAll(() => sim.stop());
beforeEach(() => control.reset());

describe('Certifier simulator contract', () => {
	it('answers 400 missing_version without the Certifier-Version header', async () => {
		const res = await raw(sim, 'GET', '/v1/groups', {
			headers: { Authorization: headers.Authorization },
		});
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ error: { code: 'missing_version', message: expect.any(String) } });
	});

	it('answers 400 invalid_version to another version', async () => {
		const res = await raw(sim, 'GET', '/v1/groups', {
			headers: { ...headers, 'Certifier-Version': '2020-01-01' },
		});
		expect(res.status).toBe(400);
		expect(json(json(res.json).error).code).toBe('invalid_version');
	});

	it('answers 401 unauthorized to a bad token, in the error envelope', async () => {
		const res = await raw(sim, 'GET', '/v1/groups', {
			headers: { ...headers, Authorization: 'Bearer wrong' },
		});
		expect(res.status).toBe(401);
		expect(json(json(res.json).error).code).toBe('unauthorized');
	});

	it('creates a draft with 201, then issue → issued and send (email only)', async () => {
		const created = await call('POST', '/v1/credentials', body);
		expect(created.status).toBe(201);
		const credential = json(created.json);
		expect(credential).toMatchObject({
			groupId: GROUP,
			status: 'draft',
			recipient: { name: 'Ada Lovelace', email: 'ada@example.com' },
			issueDate: '2025-05-01',
			customAttributes: { 'custom.course': 'Intro' },
		});
		expect(String(credential.id)).toMatch(/^[0-9a-z]{26}$/);
		expect(String(credential.publicId)).toMatch(/^[0-9a-f-]{36}$/);
		expect(
			(
				await call('POST', `/v1/credentials/${String(credential.id)}/send`, {
					deliveryMethod: 'email',
				})
			).status,
		).toBe(409);
		const issued = await call('POST', `/v1/credentials/${String(credential.id)}/issue`);
		expect(issued.status).toBe(200);
		expect(json(issued.json).status).toBe('issued');
		expect((await call('POST', `/v1/credentials/${String(credential.id)}/issue`)).status).toBe(409);
		expect(
			(
				await call('POST', `/v1/credentials/${String(credential.id)}/send`, {
					deliveryMethod: 'sms',
				})
			).status,
		).toBe(400);
		expect(
			(
				await call('POST', `/v1/credentials/${String(credential.id)}/send`, {
					deliveryMethod: 'email',
				})
			).status,
		).toBe(200);
	});

	it('creates, issues and sends in one call', async () => {
		const res = await call('POST', '/v1/credentials/create-issue-send', body);
		expect(res.status).toBe(201);
		expect(json(res.json).status).toBe('issued');
		expect((await control.issued()).items[0]).toMatchObject({ sentCount: 1 });
	});

	it('has no duplicate rule: the same body twice makes two credentials', async () => {
		await call('POST', '/v1/credentials', body);
		await call('POST', '/v1/credentials', body);
		const issued = await control.issued();
		expect(issued.total).toBe(2);
		expect(issued.duplicates).toEqual([{ key: `${GROUP}|ada@example.com`, count: 2 }]);
	});

	it('validates with 400 validation_error, and invalid JSON with invalid_json', async () => {
		const noGroup = await call('POST', '/v1/credentials', { recipient: { name: 'A' } });
		expect(noGroup.status).toBe(400);
		expect(json(json(noGroup.json).error).code).toBe('validation_error');
		expect(
			(await call('POST', '/v1/credentials', { ...body, issueDate: '01/05/2025' })).status,
		).toBe(400);
		expect(
			(
				await call('POST', '/v1/credentials', {
					...body,
					customAttributes: { 'custom.unknown': 'x' },
				})
			).status,
		).toBe(400);
		const broken = await raw(sim, 'POST', '/v1/credentials', { headers, rawBody: '{"groupId":' });
		expect(json(json(broken.json).error).code).toBe('invalid_json');
	});

	it('pages groups with cursor and limit (default 20, at most 100)', async () => {
		await control.seed({ generateGroups: 42 });
		const first = json((await call('GET', '/v1/groups')).json);
		expect((first.data as unknown[]).length).toBe(20);
		expect(json(first.pagination).prev).toBeNull();
		const all = json((await call('GET', '/v1/groups?limit=100')).json);
		expect((all.data as unknown[]).length).toBe(45);
		expect(json(all.pagination).next).toBeNull();
		const second = json(
			(await call('GET', `/v1/groups?cursor=${String(json(first.pagination).next)}`)).json,
		);
		expect(json((second.data as unknown[])[0]).id).not.toBe(json((first.data as unknown[])[0]).id);
		expect((await call('GET', '/v1/groups?limit=101')).status).toBe(400);
	});

	it('lists attributes as a bare array', async () => {
		const res = await call('GET', '/v1/attributes');
		expect(Array.isArray(res.json)).toBe(true);
		expect(res.json).toContainEqual({ tag: 'custom.course', name: 'Course', isDefault: false });
	});

	it('searches with AND / OR / NOT and string operators', async () => {
		await call('POST', '/v1/credentials', body);
		await call('POST', '/v1/credentials', {
			...body,
			recipient: { name: 'Grace Hopper', email: 'grace@example.com' },
		});
		const search = async (filter: unknown) =>
			(
				json((await call('POST', '/v1/credentials/search', { filter, limit: 25 })).json)
					.data as unknown[]
			).length;
		expect(
			await search({
				AND: [
					{ recipient: { email: { equals: 'ADA@example.com' } } },
					{ groupId: { equals: GROUP } },
				],
			}),
		).toBe(1);
		expect(
			await search({
				OR: [
					{ recipient: { name: { startsWith: 'Ada' } } },
					{ recipient: { name: { endsWith: 'Hopper' } } },
				],
			}),
		).toBe(2);
		expect(await search({ NOT: [{ recipient: { name: { contains: 'Grace' } } }] })).toBe(1);
		expect(await search({ status: { in: ['issued'] } })).toBe(0);
		expect(
			(await call('POST', '/v1/credentials/search', { filter: { status: { like: 'x' } } })).status,
		).toBe(400);
	});

	it('updates expiry with PATCH (past expiry → expired) and deletes with 204', async () => {
		const id = String(
			json((await call('POST', '/v1/credentials/create-issue-send', body)).json).id,
		);
		const patched = await call('PATCH', `/v1/credentials/${id}`, { expiryDate: '2024-01-01' });
		expect(json(patched.json)).toMatchObject({ expiryDate: '2024-01-01', status: 'expired' });
		const deleted = await call('DELETE', `/v1/credentials/${id}`);
		expect(deleted.status).toBe(204);
		expect((await call('GET', `/v1/credentials/${id}`)).status).toBe(404);
	});

	it('lists design previews for a credential', async () => {
		const id = String(json((await call('POST', '/v1/credentials', body)).json).id);
		const designs = (await call('GET', `/v1/credentials/${id}/designs`)).json as Array<{
			previews: Array<{ format: string }>;
		}>;
		expect(designs[0].previews.map((p) => p.format)).toEqual(['png', 'pdf']);
	});
});
