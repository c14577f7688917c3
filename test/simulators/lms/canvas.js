'use strict';
// Canvas LMS REST API simulator (the part the Canvas Poll Trigger and the Canvas Trigger's
// enrichment call): Bearer tokens (or `access_token`, never echoed in links), Link-header
// pagination (10 per page by default, `per_page`, rels current/next/prev/first/last, `last`
// omitted on bookmark-paged lists), 403 "Rate Limit Exceeded" throttling with X-Request-Cost and
// X-Rate-Limit-Remaining, CourseProgress with its HTTP 400 body for courses that are not module
// based, and the enrollment fields the API documents.

const { startLmsSimulator } = require('./lms-server');
const { CANVAS_API_TOKEN, CANVAS_STUDENT_TOKEN } = require('./sample-data');
const {
	BUCKET,
	createState,
	enrol,
	courseJson,
	progressJson,
	enrollmentJson,
	paginate,
} = require('./canvas-data');

const PROGRESS_UNAVAILABLE =
	'no progress available because this course is not module based (has modules and module completion requirements) or the user is not enrolled as a student in this course';

const errors = (status, message, extra = {}) => ({
	status,
	body: { ...extra, errors: [{ message }] },
});
const notFound = () => errors(404, 'The specified resource does not exist.');

/** Throttling: a leaky bucket refilled over time, or forced 403s from /__control/throttle. */
function withRateLimit(ctx, handler) {
	return async (req) => {
		const { state } = ctx;
		const now = Date.now();
		state.remaining = Math.min(BUCKET, state.remaining + ((now - state.lastRefill) / 1000) * 10);
		state.lastRefill = now;
		if (state.throttle > 0 || state.remaining <= 0) {
			state.throttle = Math.max(0, state.throttle - 1);
			return {
				status: 403,
				text: '403 Forbidden (Rate Limit Exceeded)\n',
				headers: { 'X-Rate-Limit-Remaining': '0.0', 'X-Request-Cost': '0' },
			};
		}
		const reply = await handler(req);
		// [INFERRED] costs: Canvas charges CPU time, typically a fraction of a unit per request.
		const cost = 0.05 + (Array.isArray(reply.body) ? reply.body.length / 200 : 0);
		state.remaining = Math.max(0, state.remaining - cost);
		reply.headers = {
			...(reply.headers || {}),
			'X-Request-Cost': cost.toFixed(4),
			'X-Rate-Limit-Remaining': state.remaining.toFixed(4),
		};
		return reply;
	};
}

function tokenOf(req) {
	const match = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization || ''));
	return match ? match[1].trim() : req.query.get('access_token') || '';
}

function apiRoutes(ctx) {
	// ctx.state is replaced on reset: read it per request, never capture it.
	const state = {
		get courses() {
			return ctx.state.courses;
		},
		get users() {
			return ctx.state.users;
		},
		get enrollments() {
			return ctx.state.enrollments;
		},
	};
	const courseOf = (id) => state.courses.find((c) => String(c.id) === String(id));
	const teacherOnly = (req) =>
		tokenOf(req) === CANVAS_STUDENT_TOKEN
			? errors(403, 'user not authorized to perform that action', { status: 'unauthorized' })
			: null;
	const byName = (a, b) =>
		a.user.sortable_name < b.user.sortable_name
			? -1
			: a.user.sortable_name > b.user.sortable_name
				? 1
				: a.user.id - b.user.id;
	/** The course's students sorted by sortable name, as Canvas lists them; one learner if asked. */
	const students = (course, userId) => {
		const users = new Map(state.users.map((u) => [String(u.id), u]));
		return [...state.enrollments.values()]
			.filter((e) => e.courseId === course.id && (!userId || String(e.userId) === userId))
			.map((e) => ({ e, user: users.get(String(e.userId)) }))
			.sort(byName);
	};
	return [
		[
			'GET',
			'/api/v1/users/self',
			(req) => {
				const student = tokenOf(req) === CANVAS_STUDENT_TOKEN;
				return {
					status: 200,
					body: student
						? {
								id: 123,
								name: 'Isaac Newton',
								sortable_name: 'Newton, Isaac',
								short_name: 'Isaac Newton',
							}
						: { id: 1, name: 'Demo Admin', sortable_name: 'Admin, Demo', short_name: 'Demo Admin' },
				};
			},
		],
		['GET', '/api/v1/courses', (req) => paginate(req, state.courses.map(courseJson))],
		[
			'GET',
			'/api/v1/courses/:id',
			(req) => {
				const course = courseOf(req.params.id);
				return course ? { status: 200, body: courseJson(course) } : notFound();
			},
		],
		[
			'GET',
			'/api/v1/courses/:id/enrollments',
			(req) => {
				const course = courseOf(req.params.id);
				if (!course) return notFound();
				const refused = teacherOnly(req);
				if (refused) return refused;
				const types = req.query.getAll('type[]');
				const states = req.query.getAll('state[]');
				const userId = req.query.get('user_id');
				const includeEmail = req.query.getAll('include[]').includes('email');
				const list = students(course, userId)
					.filter(() => types.length === 0 || types.includes('StudentEnrollment'))
					.filter(({ e }) =>
						(states.length === 0 ? ['active', 'invited'] : states).includes(e.state),
					)
					.map(({ e, user }) => enrollmentJson(req.origin, e, user, includeEmail));
				return paginate(req, list, { bookmark: true });
			},
		],
		[
			'GET',
			'/api/v1/courses/:course_id/users/:user_id/progress',
			(req) => {
				const course = courseOf(req.params.course_id);
				if (!course) return notFound();
				const userId =
					req.params.user_id === 'self'
						? tokenOf(req) === CANVAS_STUDENT_TOKEN
							? 123
							: 1
						: req.params.user_id;
				const enrollment = state.enrollments.get(`${course.id}:${userId}`);
				if (!course.moduleBased || !enrollment) {
					return { status: 400, body: { error: { message: PROGRESS_UNAVAILABLE } } };
				}
				return { status: 200, body: progressJson(req.origin, enrollment) };
			},
		],
		[
			'GET',
			'/api/v1/courses/:id/bulk_user_progress',
			(req) => {
				// [INFERRED] shape and errors: the facts sheet only mentions the endpoint.
				const course = courseOf(req.params.id);
				if (!course) return notFound();
				const refused = teacherOnly(req);
				if (refused) return refused;
				if (!course.moduleBased) {
					return { status: 400, body: { error: { message: PROGRESS_UNAVAILABLE } } };
				}
				const list = students(course).map(({ e, user }) => ({
					id: user.id,
					display_name: user.name,
					avatar_image_url: `${req.origin}/images/messages/avatar-50.png`,
					html_url: `${req.origin}/courses/${course.id}/users/${user.id}`,
					progress: progressJson(req.origin, e),
				}));
				return paginate(req, list);
			},
		],
	];
}

/** @type {import('./lms-server').LmsSpec} */
const spec = {
	name: 'canvas',
	defaultPort: 5712,
	createState,
	authenticate(req) {
		const token = tokenOf(req);
		if (token === CANVAS_API_TOKEN || token === CANVAS_STUDENT_TOKEN) return null;
		return {
			status: 401,
			body: { errors: [{ message: 'Invalid access token.' }] },
			headers: { 'WWW-Authenticate': 'Bearer realm="canvas-lms"' },
		};
	},
	routes: (ctx) =>
		apiRoutes(ctx).map(([method, path, handler]) => [method, path, withRateLimit(ctx, handler)]),
	controlRoutes: (ctx) => [
		// Body { courseId?, userId?, at? (ISO; one shared instant makes boundary ties), count?
		// (new learners), finalScore?, activitySeconds? }.
		[
			'POST',
			'/__control/complete',
			(req) => {
				const body = /** @type {any} */ (req.body || {});
				const courseId = Number(body.courseId ?? 565);
				const at = body.at === undefined ? new Date().toISOString() : String(body.at);
				const count = Math.max(1, Number(body.count) || 1);
				const added = [];
				for (let i = 0; i < count; i++) {
					let userId = body.userId === undefined || count > 1 ? undefined : Number(body.userId);
					if (userId === undefined) {
						userId = Math.max(...ctx.state.users.map((u) => u.id)) + 1;
						ctx.state.users.push({
							id: userId,
							name: `Learner ${userId}`,
							sortable_name: `${userId}, Learner`,
							email: `learner${userId}@example.org`,
						});
					}
					const record = enrol(ctx.state, courseId, userId, {
						completedAt: at,
						finalScore: body.finalScore === undefined ? 80 + (userId % 20) : body.finalScore,
						seconds:
							body.activitySeconds === undefined ? 3600 + (userId % 60) * 60 : body.activitySeconds,
					});
					added.push({ courseId, userId, completed_at: record.completedAt });
				}
				return { status: 200, body: { added } };
			},
		],
		// Body { count? }: the next `count` API requests get 403 Rate Limit Exceeded.
		[
			'POST',
			'/__control/throttle',
			(req) => {
				const body = /** @type {any} */ (req.body || {});
				ctx.state.throttle = Math.max(0, Number(body.count ?? 1));
				return { status: 200, body: { throttle: ctx.state.throttle } };
			},
		],
	],
	credentials: () => ({ accessToken: CANVAS_API_TOKEN }),
};

/** @param {{ port?: number }} [options] */
const startCanvasSimulator = (options) => startLmsSimulator(spec, options);

module.exports = { startCanvasSimulator, PROGRESS_UNAVAILABLE };
