'use strict';
// Small HTTP helpers shared by the simulators: body reading, replies, path patterns.

/**
 * @typedef {object} SimRequest
 * @property {string} method
 * @property {string} path            URL path without the query
 * @property {Record<string, string>} params  values of :name segments
 * @property {URLSearchParams} query
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {Buffer} rawBody
 * @property {unknown} body           parsed JSON, or undefined when empty
 * @property {boolean} invalidJson    the body was not JSON
 * @property {string} origin          http://host:port as the client addressed it
 */

/**
 * @typedef {object} SimResponse
 * @property {number} status
 * @property {unknown} [body]         sent as JSON
 * @property {string} [text]          sent as text/plain instead
 * @property {Record<string, string>} [headers]
 */

/** @param {import('node:http').IncomingMessage} req @returns {Promise<Buffer>} */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** @param {Buffer} raw @returns {{ body: unknown, invalidJson: boolean }} */
function parseJson(raw) {
	if (raw.length === 0) return { body: undefined, invalidJson: false };
	try {
		return { body: JSON.parse(raw.toString('utf8')), invalidJson: false };
	} catch {
		return { body: undefined, invalidJson: true };
	}
}

/** Reads and parses an incoming request into the shape every simulator handler takes. */
/** @param {import('node:http').IncomingMessage} req @returns {Promise<SimRequest>} */
async function readSimRequest(req) {
	const url = new URL(req.url || '/', `http://${req.headers.host || '127.0.0.1'}`);
	const raw = await readBody(req);
	const { body, invalidJson } = parseJson(raw);
	return {
		method: req.method || 'GET',
		path: url.pathname,
		params: {},
		query: url.searchParams,
		headers: req.headers,
		rawBody: raw,
		body,
		invalidJson,
		origin: url.origin,
	};
}

/** @param {import('node:http').ServerResponse} res @param {SimResponse} reply */
function send(res, reply) {
	if (res.writableEnded || res.destroyed) return;
	const headers = { ...(reply.headers || {}) };
	let payload = '';
	if (reply.text !== undefined) {
		headers['content-type'] = headers['content-type'] || 'text/plain; charset=utf-8';
		payload = reply.text;
	} else if (reply.body !== undefined) {
		headers['content-type'] = 'application/json; charset=utf-8';
		payload = JSON.stringify(reply.body);
	}
	headers['content-length'] = String(Buffer.byteLength(payload));
	res.writeHead(reply.status, headers);
	res.end(payload);
}

/**
 * '/v1/credentials/:id' → a matcher returning the params, or null.
 * @param {string} pattern
 * @returns {(path: string) => Record<string, string> | null}
 */
function compilePath(pattern) {
	const names = [];
	const source = pattern
		.split('/')
		.map((part) => {
			if (part.startsWith(':')) {
				names.push(part.slice(1));
				return '([^/]+)';
			}
			return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	const regex = new RegExp(`^${source}/?$`);
	return (path) => {
		const match = regex.exec(path);
		if (!match) return null;
		/** @type {Record<string, string>} */
		const params = {};
		names.forEach((name, i) => {
			params[name] = decodeURIComponent(match[i + 1]);
		});
		return params;
	};
}

/**
 * @typedef {(req: SimRequest) => SimResponse | Promise<SimResponse>} Handler
 * @typedef {{ method: string, match: (path: string) => Record<string, string> | null, handler: Handler }} Route
 */

/** @param {Array<[string, string, Handler]>} table @returns {Route[]} */
function routes(table) {
	return table.map(([method, pattern, handler]) => ({
		method,
		match: compilePath(pattern),
		handler,
	}));
}

/**
 * @param {Route[]} table @param {string} method @param {string} path
 * @returns {{ route: Route, params: Record<string, string> } | { methodNotAllowed: true } | null}
 */
function findRoute(table, method, path) {
	let pathMatched = false;
	for (const route of table) {
		const params = route.match(path);
		if (!params) continue;
		if (route.method === method) return { route, params };
		pathMatched = true;
	}
	return pathMatched ? { methodNotAllowed: true } : null;
}

/** @param {number} ms */
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A positive whole number from a query or body value, else the fallback. */
function positiveInt(value, fallback) {
	const n = Number(value);
	return Number.isInteger(n) && n > 0 ? n : fallback;
}

module.exports = {
	readBody,
	parseJson,
	readSimRequest,
	send,
	compilePath,
	routes,
	findRoute,
	delay,
	positiveInt,
};
