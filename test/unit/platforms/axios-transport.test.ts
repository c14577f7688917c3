import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { TransportFailure, classifyTransportError } from '../../../nodes/core/integrations/platforms';
import { createAxiosTransport } from '../../support/axios-transport';

// The axios transport: every status is a response, bodies are parsed when JSON, and only a
// missing response (timeout, refused) throws, as a TransportFailure.

let server: Server;
let base: string;
const seen: Array<{
	method?: string;
	url?: string;
	headers: Record<string, unknown>;
	body: string;
}> = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		req.on('end', (): void => {
			seen.push({ method: req.method, url: req.url, headers: req.headers, body });
			const path = req.url ?? '';
			if (path.startsWith('/json'))
				res
					.writeHead(422, { 'content-type': 'application/json' })
					.end('{"errors":"Invalid Group"}');
			else if (path.startsWith('/text'))
				res.writeHead(401, { 'content-type': 'text/plain' }).end('HTTP Token: Access denied.\n');
			else if (path.startsWith('/empty')) res.writeHead(204).end();
			else if (path.startsWith('/redirect'))
				res.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end();
			else if (path.startsWith('/slow')) setTimeout(() => res.writeHead(200).end('{}'), 400);
			else
				res
					.writeHead(200, { 'content-type': 'application/json', 'x-multi': 'a' })
					.end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const transport = createAxiosTransport();
const request = (path: string, extra: Partial<Parameters<typeof transport>[0]> = {}) =>
	transport({
		method: 'GET',
		url: `${base}${path}`,
		headers: {},
		qs: {},
		timeoutMs: 1000,
		...extra,
	});

describe('axios transport', () => {
	it('sends JSON bodies, query values and headers', async () => {
		const response = await request('/ok', {
			method: 'POST',
			qs: { filter: 'state::active|name::x', page: 2 },
			headers: { Authorization: 'Token token=k' },
			body: { a: 1 },
		});
		expect(response).toEqual({
			status: 200,
			headers: expect.objectContaining({ 'x-multi': 'a' }),
			body: { ok: true },
		});
		const last = seen[seen.length - 1];
		expect(new URL(`${base}${last.url}`).searchParams.get('filter')).toBe('state::active|name::x');
		expect(last.headers).toMatchObject({
			authorization: 'Token token=k',
			'content-type': 'application/json',
		});
		expect(JSON.parse(last.body)).toEqual({ a: 1 });
	});

	it('returns error statuses as responses, JSON or text, and empty bodies as undefined', async () => {
		expect(await request('/json')).toMatchObject({
			status: 422,
			body: { errors: 'Invalid Group' },
		});
		expect(await request('/text')).toMatchObject({
			status: 401,
			body: 'HTTP Token: Access denied.\n',
		});
		expect((await request('/empty')).body).toBeUndefined();
	});

	it('does not follow redirects (they would carry the Authorization header along)', async () => {
		expect(await request('/redirect')).toMatchObject({
			status: 302,
			headers: { location: 'http://127.0.0.1:9/elsewhere' },
		});
	});

	it('throws TransportFailure for timeouts and refused connections', async () => {
		await expect(request('/slow', { timeoutMs: 100 })).rejects.toMatchObject({
			name: 'TransportFailure',
			kind: 'timeout',
		});
		const refused = await transport({
			method: 'GET',
			url: 'http://127.0.0.1:9/',
			headers: {},
			qs: {},
			timeoutMs: 1000,
		}).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(TransportFailure);
		expect(refused).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
	});

	it('classifies errors of other HTTP libraries the same way', () => {
		expect(
			classifyTransportError(Object.assign(new Error('x'), { code: 'ECONNRESET' })),
		).toMatchObject({ kind: 'network' });
		const wrapped = Object.assign(new Error('wrapped'), {
			cause: Object.assign(new Error('t'), { code: 'ETIMEDOUT' }),
		});
		expect(classifyTransportError(wrapped)).toMatchObject({ kind: 'timeout' });
		const bug = new TypeError('not a transport problem');
		expect(classifyTransportError(bug)).toBe(bug);
	});
});
