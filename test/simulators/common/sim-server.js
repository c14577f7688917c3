'use strict';
const http = require('node:http');

const { Faults } = require('./faults');
const { idGenerator } = require('./ids');
const { WebhookSender } = require('./webhooks');
const { delay, findRoute, readSimRequest, routes, send } = require('./http-kit');

/**
 * @typedef {import('./http-kit').SimRequest} SimRequest
 * @typedef {import('./http-kit').SimResponse} SimResponse
 *
 * @typedef {object} SimOptions
 * @property {number} [port]        0 (default) picks a free port
 * @property {string} [host]        default 127.0.0.1
 * @property {number} [timeScale]   platform ms per real ms, for rate windows and Retry-After
 * @property {number} [seed]        id generator seed
 * @property {boolean} [sample]     load the sample groups/templates (default true)
 * @property {string} [webhookUrl]
 * @property {string} [webhookSecret]
 * @property {string} [apiKey]      the key/token the simulator accepts (default: the sample one)
 *
 * @typedef {object} SimContext
 * @property {any} state
 * @property {Faults} faults
 * @property {WebhookSender} webhooks
 * @property {ReturnType<typeof idGenerator>} ids
 * @property {SimOptions} options
 * @property {Array<{ at: number, method: string, path: string, status: number, fault: string | null }>} log
 *
 * @typedef {object} PlatformSpec
 * @property {string} name
 * @property {string} envPrefix
 * @property {number} defaultPort
 * @property {{ signatureHeader?: string, acceptedStatus: (status: number) => boolean }} webhookPolicy
 * @property {(ctx: SimContext) => any} createState
 * @property {(req: SimRequest, ctx: SimContext) => SimResponse | null} authenticate
 * @property {(status: number, message: string, code?: string) => SimResponse} errorReply
 * @property {(ctx: SimContext) => Array<[string, string, (req: SimRequest) => SimResponse | Promise<SimResponse>]>} routes
 * @property {(ctx: SimContext) => Array<[string, string, (req: SimRequest) => SimResponse | Promise<SimResponse>]>} controlRoutes
 * @property {(ctx: SimContext) => { items: object[], duplicates: object[] }} issued
 * @property {(ctx: SimContext, body: any) => object} seed
 * @property {(ctx: SimContext) => Record<string, string>} credentials
 */

/**
 * Starts one simulator. Control endpoints under /__control/ need no auth and see no faults.
 * @param {PlatformSpec} platform @param {SimOptions} [options]
 */
async function startSimulator(platform, options = {}) {
	/** @type {SimContext} */
	const ctx = {
		state: null,
		faults: new Faults(options.timeScale || 1),
		webhooks: new WebhookSender(platform.webhookPolicy),
		ids: idGenerator(options.seed || 1),
		options,
		log: [],
	};
	const reset = () => {
		ctx.ids = idGenerator(options.seed || 1);
		ctx.faults.reset();
		ctx.webhooks.reset();
		ctx.log.length = 0;
		ctx.state = platform.createState(ctx);
		if (options.webhookUrl)
			ctx.webhooks.configure({ url: options.webhookUrl, secret: options.webhookSecret });
	};
	reset();
	const api = routes(platform.routes(ctx));
	const control = routes([...commonControl(platform, ctx, reset), ...platform.controlRoutes(ctx)]);

	const server = http.createServer(async (req, res) => {
		try {
			await handle(platform, ctx, api, control, req, res);
		} catch (error) {
			console.error(`[${platform.name} simulator]`, error);
			send(res, platform.errorReply(500, 'Internal server error', 'internal_server_error'));
		}
	});
	server.keepAliveTimeout = 5000;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port || 0, options.host || '127.0.0.1', () => resolve(undefined));
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const url = `http://${options.host || '127.0.0.1'}:${address.port}`;
	const credentials = platform.credentials(ctx);
	return {
		name: platform.name,
		url,
		port: address.port,
		credentials,
		env: {
			[`${platform.envPrefix}_SIM_URL`]: url,
			...Object.fromEntries(
				Object.entries(credentials).map(([k, v]) => [
					`${platform.envPrefix}_SIM_${k.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
					v,
				]),
			),
		},
		stop: () =>
			new Promise((resolve) => {
				ctx.webhooks.reset();
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			}),
	};
}

/**
 * @param {PlatformSpec} platform @param {SimContext} ctx
 * @param {import('./http-kit').Route[]} api @param {import('./http-kit').Route[]} control
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
 */
async function handle(platform, ctx, api, control, req, res) {
	const simReq = await readSimRequest(req);

	if (simReq.path.startsWith('/__control/')) {
		const found = findRoute(control, simReq.method, simReq.path);
		if (!found || !('route' in found))
			return send(res, { status: 404, body: { error: 'unknown control endpoint' } });
		try {
			return send(res, await found.route.handler({ ...simReq, params: found.params }));
		} catch (error) {
			return send(res, {
				status: 400,
				body: { error: String(/** @type {Error} */ (error).message) },
			});
		}
	}

	const entry = {
		at: Date.now(),
		method: simReq.method,
		path: simReq.path,
		status: 0,
		fault: /** @type {string | null} */ (null),
	};
	ctx.log.push(entry);
	const finish = (/** @type {SimResponse} */ reply) => {
		entry.status = reply.status;
		send(res, reply);
	};
	const drop = (/** @type {string} */ fault) => {
		entry.fault = fault;
		req.socket.destroy();
	};
	const { faults } = ctx;

	const outage = faults.inOutage();
	if (outage === 'reset') return drop('outage');
	if (outage === '503') {
		entry.fault = 'outage';
		return finish(platform.errorReply(503, 'Service unavailable'));
	}
	if (faults.config.latencyMs > 0) await delay(faults.config.latencyMs);
	const retryAfter = faults.takeRateSlot();
	if (retryAfter !== null) {
		entry.fault = 'rate_limited';
		const reply = platform.errorReply(429, 'Rate limit exceeded', 'rate_limited');
		return finish({
			...reply,
			headers: { ...(reply.headers || {}), 'retry-after': String(retryAfter) },
		});
	}
	const kind = faults.pickError(simReq);
	if (kind === '500' || kind === '503') {
		entry.fault = kind;
		return finish(
			platform.errorReply(
				Number(kind),
				kind === '500' ? 'Internal server error' : 'Service unavailable',
				'internal_server_error',
			),
		);
	}
	if (kind === 'reset') return drop(kind);
	// Faults that hold the connection are logged at once: the client may give up before the drop.
	if (kind === 'timeout') {
		entry.fault = kind;
		await delay(faults.config.holdMs);
		return drop(kind);
	}

	const reply = platform.authenticate(simReq, ctx) || (await dispatch(platform, api, simReq));
	if (kind === '500-after') {
		entry.fault = kind;
		return finish(platform.errorReply(500, 'Internal server error', 'internal_server_error'));
	}
	if (kind === 'timeout-after') {
		entry.status = reply.status;
		entry.fault = kind;
		await delay(faults.config.holdMs);
		return drop(kind);
	}
	if (kind === 'reset-after') {
		entry.status = reply.status;
		return drop(kind);
	}
	return finish(reply);
}

/** @param {PlatformSpec} platform @param {import('./http-kit').Route[]} api @param {SimRequest} simReq */
async function dispatch(platform, api, simReq) {
	if (simReq.invalidJson)
		return platform.errorReply(400, 'The request body is not valid JSON', 'invalid_json');
	const found = findRoute(api, simReq.method, simReq.path);
	if (!found || !('route' in found)) return platform.errorReply(404, 'Not found', 'not_found');
	return found.route.handler({ ...simReq, params: found.params });
}

/** @param {PlatformSpec} platform @param {SimContext} ctx @param {() => void} reset */
function commonControl(platform, ctx, reset) {
	/** @type {Array<[string, string, (req: SimRequest) => SimResponse | Promise<SimResponse>]>} */
	const table = [
		['GET', '/__control/health', () => ({ status: 200, body: { name: platform.name, ok: true } })],
		[
			'POST',
			'/__control/reset',
			() => {
				reset();
				return { status: 200, body: { reset: true } };
			},
		],
		[
			'POST',
			'/__control/seed',
			(req) => ({ status: 200, body: platform.seed(ctx, req.body || {}) }),
		],
		['GET', '/__control/faults', () => ({ status: 200, body: ctx.faults.view() })],
		[
			'POST',
			'/__control/faults',
			(req) => {
				ctx.faults.configure(/** @type {Record<string, unknown>} */ (req.body || {}));
				return { status: 200, body: ctx.faults.view() };
			},
		],
		[
			'DELETE',
			'/__control/faults',
			() => {
				ctx.faults.reset();
				return { status: 200, body: ctx.faults.view() };
			},
		],
		[
			'GET',
			'/__control/issued',
			() => {
				const { items, duplicates } = platform.issued(ctx);
				return { status: 200, body: { total: items.length, duplicates, items } };
			},
		],
		[
			'GET',
			'/__control/requests',
			() => ({ status: 200, body: { total: ctx.log.length, requests: ctx.log } }),
		],
		[
			'DELETE',
			'/__control/requests',
			() => {
				ctx.log.length = 0;
				return { status: 200, body: { cleared: true } };
			},
		],
		['GET', '/__control/webhooks', () => ({ status: 200, body: ctx.webhooks.view() })],
		[
			'POST',
			'/__control/webhooks',
			(req) => {
				const target = /** @type {{ url?: string, secret?: string } | undefined} */ (req.body);
				ctx.webhooks.configure(
					target && target.url ? { url: target.url, secret: target.secret } : null,
				);
				return { status: 200, body: ctx.webhooks.view() };
			},
		],
	];
	return table;
}

/**
 * Groups issued items by a key and lists the keys seen more than once.
 * @template T @param {T[]} items @param {(item: T) => string} keyOf
 */
function duplicatesBy(items, keyOf) {
	/** @type {Map<string, number>} */
	const counts = new Map();
	for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) || 0) + 1);
	return [...counts].filter(([, count]) => count > 1).map(([key, count]) => ({ key, count }));
}

module.exports = { startSimulator, duplicatesBy };
