'use strict';
// Zoom Reports API simulator: a Server-to-Server OAuth token endpoint, the webinar participant
// report and the registrant list, both paged with next_page_token, Bearer calls refused with 401,
// and a per-window rate limit answered with 429 and Retry-After. Shapes follow the facts sheet
// (lms-sources §7.1, from a client generated from Zoom's OpenAPI); what is marked INFERRED was not
// seen in a real reply.

const crypto = require('node:crypto');

const { startLmsSimulator } = require('../lms/lms-server');
const sample = require('./sample-data');

const TOKEN_TTL_SECONDS = 3599;
const DEFAULT_PAGE_SIZE = 30;
const MAX_PAGE_SIZE = 300;
// Zoom documents next_page_token as valid for 15 minutes.
const PAGE_TOKEN_TTL_MS = 15 * 60 * 1000;

const zoomError = (status, code, message, headers) => ({
	status,
	body: { code, message },
	...(headers ? { headers } : {}),
});

/** Client id/secret from HTTP Basic, as Zoom's token endpoint requires. */
function basicClient(req) {
	const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization || ''));
	if (!basic) return null;
	const [id, ...secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
	return { id: decodeURIComponent(id), secret: decodeURIComponent(secret.join(':')) };
}

/**
 * POST /oauth/token?grant_type=account_credentials&account_id=...: Zoom reads both from the
 * query. A generic OAuth2 client (n8n's client-credentials grant) also sends
 * grant_type=client_credentials in the form body; the query wins here. INFERRED: how Zoom treats
 * that second grant_type is not documented.
 */
function issueToken(req, ctx) {
	const form = new URLSearchParams(req.rawBody.toString('utf8'));
	const grant = req.query.get('grant_type') || form.get('grant_type');
	const accountId = req.query.get('account_id') || form.get('account_id');
	const client = basicClient(req);
	if (!client || client.id !== sample.ZOOM_CLIENT_ID || client.secret !== sample.ZOOM_CLIENT_SECRET)
		return {
			status: 401,
			body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' },
		};
	if (grant !== 'account_credentials')
		return {
			status: 400,
			body: { reason: 'unsupported grant type', error: 'unsupported_grant_type' },
		};
	if (accountId !== sample.ZOOM_ACCOUNT_ID)
		return { status: 400, body: { reason: 'Invalid account_id', error: 'invalid_request' } };
	const token = crypto.randomBytes(20).toString('hex');
	ctx.state.tokens.set(token, Date.now() + TOKEN_TTL_SECONDS * 1000);
	ctx.state.tokensIssued += 1;
	return {
		status: 200,
		body: {
			access_token: token,
			token_type: 'bearer',
			expires_in: TOKEN_TTL_SECONDS,
			scope: 'report:read:admin webinar:read:admin',
			api_url: req.origin,
		},
	};
}

/** 401 without a live token; 429 once the window's calls are used up. */
function authenticate(req, ctx) {
	if (req.path === '/oauth/token') return null;
	const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization || ''));
	const expiresAt = bearer ? ctx.state.tokens.get(bearer[1]) : undefined;
	// INFERRED: code 124 "Invalid access token." is what Zoom clients report for bad tokens.
	if (expiresAt === undefined || expiresAt <= Date.now())
		return zoomError(401, 124, 'Invalid access token.');
	return rateLimited(ctx);
}

function rateLimited(ctx) {
	const limit = ctx.state.rateLimit;
	if (!limit) return null;
	const now = Date.now();
	if (now - limit.windowStart >= limit.windowMs)
		Object.assign(limit, { windowStart: now, used: 0 });
	if (limit.used < limit.limit) {
		limit.used += 1;
		return null;
	}
	ctx.state.rateLimited += 1;
	const retryAfter = Math.max(1, Math.ceil((limit.windowStart + limit.windowMs - now) / 1000));
	// INFERRED: the header names Zoom's rate-limit answers are reported with ("Heavy" = report APIs).
	return zoomError(
		429,
		429,
		'You have reached the maximum per-second rate limit for this API. Try again later.',
		{
			'Retry-After': String(retryAfter),
			'X-RateLimit-Category': 'Heavy',
			'X-RateLimit-Type': 'QPS',
		},
	);
}

/**
 * One page of `rows` under `listName`, continued by an opaque next_page_token bound to the list
 * it came from. INFERRED: error code 300 for a bad page size or an unknown or expired token.
 */
function pageOf(req, ctx, endpoint, webinarId, rows, listName) {
	const rawSize = req.query.get('page_size');
	const pageSize = rawSize === null ? DEFAULT_PAGE_SIZE : Number(rawSize);
	if (!Number.isInteger(pageSize) || pageSize < 1)
		return zoomError(
			400,
			300,
			`Invalid field: page_size must be an integer from 1 to ${MAX_PAGE_SIZE}.`,
		);
	const size = Math.min(pageSize, MAX_PAGE_SIZE);
	const pageToken = req.query.get('next_page_token') || '';
	let offset = 0;
	if (pageToken) {
		const known = ctx.state.pageTokens.get(pageToken);
		if (!known || known.list !== `${endpoint}/${webinarId}` || known.expiresAt <= Date.now())
			return zoomError(400, 300, 'The next page token is invalid or expired.');
		offset = known.offset;
	}
	const page = rows.slice(offset, offset + size);
	let next = '';
	if (offset + size < rows.length) {
		next = crypto.randomBytes(12).toString('base64url');
		ctx.state.pageTokens.set(next, {
			list: `${endpoint}/${webinarId}`,
			offset: offset + size,
			expiresAt: Date.now() + PAGE_TOKEN_TTL_MS,
		});
	}
	ctx.state.pageReads.push({
		endpoint,
		webinarId,
		pageToken,
		pageSize: size,
		returned: page.length,
		nextPageToken: next,
	});
	return {
		status: 200,
		body: {
			page_count: Math.ceil(rows.length / size),
			page_size: size,
			total_records: rows.length,
			next_page_token: next,
			[listName]: page,
		},
	};
}

const webinarNotFound = (id) => zoomError(404, 3001, `Webinar does not exist: ${id}.`);

function createState() {
	return {
		webinars: new Map([
			[
				sample.SAMPLE_WEBINAR_ID,
				{ participants: sample.sampleParticipants(), registrants: sample.sampleRegistrants() },
			],
		]),
		tokens: new Map(),
		tokensIssued: 0,
		pageTokens: new Map(),
		pageReads: [],
		rateLimit: null,
		rateLimited: 0,
	};
}

/** @type {import('../lms/lms-server').LmsSpec} */
const spec = {
	name: 'zoom',
	defaultPort: 5717,
	createState,
	authenticate,
	routes: (ctx) => {
		const listRoute = (endpoint, listName) => (req) => {
			const webinar = ctx.state.webinars.get(req.params.webinarId);
			if (!webinar) return webinarNotFound(req.params.webinarId);
			return pageOf(req, ctx, endpoint, req.params.webinarId, webinar[listName], listName);
		};
		return [
			['POST', '/oauth/token', (req) => issueToken(req, ctx)],
			[
				'GET',
				'/v2/report/webinars/:webinarId/participants',
				listRoute('participants', 'participants'),
			],
			['GET', '/v2/webinars/:webinarId/registrants', listRoute('registrants', 'registrants')],
		];
	},
	controlRoutes: (ctx) => [
		// Body { id, participants?, registrants? }: adds or replaces a webinar.
		[
			'POST',
			'/__control/webinars',
			(req) => {
				const body = /** @type {any} */ (req.body || {});
				if (!body.id) return { status: 400, body: { error: 'id is required' } };
				ctx.state.webinars.set(String(body.id), {
					participants: Array.isArray(body.participants) ? body.participants : [],
					registrants: Array.isArray(body.registrants) ? body.registrants : [],
				});
				return { status: 200, body: { webinars: [...ctx.state.webinars.keys()] } };
			},
		],
		// Body { limit, windowMs? }: at most `limit` API calls per window, then 429; { limit: null } lifts it.
		[
			'POST',
			'/__control/rate-limit',
			(req) => {
				const body = /** @type {any} */ (req.body || {});
				ctx.state.rateLimit =
					body.limit === null || body.limit === undefined
						? null
						: {
								limit: Number(body.limit),
								windowMs: Number(body.windowMs ?? 1000),
								windowStart: 0,
								used: 0,
							};
				return { status: 200, body: { rateLimit: ctx.state.rateLimit } };
			},
		],
		// Every page served, in order: which list, the token it was asked with, what it returned.
		[
			'GET',
			'/__control/pages',
			() => ({
				status: 200,
				body: {
					pages: ctx.state.pageReads,
					tokensIssued: ctx.state.tokensIssued,
					rateLimited: ctx.state.rateLimited,
				},
			}),
		],
	],
	credentials: () => ({
		accountId: sample.ZOOM_ACCOUNT_ID,
		clientId: sample.ZOOM_CLIENT_ID,
		clientSecret: sample.ZOOM_CLIENT_SECRET,
	}),
};

/** @param {{ port?: number }} [options] */
const startZoomSimulator = (options) => startLmsSimulator(spec, options);

module.exports = { startZoomSimulator };
