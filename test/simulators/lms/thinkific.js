'use strict';
// Thinkific simulator: the webhooks API (v2) that the Thinkific Trigger registers with, the
// Admin API's users and enrollments (queried by user and course, as "Add Learner Details" does),
// and a control endpoint that completes an enrollment and
// delivers enrollment.completed to the registered URLs, signed like Thinkific does.

const { isLoopback, startLmsSimulator } = require('./lms-server');
const { thinkific: signThinkific, post } = require('./webhook-sender');

const {
	THINKIFIC_API_KEY: SAMPLE_API_KEY,
	THINKIFIC_SUBDOMAIN: SAMPLE_SUBDOMAIN,
} = require('./sample-data');

const sampleUsers = () => [
	{ id: 94, email: 'john@doe.com', first_name: 'John', last_name: 'Doe', full_name: 'John Doe' },
	{ id: 95, email: 'ana@example.com', first_name: 'Ana', last_name: 'Lima', full_name: 'Ana Lima' },
];
const sampleCourses = () => [
	{ id: 68, name: 'Intro to Widgets' },
	{ id: 101, name: 'Workplace Safety Fundamentals', slug: 'SAFE-101' },
];

function list(items, query) {
	const limit = Math.min(Number(query.get('limit')) || 25, 250);
	const page = Math.max(Number(query.get('page')) || 1, 1);
	const pages = Math.max(Math.ceil(items.length / limit), 1);
	return {
		items: items.slice((page - 1) * limit, page * limit),
		meta: {
			pagination: {
				current_page: page,
				next_page: page < pages ? page + 1 : null,
				prev_page: page > 1 ? page - 1 : null,
				total_pages: pages,
				total_items: items.length,
			},
		},
	};
}

/** An Admin API enrollment: percentage_completed on 0..1 here (the webhook sends "0".."100"). */
function adminEnrollment(state, { userId, courseId, completedAt }) {
	const user = state.users.find((u) => u.id === Number(userId)) || sampleUsers()[0];
	const course = state.courses.find((c) => c.id === Number(courseId)) || sampleCourses()[0];
	return {
		id: state.enrollments.length + 1,
		user_email: user.email,
		user_name: user.full_name,
		user_id: user.id,
		course_name: course.name,
		course_id: course.id,
		percentage_completed: completedAt ? 1.0 : 0.25,
		expired: false,
		is_free_trial: false,
		completed: Boolean(completedAt),
		started_at: completedAt || new Date().toISOString(),
		activated_at: completedAt || new Date().toISOString(),
		completed_at: completedAt || null,
		updated_at: completedAt || new Date().toISOString(),
		expiry_date: null,
	};
}

function recordEnrollment(state, fields) {
	const enrollment = adminEnrollment(state, fields);
	const index = state.enrollments.findIndex(
		(e) => e.user_id === enrollment.user_id && e.course_id === enrollment.course_id,
	);
	if (index >= 0) state.enrollments[index] = { ...enrollment, id: state.enrollments[index].id };
	else state.enrollments.push(enrollment);
}

/** The enrollment.completed envelope Thinkific sends (see the fact sheet's sample). */
function completionEnvelope(state, { userId, courseId, completedAt, deliveryId }) {
	const user = state.users.find((u) => u.id === Number(userId)) || sampleUsers()[0];
	const course = state.courses.find((c) => c.id === Number(courseId)) || sampleCourses()[0];
	const at = completedAt || new Date().toISOString();
	state.sequence += 1;
	return {
		id: deliveryId || `${Date.now()}${String(state.sequence).padStart(6, '0')}`,
		resource: 'enrollment',
		action: 'completed',
		tenant_id: '59',
		created_at: at,
		payload: {
			activated_at: at,
			completed_at: at,
			course: { id: course.id, name: course.name },
			course_id: course.id,
			created_at: at,
			expiry_date: null,
			free_trial: false,
			id: state.sequence,
			percentage_completed: '100.0',
			started_at: at,
			updated_at: at,
			user: {
				email: user.email,
				first_name: user.first_name,
				id: user.id,
				last_name: user.last_name,
			},
		},
	};
}

/** @type {import('./lms-server').LmsSpec} */
const spec = {
	name: 'thinkific',
	defaultPort: 5713,
	createState: () => ({
		users: sampleUsers(),
		courses: sampleCourses(),
		webhooks: [],
		enrollments: [],
		nextId: 1,
		sequence: 0,
	}),
	authenticate(req) {
		const bearer = String(req.headers.authorization || '').replace(/^Bearer\s+/i, '');
		const key = req.headers['x-auth-api-key'] || bearer;
		if (key === SAMPLE_API_KEY) return null;
		return { status: 401, body: { error: 'Unauthorized' } };
	},
	routes: (ctx) => [
		[
			'GET',
			'/api/public/v1/users',
			(req) => ({ status: 200, body: list(ctx.state.users, req.query) }),
		],
		[
			'GET',
			'/api/public/v1/users/:id',
			(req) => {
				const user = ctx.state.users.find((u) => String(u.id) === req.params.id);
				return user
					? { status: 200, body: user }
					: { status: 404, body: { error: 'Record not found' } };
			},
		],
		[
			'GET',
			'/api/public/v1/enrollments',
			(req) => {
				const userId = req.query.get('query[user_id]');
				const courseId = req.query.get('query[course_id]');
				const items = ctx.state.enrollments.filter(
					(e) =>
						(!userId || String(e.user_id) === userId) &&
						(!courseId || String(e.course_id) === courseId),
				);
				return { status: 200, body: list(items, req.query) };
			},
		],
		['GET', '/api/v2/webhooks', () => ({ status: 200, body: { items: ctx.state.webhooks } })],
		[
			'POST',
			'/api/v2/webhooks',
			(req) => {
				const body = /** @type {any} */ (req.body || {});
				if (typeof body.topic !== 'string' || typeof body.target_url !== 'string') {
					return {
						status: 422,
						body: { errors: { topic: ['is required'], target_url: ['is required'] } },
					};
				}
				const hook = {
					id: String(ctx.state.nextId++),
					topic: body.topic,
					target_url: body.target_url,
					status: 'active',
				};
				ctx.state.webhooks.push(hook);
				return { status: 201, body: hook };
			},
		],
		[
			'GET',
			'/api/v2/webhooks/:id',
			(req) => {
				const hook = ctx.state.webhooks.find((h) => h.id === req.params.id);
				return hook ? { status: 200, body: hook } : { status: 404, body: { error: 'Not found' } };
			},
		],
		[
			'DELETE',
			'/api/v2/webhooks/:id',
			(req) => {
				const before = ctx.state.webhooks.length;
				ctx.state.webhooks = ctx.state.webhooks.filter((h) => h.id !== req.params.id);
				return before === ctx.state.webhooks.length
					? { status: 404, body: { error: 'Not found' } }
					: { status: 204 };
			},
		],
	],
	controlRoutes: (ctx) => [
		['GET', '/__control/webhooks', () => ({ status: 200, body: { webhooks: ctx.state.webhooks } })],
		[
			'POST',
			'/__control/seed',
			(req) => {
				const body = /** @type {any} */ (req.body || {});
				if (Array.isArray(body.users)) ctx.state.users.push(...body.users);
				if (Array.isArray(body.courses)) ctx.state.courses.push(...body.courses);
				// [{ userId, courseId, completedAt? }]
				for (const e of body.enrollments || []) recordEnrollment(ctx.state, e);
				return {
					status: 200,
					body: { users: ctx.state.users.length, courses: ctx.state.courses.length },
				};
			},
		],
		// Body { userId, courseId, completedAt?, repeat? (re-deliver under new ids), secret? (sign with another key) }.
		[
			'POST',
			'/__control/complete',
			async (req) => {
				const body = /** @type {any} */ (req.body || {});
				const targets = ctx.state.webhooks.filter(
					(h) => h.topic === 'enrollment.completed' && isLoopback(h.target_url),
				);
				const completedAt = body.completedAt || new Date().toISOString();
				const deliveries = [];
				recordEnrollment(ctx.state, { ...body, completedAt });
				for (let i = 0; i < Math.max(1, Number(body.repeat) || 1); i++) {
					const envelope = completionEnvelope(ctx.state, { ...body, completedAt });
					const signed = signThinkific(envelope, {
						secret: body.secret || SAMPLE_API_KEY,
						subdomain: SAMPLE_SUBDOMAIN,
					});
					for (const hook of targets) {
						const response = await post(hook.target_url, signed).catch((error) => ({
							status: 0,
							text: error.message,
						}));
						deliveries.push({
							webhookId: hook.id,
							deliveryId: envelope.id,
							status: response.status,
							response: response.text,
						});
					}
				}
				return { status: 200, body: { deliveries } };
			},
		],
	],
	credentials: () => ({ apiKey: SAMPLE_API_KEY, subdomain: SAMPLE_SUBDOMAIN }),
};

/** @param {{ port?: number }} [options] */
const startThinkificSimulator = (options) => startLmsSimulator(spec, options);

module.exports = { startThinkificSimulator, SAMPLE_API_KEY, SAMPLE_SUBDOMAIN, completionEnvelope };
