// Canvas REST client: Link-header pagination (opaque URLs, any header case, no `last` link),
// a short backoff when Canvas throttles, and Canvas's error bodies as typed errors with the fix.
import {
	CanvasApiError,
	CanvasRestClient,
	canvasErrorFor,
	parseLinkHeader,
} from '../../../nodes/core/integrations/lms';
import type {
	HttpRequest,
	HttpResponse,
} from '../../../nodes/core/integrations/platforms/transport/http-transport';

const BASE = 'https://school.instructure.com';

function scripted(answers: Array<Partial<HttpResponse>>) {
	const requests: HttpRequest[] = [];
	const sleeps: number[] = [];
	const client = new CanvasRestClient({
		baseUrl: `${BASE}/`,
		token: 'tok-123',
		transport: async (request) => {
			requests.push(request);
			const next = answers.shift();
			if (!next) throw new Error('no more answers');
			return { status: 200, headers: {}, body: [], ...next };
		},
		sleep: async (ms) => {
			sleeps.push(ms);
		},
	});
	return { client, requests, sleeps };
}

describe('parseLinkHeader', () => {
	it('reads every rel, keeps URLs as given, and tolerates spacing, case and several rels', () => {
		const header =
			'<https://x.test/api/v1/courses/1/enrollments?page=bookmark:WzEwXQ&per_page=10>; rel="next",' +
			' <https://x.test/api/v1/a?page=1>;rel=current , <https://x.test/api/v1/a?page=1>; REL="First Prev"';
		expect(parseLinkHeader(header)).toEqual({
			next: 'https://x.test/api/v1/courses/1/enrollments?page=bookmark:WzEwXQ&per_page=10',
			current: 'https://x.test/api/v1/a?page=1',
			first: 'https://x.test/api/v1/a?page=1',
			prev: 'https://x.test/api/v1/a?page=1',
		});
		expect(parseLinkHeader(undefined)).toEqual({});
		expect(parseLinkHeader('garbage')).toEqual({});
	});
});

describe('CanvasRestClient.list', () => {
	it('follows rel="next" exactly as given, with the header in any case and no rel="last"', async () => {
		const next = `${BASE}/api/v1/courses/5/enrollments?page=bookmark:Mg&per_page=100&opaque=%5B1%5D`;
		const { client, requests } = scripted([
			{
				headers: { LINK: `<${next}>; rel="next", <${BASE}/api/v1/x?page=1>; rel="first"` },
				body: [{ id: 1, user_id: 10, user: { id: 10, name: 'A' } }],
			},
			{
				headers: { link: `<${BASE}/api/v1/x?page=1>; rel="first"` },
				body: [{ id: 2, user_id: 11, user: { id: 11, name: 'B' } }],
			},
		]);
		const rows = await client.enrollments('5');
		expect(rows.map((r) => r.userId)).toEqual(['10', '11']);
		expect(requests[0].url).toBe(
			`${BASE}/api/v1/courses/5/enrollments?type%5B%5D=StudentEnrollment&state%5B%5D=active&state%5B%5D=completed&include%5B%5D=email&per_page=100`,
		);
		expect(requests[0].headers).toEqual({ Authorization: 'Bearer tok-123' });
		expect(requests[1].url).toBe(next);
	});

	it('stops on a repeated link and refuses to send the token to another site', async () => {
		const loop = scripted([
			{ headers: { link: `<${BASE}/api/v1/courses?page=1>; rel="next"` }, body: [{ id: 1 }] },
			{ headers: { link: `<${BASE}/api/v1/courses?page=1>; rel="next"` }, body: [{ id: 2 }] },
		]);
		expect((await loop.client.courses()).map((c) => c.id)).toEqual(['1', '2']);
		expect(loop.requests).toHaveLength(2);

		const away = scripted([
			{ headers: { link: '<https://evil.test/api/v1/courses?page=2>; rel="next"' }, body: [] },
		]);
		await expect(away.client.courses()).rejects.toMatchObject({
			kind: 'unexpected',
			message: expect.stringContaining('another site (https://evil.test)'),
		});
		expect(away.requests).toHaveLength(1);
	});
});

describe('throttling', () => {
	const throttled = {
		status: 403,
		headers: { 'x-rate-limit-remaining': '0.0', 'x-request-cost': '0' },
		body: '403 Forbidden (Rate Limit Exceeded)\n',
	};

	it('waits and retries a throttled request, then carries on', async () => {
		const { client, requests, sleeps } = scripted([
			throttled,
			throttled,
			{ body: { id: 565, name: 'Computer Science I' } },
		]);
		expect(await client.course('565')).toEqual({
			id: '565',
			name: 'Computer Science I',
			courseCode: undefined,
		});
		expect(requests).toHaveLength(3);
		expect(sleeps).toEqual([400, 800]);
	});

	it('gives up after three retries with the throttling fix', async () => {
		const { client, sleeps } = scripted([throttled, throttled, throttled, throttled]);
		await expect(client.course('565')).rejects.toMatchObject({
			kind: 'throttled',
			status: 403,
			fix: expect.stringContaining('poll less often'),
		});
		expect(sleeps).toEqual([400, 800, 1600]);
	});

	it('does not retry a permission 403', async () => {
		const { client, requests } = scripted([
			{
				status: 403,
				body: {
					status: 'unauthorized',
					errors: [{ message: 'user not authorized to perform that action' }],
				},
			},
		]);
		await expect(client.bulkUserProgress('565')).rejects.toMatchObject({ kind: 'forbidden' });
		expect(requests).toHaveLength(1);
	});
});

describe('error bodies', () => {
	it.each([
		[
			401,
			{ errors: [{ message: 'Invalid access token.' }] },
			'unauthorized',
			'Approved Integrations',
		],
		[
			401,
			{ status: 'unauthenticated', errors: [{ message: 'user authorisation required' }] },
			'unauthorized',
			'access token',
		],
		[
			400,
			{
				error: {
					message:
						'no progress available because this course is not module based (has modules and module completion requirements) or the user is not enrolled as a student in this course',
				},
			},
			'not_module_based',
			'module requirements',
		],
		[
			404,
			{ errors: [{ message: 'The specified resource does not exist.' }] },
			'not_found',
			'course id',
		],
		[502, '<html>Bad gateway</html>', 'server', 'next poll'],
	])('HTTP %i %j → %s with its fix', (status, body, kind, fix) => {
		const error = canvasErrorFor('course 565', status, {}, body);
		expect(error).toBeInstanceOf(CanvasApiError);
		expect(error.kind).toBe(kind);
		expect(error.fix).toContain(fix);
		expect(error.message).toMatch(/^Canvas answered course 565 with HTTP \d+/);
		expect(error.message).not.toContain('<html>');
	});

	it('an HTML login page with HTTP 200 (wrong base URL) is "unexpected", naming no URL', async () => {
		const { client } = scripted([{ status: 200, body: '<html>Log in</html>' }]);
		const error = (await client.courses().catch((e: unknown) => e)) as CanvasApiError;
		expect(error.kind).toBe('unexpected');
		expect(error.fix).toContain('site root');
		expect(error.message).not.toContain(BASE);
	});
});
