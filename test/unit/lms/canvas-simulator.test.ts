// The Canvas REST simulator behaves as the facts sheet describes Canvas: Bearer or access_token,
// 401 with WWW-Authenticate, Link pagination (10 by default, access_token not echoed, no `last`
// on bookmark lists), 403 Rate Limit Exceeded with the rate headers, CourseProgress 400 bodies.
import { CanvasApi } from '../../../credentials/CanvasApi.credentials';
import { parseLinkHeader } from '../../../nodes/core/integrations/lms';
import { PROGRESS_UNAVAILABLE, startCanvasSimulator } from '../../simulators/lms/canvas';
import { CANVAS_API_TOKEN, CANVAS_STUDENT_TOKEN } from '../../simulators/lms/sample-data';

let sim: { url: string; stop(): Promise<void> };

beforeAll(async () => {
	sim = await startCanvasSimulator({ port: 0 });
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(async () => {
	await fetch(`${sim.url}/__control/reset`, { method: 'POST' });
});

const api = (path: string, token: string | null = CANVAS_API_TOKEN) =>
	fetch(`${sim.url}/api/v1${path}`, {
		headers: token === null ? {} : { authorization: `Bearer ${token}` },
	});

test('a missing or wrong token gets 401, the Canvas body and WWW-Authenticate', async () => {
	for (const response of [await api('/courses', null), await api('/courses', 'nope')]) {
		expect(response.status).toBe(401);
		expect(response.headers.get('www-authenticate')).toBe('Bearer realm="canvas-lms"');
		expect(await response.json()).toEqual({ errors: [{ message: 'Invalid access token.' }] });
	}
	expect((await api('/users/self')).status).toBe(200);
});

test('pages of 10 by default with current/next/first/last, and access_token is not echoed', async () => {
	await fetch(`${sim.url}/__control/complete`, {
		method: 'POST',
		body: JSON.stringify({ courseId: 565, count: 12, at: '2024-06-03T16:00:00Z' }),
	});
	const response = await fetch(
		`${sim.url}/api/v1/courses/565/bulk_user_progress?access_token=${CANVAS_API_TOKEN}`,
	);
	expect(response.status).toBe(200);
	expect(((await response.json()) as unknown[]).length).toBe(10);
	const links = parseLinkHeader(response.headers.get('link') ?? '');
	expect(Object.keys(links).sort()).toEqual(['current', 'first', 'last', 'next']);
	expect(links.next).not.toContain('access_token');
	expect((await fetch(links.next)).status).toBe(401);
	const second = await api(new URL(links.next).pathname.slice(7) + new URL(links.next).search);
	expect(((await second.json()) as unknown[]).length).toBe(5);
	expect(Object.keys(parseLinkHeader(second.headers.get('link') ?? '')).sort()).toEqual([
		'current',
		'first',
		'last',
		'prev',
	]);
});

test('enrollments page by bookmark without a last link and carry grades, activity time and user', async () => {
	const response = await api(
		'/courses/565/enrollments?type[]=StudentEnrollment&per_page=2&include[]=email',
	);
	const links = parseLinkHeader(response.headers.get('link') ?? '');
	expect(links.last).toBeUndefined();
	expect(links.next).toMatch(/page=bookmark%3A/);
	const rows = (await response.json()) as Array<Record<string, unknown>>;
	expect(rows).toHaveLength(2);
	expect(rows[0]).toMatchObject({
		type: 'StudentEnrollment',
		enrollment_state: 'active',
		total_activity_time: expect.any(Number),
		grades: { final_score: expect.any(Number), current_score: expect.any(Number) },
		user: { id: expect.any(Number), name: expect.any(String), sortable_name: expect.any(String) },
	});
	expect((rows[0].user as Record<string, unknown>).email).toEqual(expect.any(String));
});

test('CourseProgress: completed, in progress, and HTTP 400 for a course without modules', async () => {
	expect(await (await api('/courses/565/users/123/progress')).json()).toEqual({
		requirement_count: 6,
		requirement_completed_count: 6,
		next_requirement_url: null,
		completed_at: '2019-11-05T13:38:00Z',
	});
	expect(await (await api('/courses/565/users/125/progress')).json()).toMatchObject({
		requirement_completed_count: 3,
		completed_at: null,
	});
	const refused = await api('/courses/567/users/123/progress');
	expect(refused.status).toBe(400);
	expect(await refused.json()).toEqual({ error: { message: PROGRESS_UNAVAILABLE } });
	expect((await api('/courses/567/bulk_user_progress')).status).toBe(400);
	expect((await api('/courses/999/bulk_user_progress')).status).toBe(404);
});

test('throttling: 403 Rate Limit Exceeded on demand, rate headers on every answer', async () => {
	const ok = await api('/courses');
	expect(Number(ok.headers.get('x-rate-limit-remaining'))).toBeGreaterThan(0);
	expect(Number(ok.headers.get('x-request-cost'))).toBeGreaterThan(0);
	await fetch(`${sim.url}/__control/throttle`, { method: 'POST', body: '{"count":1}' });
	const throttled = await api('/courses');
	expect(throttled.status).toBe(403);
	expect(await throttled.text()).toContain('Rate Limit Exceeded');
	expect(throttled.headers.get('x-rate-limit-remaining')).toBe('0.0');
	expect((await api('/courses')).status).toBe(200);
});

test('a learner token may not read other learners’ progress or enrollments', async () => {
	const refused = await api('/courses/565/enrollments', CANVAS_STUDENT_TOKEN);
	expect(refused.status).toBe(403);
	expect(await refused.json()).toEqual({
		status: 'unauthorized',
		errors: [{ message: 'user not authorized to perform that action' }],
	});
});

test('the canvasApi credential test request is answered: 200 for the token, 401 otherwise', async () => {
	const credential = new CanvasApi();
	const { url } = credential.test.request;
	const header = String(credential.authenticate.properties.headers?.Authorization);
	expect(url).toBe('/api/v1/users/self');
	expect(header).toBe('=Bearer {{$credentials.accessToken}}');
	const probe = (token: string) =>
		fetch(`${sim.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
	expect(await (await probe(CANVAS_API_TOKEN)).json()).toMatchObject({ name: 'Demo Admin' });
	expect((await probe('expired-token')).status).toBe(401);
});
