'use strict';
// A small HTTP shell shared by the LMS simulators: routes, control endpoints under /__control/
// (reset, faults, requests, plus each LMS's own), injected failures, a request log. Binds
// 127.0.0.1 only.

const http = require('node:http');

const { findRoute, readSimRequest, routes, send } = require('../common/http-kit');

/**
 * @typedef {import('../common/http-kit').SimRequest} SimRequest
 * @typedef {import('../common/http-kit').SimResponse} SimResponse
 * @typedef {(req: SimRequest) => SimResponse | Promise<SimResponse>} Handler
 * @typedef {{ state: any, faults: { status: number, remaining: number, body?: unknown } | null, log: Array<{ method: string, path: string, status: number }> }} LmsContext
 * @typedef {object} LmsSpec
 * @property {string} name
 * @property {number} defaultPort
 * @property {(ctx: LmsContext) => any} createState
 * @property {(req: SimRequest, ctx: LmsContext) => SimResponse | null} authenticate null = allowed
 * @property {(ctx: LmsContext) => Array<[string, string, Handler]>} routes
 * @property {(ctx: LmsContext) => Array<[string, string, Handler]>} [controlRoutes]
 * @property {(ctx: LmsContext) => Record<string, string>} credentials
 */

/** @param {LmsSpec} spec @param {{ port?: number, host?: string }} [options] */
async function startLmsSimulator(spec, options = {}) {
	/** @type {LmsContext} */
	const ctx = { state: null, faults: null, log: [] };
	const reset = () => {
		ctx.state = spec.createState(ctx);
		ctx.faults = null;
		ctx.log.length = 0;
	};
	reset();
	const api = routes(spec.routes(ctx));
	const control = routes([
		['POST', '/__control/reset', () => (reset(), { status: 200, body: { reset: true } })],
		[
			'POST',
			'/__control/faults',
			(req) => {
				const body = /** @type {any} */ (req.body || {});
				ctx.faults = body.status
					? { status: Number(body.status), remaining: Number(body.count || 1), body: body.body }
					: null;
				return { status: 200, body: { faults: ctx.faults } };
			},
		],
		['GET', '/__control/requests', () => ({ status: 200, body: { requests: ctx.log } })],
		...(spec.controlRoutes ? spec.controlRoutes(ctx) : []),
	]);

	const server = http.createServer(async (req, res) => {
		try {
			const simReq = await readSimRequest(req);
			const isControl = simReq.path.startsWith('/__control/');
			const found = findRoute(isControl ? control : api, simReq.method, simReq.path);
			let reply;
			if (!found)
				reply = { status: 404, body: { error: `no route ${simReq.method} ${simReq.path}` } };
			else if (!('route' in found)) reply = { status: 405, body: { error: 'method not allowed' } };
			else if (!isControl && ctx.faults && ctx.faults.remaining > 0) {
				ctx.faults.remaining -= 1;
				reply = { status: ctx.faults.status, body: ctx.faults.body ?? { error: 'injected fault' } };
			} else {
				reply =
					(!isControl && spec.authenticate(simReq, ctx)) ||
					(await found.route.handler({ ...simReq, params: found.params }));
			}
			if (!isControl)
				ctx.log.push({ method: simReq.method, path: simReq.path, status: reply.status });
			send(res, reply);
		} catch (error) {
			console.error(`[${spec.name} simulator]`, error);
			send(res, { status: 500, body: { error: 'internal simulator error' } });
		}
	});
	server.keepAliveTimeout = 5000;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? spec.defaultPort, options.host || '127.0.0.1', () =>
			resolve(undefined),
		);
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const url = `http://${options.host || '127.0.0.1'}:${address.port}`;
	return {
		name: spec.name,
		url,
		port: address.port,
		credentials: spec.credentials(ctx),
		ctx,
		stop: () =>
			new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			}),
	};
}

/** Only loopback targets: the simulators never call out of the machine. */
function isLoopback(target) {
	try {
		const host = new URL(target).hostname;
		return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
	} catch {
		return false;
	}
}

module.exports = { startLmsSimulator, isLoopback };
