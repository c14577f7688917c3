// The Teachable and Docebo simulators behave like the APIs the lookups call: Teachable's apikey
// header in any letter case, page/per pagination, {message} errors and RateLimit 429s; Docebo's
// OAuth2 grants, expiring Bearer tokens, data envelopes and injected outages. The clients run
// over them with the axios transport, as they do outside n8n.
import {
	DoceboClient,
	TeachableClient,
	doceboLearnerRecords,
	enrichCompletion,
} from '../../../nodes/core/integrations/lms';
import { createAxiosTransport } from '../../support/axios-transport';
import { start, type LmsSimHandle } from '../../simulators/lms';
import {
	DOCEBO_ADMIN_PASSWORD,
	DOCEBO_ADMIN_USER,
	DOCEBO_CLIENT_ID,
	DOCEBO_CLIENT_SECRET,
	TEACHABLE_API_KEY,
} from '../../simulators/lms/sample-data';

let sims: LmsSimHandle;
beforeAll(async () => {
	sims = await start({ port: 0 });
});
afterAll(async () => {
	await sims.stop();
});
beforeEach(async () => {
	for (const name of ['teachable', 'docebo']) {
		await fetch(`${sims.urls[name]}/__control/reset`, { method: 'POST' });
	}
});

const control = (name: string, path: string, body: object) =>
	fetch(`${sims.urls[name]}${path}`, { method: 'POST', body: JSON.stringify(body) });

describe('Teachable simulator', () => {
	const get = (path: string, headers: Record<string, string> = { apikey: TEACHABLE_API_KEY }) =>
		fetch(`${sims.urls.teachable}${path}`, { headers });
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const json = async (path: string): Promise<any> => await (await get(path)).json();

	test('the apikey header works in any letter case; a wrong or missing key gets 401 {message}', async () => {
		expect((await get('/v1/courses', { ApiKey: TEACHABLE_API_KEY })).status).toBe(200);
		expect((await get('/v1/courses', { APIKEY: TEACHABLE_API_KEY })).status).toBe(200);
		for (const headers of [{ apikey: 'wrong' }, {}] as Array<Record<string, string>>) {
			const response = await get('/v1/courses', headers);
			expect(response.status).toBe(401);
			expect(await response.json()).toEqual({ message: expect.any(String) });
		}
	});

	test('enrollments page with page/per and meta', async () => {
		await control('teachable', '/__control/seed', {
			enrollments: Array.from({ length: 5 }, (_, i) => ({
				course_id: 43,
				user_id: 2000 + i,
				percent_complete: 100,
			})),
		});
		const first = await json('/v1/courses/43/enrollments?per=4');
		const second = await json('/v1/courses/43/enrollments?per=4&page=2');
		expect(first.meta).toEqual({
			total: 6,
			page: 1,
			from: 1,
			to: 4,
			per_page: 4,
			number_of_pages: 2,
		});
		expect(second.meta).toMatchObject({ page: 2, from: 5, to: 6 });
		const ids = [...first.enrollments, ...second.enrollments].map(
			(e: { user_id: number }) => e.user_id,
		);
		expect(new Set(ids).size).toBe(6);
		expect(first.enrollments[0]).not.toHaveProperty('course_id');
	});

	test('users by id (with courses) and by email; progress needs user_id; unknown ids get 404', async () => {
		const user = await json('/v1/users/1001');
		expect(user).toMatchObject({
			id: 1001,
			email: 'ada@example.com',
			courses: [
				{ course_id: 42, course_name: 'Intro to Analytics', percent_complete: 100 },
				{ course_id: 43 },
			],
		});
		const byEmail = await json('/v1/users?email=ADA@example.com');
		expect(byEmail.users).toEqual([{ id: 1001, name: 'Ada Lovelace', email: 'ada@example.com' }]);
		expect((await get('/v1/courses/42/progress')).status).toBe(400);
		expect(await json('/v1/courses/42/progress?user_id=1002')).toMatchObject({
			course_progress: { percent_complete: 40 },
		});
		expect((await get('/v1/users/9999')).status).toBe(404);
		expect((await get('/v1/courses/9999')).status).toBe(404);
	});

	test('past the per-minute limit: 429 with RateLimit-* headers, and the client says to wait', async () => {
		await control('teachable', '/__control/rate-limit', { limit: 2 });
		const ok = await get('/v1/courses');
		expect(ok.headers.get('ratelimit-limit')).toBe('2');
		expect(ok.headers.get('ratelimit-remaining')).toBe('1');
		await get('/v1/courses');
		const limited = await get('/v1/courses');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('ratelimit-remaining')).toBe('0');
		expect(Number(limited.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
		const client = new TeachableClient({
			transport: createAxiosTransport(),
			baseUrl: sims.urls.teachable,
			apiKey: TEACHABLE_API_KEY,
		});
		await expect(client.user('1001')).rejects.toThrow(
			/rate limit reached \(HTTP 429\): wait \d+ seconds/,
		);
	});
});

describe('Docebo simulator', () => {
	const base = () => sims.urls.docebo;
	const token = async (form: Record<string, string>, basic = false) => {
		const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
		if (basic)
			headers.authorization = `Basic ${Buffer.from(`${DOCEBO_CLIENT_ID}:${DOCEBO_CLIENT_SECRET}`).toString('base64')}`;
		const response = await fetch(`${base()}/oauth2/token`, {
			method: 'POST',
			headers,
			body: new URLSearchParams(form).toString(),
		});
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};
	const clientForm = { client_id: DOCEBO_CLIENT_ID, client_secret: DOCEBO_CLIENT_SECRET };

	test('client_credentials (body or Basic) and password grants; a bad client gets 401 invalid_client', async () => {
		expect(await token({ grant_type: 'client_credentials', ...clientForm })).toMatchObject({
			status: 200,
			body: { token_type: 'Bearer', expires_in: 3600 },
		});
		expect((await token({ grant_type: 'client_credentials' }, true)).status).toBe(200);
		expect(
			(
				await token({
					grant_type: 'password',
					...clientForm,
					username: DOCEBO_ADMIN_USER,
					password: DOCEBO_ADMIN_PASSWORD,
				})
			).status,
		).toBe(200);
		expect(
			await token({
				grant_type: 'password',
				...clientForm,
				username: DOCEBO_ADMIN_USER,
				password: 'nope',
			}),
		).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
		expect(
			await token({ grant_type: 'client_credentials', ...clientForm, client_secret: 'nope' }),
		).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
		expect(await token({ grant_type: 'implicit', ...clientForm })).toMatchObject({
			status: 400,
			body: { error: 'unsupported_grant_type' },
		});
	});

	test('Bearer calls return data envelopes; an expired token gets 401 invalid_token', async () => {
		const { body } = await token({ grant_type: 'client_credentials', ...clientForm });
		const get = (path: string) =>
			fetch(`${base()}${path}`, {
				headers: { authorization: `Bearer ${String(body.access_token)}` },
			});
		const json = async (path: string): Promise<unknown> => await (await get(path)).json();
		expect(await json('/manage/v1/user/13038')).toEqual({
			data: expect.objectContaining({ user_id: '13038', email: 'maria.rossi@example.com' }),
		});
		expect(await json('/learn/v1/courses/30')).toEqual({
			data: expect.objectContaining({ id: 30, name: 'Compliance Essentials' }),
		});
		expect(await json('/learn/v1/enrollments/30/13038')).toMatchObject({
			data: { course_complete_date: '2024-06-03 14:20:10' },
		});
		expect((await get('/learn/v1/enrollments/30/99')).status).toBe(404);
		expect((await fetch(`${base()}/manage/v1/user/13038`)).status).toBe(401);
		await control('docebo', '/__control/tokens', { expireAll: true });
		const expired = await get('/manage/v1/user/13038');
		expect(expired.status).toBe(401);
		expect(await expired.json()).toMatchObject({
			error: 'invalid_token',
			error_description: expect.stringContaining('expired'),
		});
	});

	test('outage (503) and throttling (429) fail the lookup with the reason, the event kept', async () => {
		const { body } = await token({ grant_type: 'client_credentials', ...clientForm });
		const client = new DoceboClient({
			transport: createAxiosTransport(),
			siteUrl: base(),
			accessToken: String(body.access_token),
		});
		const event = {
			source: 'docebo',
			learner: { id: '13038' },
			course: { id: '30' },
			completedAt: '2024-06-03T14:20:10.000Z',
		};
		const ok = await enrichCompletion(event, doceboLearnerRecords(client));
		expect(ok).toMatchObject({
			learner: { email: 'maria.rossi@example.com' },
			enrichment: { status: 'enriched' },
		});
		await control('docebo', '/__control/faults', { status: 503, count: 1 });
		const down = await enrichCompletion(event, doceboLearnerRecords(client));
		expect(down.enrichment).toMatchObject({
			status: 'failed',
			errors: [{ message: expect.stringContaining('HTTP 503') }],
		});
		await control('docebo', '/__control/throttle', { count: 1 });
		const throttled = await enrichCompletion(event, doceboLearnerRecords(client));
		expect(throttled.enrichment?.errors?.[0].message).toMatch(/HTTP 429\): wait 30 seconds/);
	});
});
