// The Zoom simulator answers as the Reports API does for template 22: an account_credentials
// token from HTTP Basic client credentials, 401 without a live token, participant and registrant
// lists paged by next_page_token until it comes back empty, Zoom's {code, message} errors and
// 429 with Retry-After once the configured rate is used up.
/* eslint-disable @typescript-eslint/no-require-imports */
const { startZoomSimulator } = require('../../simulators/zoom/zoom') as {
	startZoomSimulator(options: { port?: number }): Promise<{ url: string; stop(): Promise<void> }>;
};
const sample = require('../../simulators/zoom/sample-data') as {
	ZOOM_ACCOUNT_ID: string;
	ZOOM_CLIENT_ID: string;
	ZOOM_CLIENT_SECRET: string;
	SAMPLE_WEBINAR_ID: string;
	NO_SHOW_EMAILS: string[];
	sampleParticipants(): unknown[];
};
/* eslint-enable @typescript-eslint/no-require-imports */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let sim: { url: string; stop(): Promise<void> };
beforeAll(async () => {
	sim = await startZoomSimulator({ port: 0 });
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(async () => {
	await fetch(`${sim.url}/__control/reset`, { method: 'POST' });
});

const basic = (id: string, secret: string) =>
	`Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function tokenRequest(query: string, authorization: string, body = '') {
	return fetch(`${sim.url}/oauth/token?${query}`, {
		method: 'POST',
		headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
		body,
	});
}

async function token(): Promise<string> {
	const response = await tokenRequest(
		`grant_type=account_credentials&account_id=${sample.ZOOM_ACCOUNT_ID}`,
		basic(sample.ZOOM_CLIENT_ID, sample.ZOOM_CLIENT_SECRET),
	);
	return ((await response.json()) as Json).access_token;
}

const get = (path: string, bearer?: string) =>
	fetch(`${sim.url}/v2${path}`, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});

/** Every page of a list, following next_page_token as the template's HTTP Request does. */
async function allPages(path: string, bearer: string, listName: string) {
	const pages: Json[] = [];
	let next = '';
	do {
		const response = await get(`${path}?page_size=30&next_page_token=${next}`, bearer);
		expect(response.status).toBe(200);
		const page = (await response.json()) as Json;
		pages.push(page);
		next = page.next_page_token;
	} while (next);
	return { pages, rows: pages.flatMap((page) => page[listName]) };
}

describe('Zoom simulator', () => {
	test('issues a token for account_credentials with Basic client credentials, even with the body grant a generic OAuth2 client adds', async () => {
		const response = await tokenRequest(
			`grant_type=account_credentials&account_id=${sample.ZOOM_ACCOUNT_ID}`,
			basic(sample.ZOOM_CLIENT_ID, sample.ZOOM_CLIENT_SECRET),
			'grant_type=client_credentials',
		);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			access_token: expect.stringMatching(/^[0-9a-f]{40}$/),
			token_type: 'bearer',
			expires_in: 3599,
		});
	});

	test('refuses a wrong secret, a wrong account and the client_credentials grant alone', async () => {
		const good = basic(sample.ZOOM_CLIENT_ID, sample.ZOOM_CLIENT_SECRET);
		const refused = [
			[
				`grant_type=account_credentials&account_id=${sample.ZOOM_ACCOUNT_ID}`,
				basic(sample.ZOOM_CLIENT_ID, 'wrong'),
				401,
				'invalid_client',
			],
			['grant_type=account_credentials&account_id=other', good, 400, 'invalid_request'],
			['', good, 400, 'unsupported_grant_type'],
		] as const;
		for (const [query, authorization, status, error] of refused) {
			const response = await tokenRequest(query, authorization, 'grant_type=client_credentials');
			expect({ query, status: response.status, body: await response.json() }).toMatchObject({
				status,
				body: { error },
			});
		}
	});

	test('answers 401 {code 124} without a token or with an unknown one', async () => {
		for (const bearer of [undefined, 'not-a-token']) {
			const response = await get(
				`/report/webinars/${sample.SAMPLE_WEBINAR_ID}/participants`,
				bearer,
			);
			expect(response.status).toBe(401);
			expect(await response.json()).toEqual({ code: 124, message: 'Invalid access token.' });
		}
	});

	test('pages the participant report with next_page_token until it is empty, every row once', async () => {
		const bearer = await token();
		const { pages, rows } = await allPages(
			`/report/webinars/${sample.SAMPLE_WEBINAR_ID}/participants`,
			bearer,
			'participants',
		);
		expect(pages.map((p) => [p.participants.length, p.total_records, p.page_count])).toEqual([
			[30, 44, 2],
			[14, 44, 2],
		]);
		expect(rows).toEqual(sample.sampleParticipants());
		const rows0 = rows[0] as Json;
		expect(Object.keys(rows0).sort()).toEqual([
			'customer_key',
			'duration',
			'failover',
			'id',
			'join_time',
			'leave_time',
			'name',
			'registrant_id',
			'status',
			'user_email',
			'user_id',
		]);
		const log = (await (await fetch(`${sim.url}/__control/pages`)).json()) as Json;
		expect(log.pages.map((p: Json) => [p.endpoint, p.pageToken === '', p.returned])).toEqual([
			['participants', true, 30],
			['participants', false, 14],
		]);
	});

	test('pages the registrants, no-shows included', async () => {
		const { rows } = await allPages(
			`/webinars/${sample.SAMPLE_WEBINAR_ID}/registrants`,
			await token(),
			'registrants',
		);
		expect(rows).toHaveLength(44);
		const emails = rows.map((r: Json) => r.email);
		for (const email of sample.NO_SHOW_EMAILS) expect(emails).toContain(email);
	});

	test('refuses a page token of another list or a made-up one, an unknown webinar and a bad page size', async () => {
		const bearer = await token();
		const first = (await (
			await get(`/webinars/${sample.SAMPLE_WEBINAR_ID}/registrants?page_size=30`, bearer)
		).json()) as Json;
		const answers = [
			[
				`/report/webinars/${sample.SAMPLE_WEBINAR_ID}/participants?next_page_token=${first.next_page_token}`,
				400,
				300,
			],
			[
				`/report/webinars/${sample.SAMPLE_WEBINAR_ID}/participants?next_page_token=made-up`,
				400,
				300,
			],
			[`/report/webinars/${sample.SAMPLE_WEBINAR_ID}/participants?page_size=0`, 400, 300],
			['/report/webinars/999/participants', 404, 3001],
		] as const;
		for (const [path, status, code] of answers) {
			const response = await get(path, bearer);
			expect({ path, status: response.status, body: await response.json() }).toMatchObject({
				path,
				status,
				body: { code, message: expect.any(String) },
			});
		}
	});

	test('answers 429 with Retry-After once the configured calls per window are used', async () => {
		const bearer = await token();
		await fetch(`${sim.url}/__control/rate-limit`, {
			method: 'POST',
			body: JSON.stringify({ limit: 2, windowMs: 60000 }),
		});
		const path = `/report/webinars/${sample.SAMPLE_WEBINAR_ID}/participants`;
		const statuses = [];
		let limited: Response | undefined;
		for (let i = 0; i < 3; i++) {
			const response = await get(path, bearer);
			statuses.push(response.status);
			if (response.status === 429) limited = response;
		}
		expect(statuses).toEqual([200, 200, 429]);
		expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
		expect(await limited?.json()).toMatchObject({ code: 429 });
		// Lifting the limit lets calls through again.
		await fetch(`${sim.url}/__control/rate-limit`, { method: 'POST', body: '{"limit":null}' });
		expect((await get(path, bearer)).status).toBe(200);
	});
});
