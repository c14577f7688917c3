'use strict';
// The downstream sink: a stand-in for the SIS, CRM or billing system a claim is reported to.
// Any POST outside /__control is one call; it must carry the demo bearer token (a wrong or
// missing one gets 401 and is counted as refused, not as a call). Default port 5727:
//   POST /<any path>          { received: true, id }  (JSON body expected)
//   GET  /__control/calls     { total, calls: [{ id, path, body, receivedAt }], refused }
//   POST /__control/reset     forgets every call
//   GET  /__control/health
// start({ port }) → { name: 'downstream', url, env, calls, stop() }; port 0 = a free port.
// Run alone with `node test/simulators/downstream/index.js`.

const http = require('node:http');

const DEFAULT_PORT = 5727;
// Published with the repository: protects only the local demo and the tests.
const DOWNSTREAM_TOKEN = 'demo-downstream-token';
const MAX_BODY_BYTES = 64 * 1024;

function json(res, status, body) {
	const payload = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(payload),
	});
	res.end(payload);
}

function readBody(req) {
	return new Promise((resolve) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString()));
	});
}

/** @param {{ port?: number }} [options] port 0 = a free port, absent = the default port */
async function start(options = {}) {
	/** @type {Array<{ id: string, path: string, body: unknown, receivedAt: string }>} */
	const calls = [];
	const state = { refused: 0 };
	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url || '/', 'http://127.0.0.1');
		const route = `${req.method} ${url.pathname.replace(/\/$/, '')}`;
		const text = await readBody(req);
		if (route === 'GET /__control/health') return json(res, 200, { name: 'downstream', ok: true });
		if (route === 'GET /__control/calls') {
			return json(res, 200, { total: calls.length, calls, refused: state.refused });
		}
		if (route === 'POST /__control/reset') {
			calls.length = 0;
			state.refused = 0;
			return json(res, 200, { reset: true });
		}
		if (url.pathname.startsWith('/__control')) {
			return json(res, 404, { error: 'unknown control endpoint' });
		}
		if (req.method !== 'POST') return json(res, 405, { error: 'POST a JSON body' });
		if (req.headers.authorization !== `Bearer ${DOWNSTREAM_TOKEN}`) {
			state.refused += 1;
			return json(res, 401, { error: 'missing or wrong bearer token' });
		}
		if (text === null) return json(res, 413, { error: `body over ${MAX_BODY_BYTES} bytes` });
		let body;
		try {
			body = JSON.parse(text || 'null');
		} catch {
			return json(res, 400, { error: 'the body is not JSON' });
		}
		const call = {
			id: `call-${calls.length + 1}`,
			path: url.pathname,
			body,
			receivedAt: new Date().toISOString(),
		};
		calls.push(call);
		return json(res, 200, { received: true, id: call.id });
	});
	const port = options.port === 0 ? 0 : (options.port ?? DEFAULT_PORT);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const url = `http://127.0.0.1:${address.port}`;
	return {
		name: 'downstream',
		url,
		env: { DOWNSTREAM_SIM_URL: url },
		calls,
		stop: () =>
			new Promise((done) => {
				server.closeAllConnections?.();
				server.close(() => done(undefined));
			}),
	};
}

async function main() {
	const sink = await start();
	console.log(`downstream sink  ${sink.url}  (Authorization: Bearer ${DOWNSTREAM_TOKEN})`);
	console.log(
		`control          ${sink.url}/__control/calls (GET), /__control/reset (POST). Ctrl-C to stop.`,
	);
	const stop = () => sink.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

module.exports = { start, DEFAULT_PORT, DOWNSTREAM_TOKEN };
