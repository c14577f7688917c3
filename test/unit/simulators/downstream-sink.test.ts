// The downstream sink stands in for the SIS/CRM a claim is reported to: it keeps each call made
// with its bearer token, refuses (and counts) the others, and its control API reads and resets.
import { DOWNSTREAM_TOKEN, start, type DownstreamSinkHandle } from '../../simulators/downstream';

let sink: DownstreamSinkHandle;

beforeAll(async () => {
	sink = await start({ port: 0 });
});
afterAll(async () => {
	await sink.stop();
});
beforeEach(async () => {
	expect((await fetch(`${sink.url}/__control/reset`, { method: 'POST' })).status).toBe(200);
});

const post = (path: string, body: string, token: string | null = DOWNSTREAM_TOKEN) =>
	fetch(`${sink.url}${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {}),
		},
		body,
	});

const control = async () =>
	(await (await fetch(`${sink.url}/__control/calls`)).json()) as {
		total: number;
		refused: number;
		calls: Array<{ id: string; path: string; body: unknown }>;
	};

test('a call with the token is kept with its path and JSON body', async () => {
	const response = await post('/claims', JSON.stringify({ event: 'credential.claimed', n: 1 }));
	expect(response.status).toBe(200);
	expect(await response.json()).toEqual({ received: true, id: 'call-1' });
	expect(await control()).toMatchObject({
		total: 1,
		refused: 0,
		calls: [{ id: 'call-1', path: '/claims', body: { event: 'credential.claimed', n: 1 } }],
	});
});

test('a missing or wrong token is refused with 401, counted, and not kept', async () => {
	expect((await post('/claims', '{}', null)).status).toBe(401);
	expect((await post('/claims', '{}', 'wrong')).status).toBe(401);
	expect(await control()).toMatchObject({ total: 0, refused: 2, calls: [] });
});

test('a body that is not JSON is refused with 400; other methods with 405', async () => {
	expect((await post('/claims', 'not json')).status).toBe(400);
	expect((await fetch(`${sink.url}/claims`)).status).toBe(405);
	expect((await fetch(`${sink.url}/__control/nothing`)).status).toBe(404);
	expect((await control()).total).toBe(0);
});

test('reset forgets every call', async () => {
	await post('/claims', '{}');
	expect((await control()).total).toBe(1);
	await fetch(`${sink.url}/__control/reset`, { method: 'POST' });
	expect(await control()).toMatchObject({ total: 0, refused: 0 });
});
