'use strict';
// Teachable public API v1 simulator (the read side the Teachable Trigger's learner lookup uses):
// the `apikey` header (any letter case), page/per pagination with `meta`, `{ message }` error
// bodies and about 100 requests a minute before 429 with RateLimit-* headers.
// Shapes follow the facts sheet (docs.teachable.com plus a third-party OpenAPI); fields marked
// INFERRED below were not seen in a real reply.

const { startLmsSimulator } = require('./lms-server');
const { TEACHABLE_API_KEY } = require('./sample-data');

const DEFAULT_RATE_LIMIT = 100;
const RATE_WINDOW_MS = 60_000;

// Same learner and course as the Teachable webhook fixture and template 11.
const sampleUsers = () => [
	{ id: 1001, name: 'Ada Lovelace', email: 'ada@example.com', role: 'student', src: 'Purchase' },
	{ id: 1002, name: 'Grace Hopper', email: 'grace@example.com', role: 'student', src: 'Import' },
	{ id: 1003, name: 'Alan Turing', email: 'alan@example.com', role: 'student', src: 'Purchase' },
];
const sampleCourses = () => [
	{ id: 42, name: 'Intro to Analytics', heading: 'Numbers that matter', is_published: true },
	{ id: 43, name: 'Data Ethics', heading: 'Handle data with care', is_published: true },
];
const sampleEnrollments = () => [
	{
		course_id: 42,
		user_id: 1001,
		enrolled_at: '2024-05-01T09:00:00Z',
		expires_at: null,
		completed_at: '2024-06-03T14:20:10Z',
		percent_complete: 100,
	},
	{
		course_id: 42,
		user_id: 1002,
		enrolled_at: '2024-05-02T09:00:00Z',
		expires_at: null,
		completed_at: null,
		percent_complete: 40,
	},
	{
		course_id: 43,
		user_id: 1001,
		enrolled_at: '2024-05-03T09:00:00Z',
		expires_at: null,
		completed_at: null,
		percent_complete: 10,
	},
];

/** page/per pagination; `per` defaults to 20 as the API does. */
function page(items, query) {
	const per = Math.min(Math.max(Number(query.get('per')) || 20, 1), 100);
	const current = Math.max(Number(query.get('page')) || 1, 1);
	const from = (current - 1) * per;
	const slice = items.slice(from, from + per);
	return {
		items: slice,
		meta: {
			total: items.length,
			page: current,
			from: slice.length ? from + 1 : 0,
			to: from + slice.length,
			per_page: per,
			number_of_pages: Math.max(Math.ceil(items.length / per), 1),
		},
	};
}

const notFound = (what) => ({ status: 404, body: { message: `${what} not found` } });

/** @param {any} ctx */
function rateLimited(ctx) {
	const now = Date.now();
	const limiter = ctx.state.rate;
	if (now - limiter.windowStart >= RATE_WINDOW_MS) {
		limiter.windowStart = now;
		limiter.used = 0;
	}
	limiter.used += 1;
	const remaining = Math.max(limiter.limit - limiter.used, 0);
	const reset = Math.ceil((limiter.windowStart + RATE_WINDOW_MS - now) / 1000);
	const headers = {
		'RateLimit-Limit': String(limiter.limit),
		'RateLimit-Remaining': String(remaining),
		'RateLimit-Reset': String(reset),
	};
	limiter.headers = headers;
	if (limiter.used <= limiter.limit) return null;
	return {
		status: 429,
		headers: { ...headers, 'Retry-After': String(reset) },
		body: { message: 'Rate limit exceeded, retry later' },
	};
}

/** @type {import('./lms-server').LmsSpec} */
const spec = {
	name: 'teachable',
	defaultPort: 5714,
	createState: () => ({
		users: sampleUsers(),
		courses: sampleCourses(),
		enrollments: sampleEnrollments(),
		rate: { limit: DEFAULT_RATE_LIMIT, used: 0, windowStart: Date.now() },
	}),
	authenticate(req, ctx) {
		// Node lower-cases header names, so `apikey`, `apiKey` and `ApiKey` all arrive here.
		if (req.headers.apikey !== TEACHABLE_API_KEY) {
			return { status: 401, body: { message: 'Invalid or missing API key' } };
		}
		return rateLimited(ctx);
	},
	routes: (ctx) => {
		const user = (id) => ctx.state.users.find((u) => String(u.id) === String(id));
		const course = (id) => ctx.state.courses.find((c) => String(c.id) === String(id));
		/** @type {Array<[string, string, (req: any) => any]>} */
		const table = [
			[
				'GET',
				'/v1/courses',
				(req) => {
					const { items, meta } = page(ctx.state.courses, req.query);
					return { status: 200, body: { courses: items, meta } };
				},
			],
			[
				'GET',
				'/v1/courses/:id',
				(req) => {
					const found = course(req.params.id);
					if (!found) return notFound('Course');
					// INFERRED: lecture_sections shape (ids and names only).
					return {
						status: 200,
						body: {
							course: {
								...found,
								lecture_sections: [{ id: found.id * 10, name: 'Module 1', lectures: [] }],
							},
						},
					};
				},
			],
			[
				'GET',
				'/v1/courses/:id/enrollments',
				(req) => {
					if (!course(req.params.id)) return notFound('Course');
					const rows = ctx.state.enrollments
						.filter((e) => String(e.course_id) === req.params.id)
						.map(({ course_id: _course, ...row }) => row);
					const { items, meta } = page(rows, req.query);
					return { status: 200, body: { enrollments: items, meta } };
				},
			],
			[
				'GET',
				'/v1/courses/:id/progress',
				(req) => {
					const found = course(req.params.id);
					if (!found) return notFound('Course');
					const userId = req.query.get('user_id');
					if (!userId) return { status: 400, body: { message: ['user_id is required'] } };
					if (!user(userId)) return notFound('User');
					const enrollment = ctx.state.enrollments.find(
						(e) => String(e.course_id) === req.params.id && String(e.user_id) === userId,
					);
					if (!enrollment) return notFound('Enrollment');
					// INFERRED: the docs name "course progress with lecture sections"; fields guessed.
					return {
						status: 200,
						body: {
							course_progress: {
								id: found.id,
								user_id: Number(userId),
								percent_complete: enrollment.percent_complete,
								completed_at: enrollment.completed_at,
								lecture_sections: [],
							},
						},
					};
				},
			],
			[
				'GET',
				'/v1/users',
				(req) => {
					const email = req.query.get('email');
					const matches = email
						? ctx.state.users.filter((u) => u.email.toLowerCase() === email.toLowerCase())
						: ctx.state.users;
					const { items, meta } = page(
						matches.map(({ id, name, email: mail }) => ({ id, name, email: mail })),
						req.query,
					);
					return { status: 200, body: { users: items, meta } };
				},
			],
			[
				'GET',
				'/v1/users/:id',
				(req) => {
					const found = user(req.params.id);
					if (!found) return notFound('User');
					const courses = ctx.state.enrollments
						.filter((e) => e.user_id === found.id)
						.map((e) => ({
							course_id: e.course_id,
							course_name: course(e.course_id)?.name,
							enrolled_at: e.enrolled_at,
							is_active_enrollment: true,
							completed_at: e.completed_at,
							percent_complete: e.percent_complete,
						}));
					return { status: 200, body: { ...found, courses } };
				},
			],
		];
		// Every answer carries the RateLimit-* headers of the current window.
		return table.map(([method, path, handler]) => [
			method,
			path,
			(req) => {
				const reply = handler(req);
				return { ...reply, headers: { ...ctx.state.rate.headers, ...reply.headers } };
			},
		]);
	},
	controlRoutes: (ctx) => [
		[
			'POST',
			'/__control/seed',
			(req) => {
				const body = /** @type {any} */ (req.body || {});
				if (Array.isArray(body.users)) ctx.state.users.push(...body.users);
				if (Array.isArray(body.courses)) ctx.state.courses.push(...body.courses);
				if (Array.isArray(body.enrollments)) ctx.state.enrollments.push(...body.enrollments);
				return {
					status: 200,
					body: {
						users: ctx.state.users.length,
						courses: ctx.state.courses.length,
						enrollments: ctx.state.enrollments.length,
					},
				};
			},
		],
		// Body { limit } requests per minute (0 = throttle every request); the window restarts.
		[
			'POST',
			'/__control/rate-limit',
			(req) => {
				const body = /** @type {any} */ (req.body || {});
				const limit = Number(body.limit ?? DEFAULT_RATE_LIMIT);
				ctx.state.rate = { limit, used: 0, windowStart: Date.now() };
				return { status: 200, body: { limit } };
			},
		],
	],
	credentials: () => ({ apiKey: TEACHABLE_API_KEY }),
};

/** @param {{ port?: number }} [options] */
const startTeachableSimulator = (options) => startLmsSimulator(spec, options);

module.exports = { startTeachableSimulator };
