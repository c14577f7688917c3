import { startCredlySimulator, type SimHandle } from '../../simulators';
import { raw, SimControl } from './support/sim-control';

// The Credly simulator checked against the facts sheet (section 2 and the checklist).

let sim: SimHandle;
let control: SimControl;
let org: string;
const basic = (value: string) => ({
	Authorization: `Basic ${Buffer.from(value).toString('base64')}`,
});
const auth = basic('sim-credly-token:');
const TEMPLATE = 'cfaf2910-ea5f-46f1-89a5-db525dad6e58';
const ARCHIVED = '8e2f4a6b-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const badge = {
	recipient_email: 'ada@example.com',
	issued_to_first_name: 'Ada',
	issued_to_last_name: 'Lovelace',
	badge_template_id: TEMPLATE,
	issued_at: '2025-05-01 09:41:00 +0000',
	issuer_earner_id: 'lms-user-42',
};
const issue = (body: Record<string, unknown>) =>
	raw(sim, 'POST', `/v1/organizations/${org}/badges`, { headers: auth, body });
const dataOf = (json: unknown) => (json as { data: Record<string, unknown> }).data;

beforeAll(async () => {
	sim = await startCredlySimulator();
	control = new SimControl(sim);
	org = sim.credentials.organizationId;
});
afterAll(() => sim.stop());
beforeEach(() => control.reset());

describe('Credly simulator contract', () => {
	it('issues with 201 and {data, metadata}, state pending', async () => {
		const res = await issue(badge);
		expect(res.status).toBe(201);
		expect(res.json).toEqual({ data: expect.any(Object), metadata: {} });
		expect(dataOf(res.json)).toMatchObject({
			state: 'pending',
			recipient_email: 'ada@example.com',
			issuer_earner_id: 'lms-user-42',
			issued_at_date: '2025-05-01',
			badge_template: { id: TEMPLATE, state: 'active', allow_duplicate_badges: false },
		});
		expect(String(dataOf(res.json).accept_badge_url)).toMatch(/\/accept$/);
	});

	it.each([['token:'], ['token'], ['token|']])(
		'accepts Basic %s (any password part stripped)',
		async (form) => {
			const headers = basic(form.replace('token', 'sim-credly-token'));
			expect((await raw(sim, 'GET', `/v1/organizations/${org}`, { headers })).status).toBe(200);
		},
	);

	it('refuses a wrong token with 401 in the {data: {message}} envelope', async () => {
		const res = await raw(sim, 'GET', `/v1/organizations/${org}`, { headers: basic('nope:') });
		expect(res.status).toBe(401);
		expect(res.json).toEqual({ data: { message: expect.any(String) }, metadata: {} });
	});

	it('refuses an expired token with 401', async () => {
		await control.call('POST', 'token', { expiresAt: '2020-01-01T00:00:00Z' });
		const res = await raw(sim, 'GET', `/v1/organizations/${org}`, { headers: auth });
		expect(res.status).toBe(401);
		expect(dataOf(res.json).message).toMatch(/expired/);
	});

	it('pages templates 50 at a time with absolute next_page_url', async () => {
		await control.seed({ generateTemplates: 106 });
		const first = await raw(
			sim,
			'GET',
			`/v1/organizations/${org}/badge_templates?filter=state::active&sort=name`,
			{ headers: auth },
		);
		const body = first.json as { data: unknown[]; metadata: Record<string, unknown> };
		expect(body.data).toHaveLength(50);
		expect(body.metadata).toMatchObject({
			current_page: 1,
			total_count: 108,
			total_pages: 3,
			per: 50,
			previous_page_url: null,
		});
		const next = String(body.metadata.next_page_url);
		expect(next.startsWith(`${sim.url}/v1/organizations/${org}/badge_templates?`)).toBe(true);
		expect(new URL(next).searchParams.get('filter')).toBe('state::active');
		const last = (
			await raw(sim, 'GET', new URL(next).toString().replace('page=2', 'page=3'), { headers: auth })
		).json as { data: unknown[]; metadata: { next_page_url: unknown } };
		expect(last.data).toHaveLength(8);
		expect(last.metadata.next_page_url).toBeNull();
	});

	it('rejects duplicates with 422: same template and same email (any case) or same earner id', async () => {
		expect((await issue(badge)).status).toBe(201);
		const sameEmail = await issue({
			...badge,
			recipient_email: 'ADA@example.com',
			issuer_earner_id: 'other',
		});
		expect(sameEmail.status).toBe(422);
		expect(sameEmail.json).toEqual({ data: { message: expect.any(String) }, metadata: {} });
		expect((await issue({ ...badge, recipient_email: 'ada.new@example.com' })).status).toBe(422);
		expect(
			(
				await issue({
					...badge,
					recipient_email: 'other@example.com',
					issuer_earner_id: 'someone-else',
				})
			).status,
		).toBe(201);
	});

	it('allows duplicates on templates that allow them', async () => {
		const open = { ...badge, badge_template_id: '3b9d6c1e-2f4a-4c8e-9a51-7d0e2b6f8a10' };
		expect((await issue(open)).status).toBe(201);
		expect((await issue(open)).status).toBe(201);
	});

	it('refuses archived templates and missing required fields with 422', async () => {
		expect((await issue({ ...badge, badge_template_id: ARCHIVED })).status).toBe(422);
		const missing = await issue({ recipient_email: 'a@b.co', badge_template_id: TEMPLATE });
		expect(missing.status).toBe(422);
		expect(dataOf(missing.json).message).toMatch(/issued_to_first_name/);
	});

	it('finds badges with recipient_email_all and badge_template_id filters', async () => {
		await issue(badge);
		await issue({ ...badge, recipient_email: 'grace@example.com', issuer_earner_id: 'g' });
		const filter = encodeURIComponent(
			`recipient_email_all::ADA@example.com|badge_template_id::${TEMPLATE}`,
		);
		const res = await raw(sim, 'GET', `/v1/organizations/${org}/badges?filter=${filter}`, {
			headers: auth,
		});
		expect((res.json as { data: unknown[] }).data).toHaveLength(1);
	});

	it('revokes with PUT (reason in body or query); the record stays, state revoked', async () => {
		const id = String(dataOf((await issue(badge)).json).id);
		const res = await raw(sim, 'PUT', `/v1/organizations/${org}/badges/${id}/revoke`, {
			headers: auth,
			body: { reason: 'Issued in error', suppress_revoke_notification_email: true },
		});
		expect(res.status).toBe(200);
		expect(dataOf(res.json)).toMatchObject({
			state: 'revoked',
			revocation_reason: 'Issued in error',
		});
		expect(
			dataOf(
				(await raw(sim, 'GET', `/v1/organizations/${org}/badges/${id}`, { headers: auth })).json,
			).state,
		).toBe('revoked');
		const other = String(
			dataOf(
				(await issue({ ...badge, recipient_email: 'g@example.com', issuer_earner_id: 'g' })).json,
			).id,
		);
		const byQuery = await raw(
			sim,
			'PUT',
			`/v1/organizations/${org}/badges/${other}/revoke?reason=Expired%20licence`,
			{ headers: auth },
		);
		expect(dataOf(byQuery.json).revocation_reason).toBe('Expired licence');
		expect(
			(
				await raw(sim, 'PUT', `/v1/organizations/${org}/badges/${other}/revoke`, {
					headers: auth,
					body: {},
				})
			).status,
		).toBe(422);
	});

	it('deletes with 204 and replaces with 201, linking both badges', async () => {
		const id = String(dataOf((await issue(badge)).json).id);
		const replaced = await raw(sim, 'POST', `/v1/organizations/${org}/badges/${id}/replace`, {
			headers: auth,
			body: {
				badge_template_id: TEMPLATE,
				issued_at: '2025-06-01 00:00:00 +0000',
				issued_to_first_name: 'Ada',
				issued_to_last_name: 'King',
			},
		});
		expect(replaced.status).toBe(201);
		const fresh = dataOf(replaced.json);
		expect(fresh).toMatchObject({ replaces_badge_id: id, issued_to_last_name: 'King' });
		expect(
			dataOf(
				(await raw(sim, 'GET', `/v1/organizations/${org}/badges/${id}`, { headers: auth })).json,
			).replacement_badge_id,
		).toBe(fresh.id);
		const deleted = await raw(
			sim,
			'DELETE',
			`/v1/organizations/${org}/badges/${String(fresh.id)}`,
			{ headers: auth },
		);
		expect(deleted.status).toBe(204);
		expect(deleted.text).toBe('');
		expect((await control.issued()).duplicates).toEqual([]);
	});

	it('serves the full event behind a webhook', async () => {
		await issue(badge);
		const events = (await raw(sim, 'GET', `/v1/organizations/${org}/events`, { headers: auth }))
			.json as { data: Array<{ id: string }> };
		const event = dataOf(
			(
				await raw(sim, 'GET', `/v1/organizations/${org}/events/${events.data[0].id}`, {
					headers: auth,
				})
			).json,
		);
		expect(event).toMatchObject({
			event_type: 'badge.created',
			organization_id: org,
			badge: { recipient_email: 'ada@example.com' },
		});
	});
});
