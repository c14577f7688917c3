'use strict';
// Docebo API simulator (the calls the Docebo Trigger's learner lookup makes): OAuth2 tokens from
// POST /oauth2/token (client_credentials and password grants, client authenticated by HTTP Basic
// or in the form body), Bearer calls that fail with 401 once the token expired, and `{ data }`
// envelopes. Shapes follow third-party clients (facts sheet §6.4); fields marked INFERRED below
// were not seen in a real reply.

const crypto = require('node:crypto');

const { startLmsSimulator } = require('./lms-server');
const {
	DOCEBO_CLIENT_ID,
	DOCEBO_CLIENT_SECRET,
	DOCEBO_ADMIN_USER,
	DOCEBO_ADMIN_PASSWORD,
} = require('./sample-data');

const DEFAULT_TOKEN_TTL_SECONDS = 3600;

// The learners of template 10 (13038..13042) in course 30, as in the webhook fixture.
const sampleUsers = () =>
	[
		[13038, 'Maria', 'Rossi'],
		[13039, 'Kofi', 'Mensah'],
		[13040, 'Lena', 'Schmidt'],
		[13041, 'Ravi', 'Patel'],
		[13042, 'Sofia', 'Garcia'],
	].map(([id, first, last]) => ({
		user_id: String(id),
		username: `${String(first).toLowerCase()}.${String(last).toLowerCase()}`,
		first_name: first,
		last_name: last,
		email: `${String(first).toLowerCase()}.${String(last).toLowerCase()}@example.com`,
		valid: true,
	}));
const sampleCourses = () => [
	{ id: 30, name: 'Compliance Essentials', code: 'COMP-30', type: 'elearning' },
	{ id: 31, name: 'Data Protection Basics', code: 'GDPR-31', type: 'elearning' },
];
const sampleEnrollments = () => [
	...sampleUsers().map((u) => ({
		user_id: Number(u.user_id),
		course_id: 30,
		status: 'completed',
		enrollment_date: '2024-05-01 09:00:00',
		course_complete_date: '2024-06-03 14:20:10',
		// INFERRED: score (percent) and time_spent (seconds) in the enrollment detail.
		score: 88,
		time_spent: 5400,
	})),
	{
		user_id: 13038,
		course_id: 31,
		status: 'in_progress',
		enrollment_date: '2024-05-01 09:00:00',
		course_complete_date: null,
	},
];

/** OAuth2 form bodies (application/x-www-form-urlencoded) or JSON. */
function formOf(req) {
	if (req.body && typeof req.body === 'object')
		return /** @type {Record<string, string>} */ (req.body);
	return Object.fromEntries(new URLSearchParams(req.rawBody.toString('utf8')));
}

/** Client id/secret from HTTP Basic (RFC 6749 §2.3.1) or the form body. */
function clientOf(req, form) {
	const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization || ''));
	if (basic) {
		const [id, ...secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
		return { id: decodeURIComponent(id), secret: decodeURIComponent(secret.join(':')) };
	}
	return { id: form.client_id, secret: form.client_secret };
}

const oauthError = (status, error, description) => ({
	status,
	body: { error, error_description: description },
});

/** @param {any} ctx */
function issueToken(req, ctx) {
	const form = formOf(req);
	const client = clientOf(req, form);
	if (client.id !== DOCEBO_CLIENT_ID || client.secret !== DOCEBO_CLIENT_SECRET) {
		return oauthError(401, 'invalid_client', 'The client credentials are invalid');
	}
	if (form.grant_type === 'password') {
		if (form.username !== DOCEBO_ADMIN_USER || form.password !== DOCEBO_ADMIN_PASSWORD) {
			return oauthError(400, 'invalid_grant', 'Invalid username and password combination');
		}
	} else if (form.grant_type !== 'client_credentials') {
		return oauthError(400, 'unsupported_grant_type', 'The grant type is not supported');
	}
	const token = crypto.randomBytes(20).toString('hex');
	const ttl = ctx.state.tokenTtlSeconds;
	ctx.state.tokens.set(token, Date.now() + ttl * 1000);
	ctx.state.tokensIssued += 1;
	return {
		status: 200,
		body: {
			access_token: token,
			expires_in: ttl,
			token_type: 'Bearer',
			scope: form.scope || 'api',
		},
	};
}

const notFound = (message) => ({
	status: 404,
	body: { name: 'Not Found', message, code: 0, status: 404 },
});

/** @type {import('./lms-server').LmsSpec} */
const spec = {
	name: 'docebo',
	defaultPort: 5716,
	createState: () => ({
		users: sampleUsers(),
		courses: sampleCourses(),
		enrollments: sampleEnrollments(),
		tokens: new Map(),
		tokensIssued: 0,
		tokenTtlSeconds: DEFAULT_TOKEN_TTL_SECONDS,
		throttle: 0,
	}),
	authenticate(req, ctx) {
		if (req.path === '/oauth2/token') return null;
		if (ctx.state.throttle > 0) {
			ctx.state.throttle -= 1;
			return {
				status: 429,
				headers: { 'Retry-After': '30' },
				body: { name: 'Too Many Requests', message: 'Rate limit exceeded', status: 429 },
			};
		}
		const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization || ''));
		const expiresAt = bearer ? ctx.state.tokens.get(bearer[1]) : undefined;
		if (expiresAt === undefined) {
			return oauthError(401, 'invalid_token', 'The access token provided is invalid');
		}
		if (expiresAt <= Date.now()) {
			return oauthError(401, 'invalid_token', 'The access token provided has expired');
		}
		return null;
	},
	routes: (ctx) => {
		const enrollment = (courseId, userId) =>
			ctx.state.enrollments.find(
				(e) => String(e.course_id) === courseId && String(e.user_id) === userId,
			);
		return [
			['POST', '/oauth2/token', (req) => issueToken(req, ctx)],
			[
				'GET',
				'/manage/v1/user/:id',
				(req) => {
					const user = ctx.state.users.find((u) => u.user_id === req.params.id);
					return user ? { status: 200, body: { data: user } } : notFound('User not found');
				},
			],
			[
				'GET',
				'/learn/v1/courses/:id',
				(req) => {
					const course = ctx.state.courses.find((c) => String(c.id) === req.params.id);
					return course ? { status: 200, body: { data: course } } : notFound('Course not found');
				},
			],
			[
				'GET',
				'/learn/v1/enrollments',
				(req) => {
					const size = Math.min(Math.max(Number(req.query.get('page_size')) || 20, 1), 200);
					const current = Math.max(Number(req.query.get('page')) || 1, 1);
					const items = ctx.state.enrollments.slice((current - 1) * size, current * size);
					return {
						status: 200,
						body: {
							data: {
								items,
								count: items.length,
								current_page: current,
								total_count: ctx.state.enrollments.length,
								has_more_data: current * size < ctx.state.enrollments.length,
							},
						},
					};
				},
			],
			[
				'GET',
				'/learn/v1/enrollments/:courseId/:userId',
				(req) => {
					const found = enrollment(req.params.courseId, req.params.userId);
					if (!found) return notFound('Enrollment not found');
					return { status: 200, body: { data: found } };
				},
			],
		];
	},
	controlRoutes: (ctx) => [
		[
			'POST',
			'/__control/seed',
			(req) => {
				const body = /** @type {any} */ (req.body || {});
				if (Array.isArray(body.users)) ctx.state.users.push(...body.users);
				if (Array.isArray(body.courses)) ctx.state.courses.push(...body.courses);
				if (Array.isArray(body.enrollments)) ctx.state.enrollments.unshift(...body.enrollments);
				return { status: 200, body: { enrollments: ctx.state.enrollments.length } };
			},
		],
		// Body { ttlSeconds?, expireAll? }: shorter tokens, or every issued token expired now.
		[
			'POST',
			'/__control/tokens',
			(req) => {
				const body = /** @type {any} */ (req.body || {});
				if (body.ttlSeconds !== undefined) ctx.state.tokenTtlSeconds = Number(body.ttlSeconds);
				if (body.expireAll)
					for (const token of ctx.state.tokens.keys()) ctx.state.tokens.set(token, 0);
				return {
					status: 200,
					body: { issued: ctx.state.tokensIssued, ttlSeconds: ctx.state.tokenTtlSeconds },
				};
			},
		],
		// Body { count }: the next `count` API calls (not token requests) get 429 with Retry-After.
		[
			'POST',
			'/__control/throttle',
			(req) => {
				ctx.state.throttle = Number(/** @type {any} */ (req.body || {}).count ?? 1);
				return { status: 200, body: { throttle: ctx.state.throttle } };
			},
		],
	],
	credentials: () => ({ clientId: DOCEBO_CLIENT_ID, clientSecret: DOCEBO_CLIENT_SECRET }),
};

/** @param {{ port?: number }} [options] */
const startDoceboSimulator = (options) => startLmsSimulator(spec, options);

module.exports = { startDoceboSimulator };
