'use strict';
// TalentLMS API v1 simulator: Basic auth with the API key as user name, parameters encoded in
// the path (`/gettimeline/event_type:course_completion`), every value a string, dates in the
// site's format next to unix-second strings, and a timeline capped at the last 200 events. For
// "Add Learner Details": a learner's status in a course (total_time as "1h 3m 17s", units) and
// the answers of the course's test (score "85.00%").

const { startLmsSimulator } = require('./lms-server');
const { TALENTLMS_API_KEY } = require('./sample-data');

const TIMELINE_CAP = 200;
const pad = (n) => String(n).padStart(2, '0');
/** The site date format "dd/mm/yyyy, HH:MM:SS" (UTC here). */
const siteDate = (seconds) => {
	const d = new Date(seconds * 1000);
	return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

/** `event_type:course_completion,user_id:3` → { event_type, user_id } */
function pathArgs(text) {
	return Object.fromEntries(
		decodeURIComponent(text)
			.split(',')
			.map((pair) => pair.split(':'))
			.filter((parts) => parts.length >= 2)
			.map(([key, ...rest]) => [key, rest.join(':')]),
	);
}

const sampleUsers = () => [
	{
		id: '40457',
		login: 'john.smith',
		email: 'john.smith@example.org',
		first_name: 'John',
		last_name: 'Smith',
	},
	{
		id: '40458',
		login: 'ana.lima',
		email: 'ana.lima@example.org',
		first_name: 'Ana',
		last_name: 'Lima',
	},
];
const sampleCourses = () => [
	{
		id: '348',
		name: 'Compliance 101',
		units: [
			{ id: '3163', name: 'Introduction', type: 'SCORM | xAPI | cmi5' },
			{ id: '3165', name: 'Final test', type: 'Test' },
		],
	},
	{
		id: '349',
		name: 'Workplace Safety Fundamentals',
		units: [{ id: '3170', name: 'Safety video', type: 'Video' }],
	},
];
/** "courseId:userId" → { total_time, testScore? }; every sample learner is in every course. */
const sampleProgress = () =>
	new Map([
		['348:40457', { total_time: '1h 3m 17s', testScore: '85.00%' }],
		['348:40458', { total_time: '47m 5s', testScore: '92.50%' }],
		['349:40457', { total_time: '3m 17s' }],
		['349:40458', { total_time: '0s' }],
	]);

function timelineEvent(state, { userId, courseId, at, action = 'course_completion' }) {
	const user = state.users.find((u) => u.id === String(userId)) || state.users[0];
	const course = state.courses.find((c) => c.id === String(courseId)) || state.courses[0];
	const seconds = at === undefined ? Math.floor(Date.now() / 1000) : Number(at);
	return {
		action,
		message: `${user.first_name} ${user.last_name} completed the course ${course.name}`,
		timestamp: siteDate(seconds),
		unix_timestamp: String(seconds),
		user_id: user.id,
		user_username: user.login,
		user_email: user.email,
		user_fullname: `${user.first_name} ${user.last_name}`,
		object_id: course.id,
		object_name: course.name,
		secondary_object_id: '-',
		secondary_object_name: '-',
		event_counter: '1',
	};
}

const error = (status, message, type = 'error') => ({ status, body: { error: { type, message } } });

/** @type {import('./lms-server').LmsSpec} */
const spec = {
	name: 'talentlms',
	defaultPort: 5715,
	createState: () => ({
		users: sampleUsers(),
		courses: sampleCourses(),
		timeline: [],
		progress: sampleProgress(),
	}),
	authenticate(req) {
		const header = String(req.headers.authorization || '');
		const decoded = header.startsWith('Basic ')
			? Buffer.from(header.slice(6), 'base64').toString('utf8')
			: '';
		if (decoded === `${TALENTLMS_API_KEY}:`) return null;
		return error(401, 'Invalid API key provided', 'authentication_error');
	},
	routes: (ctx) => [
		[
			'GET',
			'/api/v1/ratelimit',
			() => ({
				status: 200,
				body: {
					limit: '10000',
					remaining: 9999,
					reset: String(Math.floor(Date.now() / 1000) + 3600),
				},
			}),
		],
		[
			'GET',
			'/api/v1/gettimeline/:args',
			(req) => {
				const args = pathArgs(req.params.args);
				const events = ctx.state.timeline
					.filter((e) => !args.event_type || e.action === args.event_type)
					.sort((a, b) => Number(b.unix_timestamp) - Number(a.unix_timestamp));
				return { status: 200, body: events.slice(0, TIMELINE_CAP) };
			},
		],
		[
			'GET',
			'/api/v1/getuserstatusincourse/:args',
			(req) => {
				const args = pathArgs(req.params.args);
				const course = ctx.state.courses.find((c) => c.id === args.course_id);
				if (!course) return error(404, 'The requested course does not exist');
				const progress = ctx.state.progress.get(`${args.course_id}:${args.user_id}`);
				// [INFERRED] wording of the refusal for a learner outside the course.
				if (!progress) return error(404, 'The requested user is not enrolled in the course');
				const done = ctx.state.timeline.find(
					(e) => e.object_id === course.id && e.user_id === args.user_id,
				);
				const at = done ? Number(done.unix_timestamp) : undefined;
				return {
					status: 200,
					body: {
						role: 'learner',
						enrolled_on: siteDate(1577246320),
						enrolled_on_timestamp: '1577246320',
						completion_status: done ? 'Completed' : 'incomplete',
						completion_percentage: done ? '100' : '50',
						completed_on: at ? siteDate(at) : '',
						completed_on_timestamp: at ? String(at) : null,
						expired_on: '',
						expired_on_timestamp: null,
						total_time: progress.total_time,
						units: course.units.map((unit) => ({
							...unit,
							completion_status: done ? 'Completed' : 'incomplete',
							completed_on: at ? siteDate(at) : '',
							completed_on_timestamp: at ? String(at) : null,
							score: unit.type === 'Test' && progress.testScore ? progress.testScore : '',
							total_time: '0s',
						})),
					},
				};
			},
		],
		[
			'GET',
			'/api/v1/gettestanswers/:args',
			(req) => {
				const args = pathArgs(req.params.args);
				const course = ctx.state.courses.find((c) =>
					c.units.some((u) => u.id === args.test_id && u.type === 'Test'),
				);
				const progress = course && ctx.state.progress.get(`${course.id}:${args.user_id}`);
				if (!course) return error(404, 'The requested test does not exist');
				if (!progress || !progress.testScore)
					return error(404, 'The requested user has not completed this test');
				return {
					status: 200,
					body: {
						test_id: args.test_id,
						user_id: args.user_id,
						score: progress.testScore,
						completion_status: 'Passed',
						completed_on: siteDate(1598158700),
						completed_on_timestamp: '1598158700',
						questions: [],
					},
				};
			},
		],
		[
			'GET',
			'/api/v1/users/:args',
			(req) => {
				const args = pathArgs(req.params.args);
				const user = ctx.state.users.find((u) => u.id === args.id || u.email === args.email);
				return user ? { status: 200, body: user } : error(404, 'The requested user does not exist');
			},
		],
	],
	controlRoutes: (ctx) => [
		// Body { userId?, courseId?, at? (unix seconds), count? (learners finishing at `at`) }.
		[
			'POST',
			'/__control/complete',
			(req) => {
				const body = /** @type {any} */ (req.body || {});
				const added = [];
				for (let i = 0; i < Math.max(1, Number(body.count) || 1); i++) {
					const userId = body.userId ?? ctx.state.users[i % ctx.state.users.length].id;
					added.push(timelineEvent(ctx.state, { ...body, userId }));
				}
				ctx.state.timeline.push(...added);
				return { status: 200, body: { added } };
			},
		],
		[
			'POST',
			'/__control/seed',
			(req) => {
				const body = /** @type {any} */ (req.body || {});
				if (Array.isArray(body.users)) ctx.state.users.push(...body.users);
				if (Array.isArray(body.courses)) ctx.state.courses.push(...body.courses);
				if (Array.isArray(body.timeline)) ctx.state.timeline.push(...body.timeline);
				// [{ courseId, userId, total_time, testScore? }]
				for (const p of body.progress || []) {
					ctx.state.progress.set(`${p.courseId}:${p.userId}`, {
						total_time: p.total_time,
						testScore: p.testScore,
					});
				}
				return {
					status: 200,
					body: { users: ctx.state.users.length, timeline: ctx.state.timeline.length },
				};
			},
		],
	],
	credentials: () => ({ apiKey: TALENTLMS_API_KEY }),
};

/** @param {{ port?: number }} [options] */
const startTalentLmsSimulator = (options) => startLmsSimulator(spec, options);

module.exports = { startTalentLmsSimulator, TIMELINE_CAP };
