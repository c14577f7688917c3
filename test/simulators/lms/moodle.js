'use strict';
// Moodle REST web services simulator: one endpoint, /webservice/rest/server.php, switching on
// `wsfunction`; the token in `wstoken` (query or form body, merged as Moodle does); XML unless
// `moodlewsrestformat=json`; and every function-level error as HTTP 200 with an exception body
// ({exception, errorcode, message}) — bad token, a function missing from the service, an unknown
// function, a course without completion criteria, a learner not enrolled. For "Add Learner
// Details": users by id, the user grade report (a quiz item and the course total) and a course
// whose completion needs another course (criterion type 8).

const { startLmsSimulator } = require('./lms-server');
const { MOODLE_WS_TOKEN } = require('./sample-data');

/** The functions the demo token's external service holds. */
const SERVICE_FUNCTIONS = [
	'core_webservice_get_site_info',
	'core_course_get_courses',
	'core_enrol_get_enrolled_users',
	'core_completion_get_course_completion_status',
	'core_user_get_users_by_field',
	'gradereport_user_get_grade_items',
];

const exception = (exceptionClass, errorcode, message) => ({
	status: 200,
	body: { exception: exceptionClass, errorcode, message },
});

const sampleCourses = () => [
	// The front page is course 1 with format "site" in every Moodle.
	{ id: 1, shortname: 'demo', fullname: 'Demo Moodle Site', format: 'site', enablecompletion: 0 },
	{
		id: 12,
		shortname: 'SAFE101',
		fullname: 'Workplace Safety Fundamentals',
		format: 'topics',
		enablecompletion: 1,
		criteria: true,
	},
	{
		id: 13,
		shortname: 'GDPR',
		fullname: 'Data Protection Basics',
		format: 'topics',
		enablecompletion: 1,
		criteria: true,
		aggregation: 2,
	},
	{
		id: 14,
		shortname: 'DRAFT',
		fullname: 'Draft Course (no criteria)',
		format: 'topics',
		enablecompletion: 1,
		criteria: false,
	},
	{
		id: 15,
		shortname: 'OPEN',
		fullname: 'Open Reading Room',
		format: 'topics',
		enablecompletion: 0,
	},
	{
		id: 16,
		shortname: 'SAFE201',
		fullname: 'Advanced Workplace Safety',
		format: 'topics',
		enablecompletion: 1,
		criteria: true,
		// Completion needs course 12 first (COMPLETION_CRITERIA_TYPE_COURSE).
		requires: [12],
		grademax: 20,
	},
];
/**
 * Not in the sample data: a course created after the rules were written, for tests to add with
 * /__control/seed (the sample list stays as other tests know it).
 */
const NEW_COURSE = {
	id: 17,
	shortname: 'FIRE',
	fullname: 'Fire Warden Refresher',
	format: 'topics',
	enablecompletion: 1,
	criteria: true,
};
/** Course totals ("courseId:userId" → graderaw); others have no grade yet (graderaw null). */
const sampleGrades = () =>
	new Map([
		['12:57', 86.5],
		['12:58', 64],
		['12:59', 92],
		['13:57', 78],
		['16:57', 17],
	]);
const sampleUsers = () => [
	{
		id: 57,
		username: 'ana.lima',
		firstname: 'Ana',
		lastname: 'Lima',
		email: 'ana.lima@example.org',
	},
	{
		id: 58,
		username: 'john.smith',
		firstname: 'John',
		lastname: 'Smith',
		email: 'john.smith@example.org',
	},
	{
		id: 59,
		username: 'mei.chen',
		firstname: 'Mei',
		lastname: 'Chen',
		email: 'mei.chen@example.org',
	},
];

function createState() {
	return {
		courses: sampleCourses(),
		users: sampleUsers(),
		/** "courseId:userId" → { active } */
		enrolments: new Map(
			[12, 13, 14, 16].flatMap((c) => [57, 58, 59].map((u) => [`${c}:${u}`, { active: true }])),
		),
		/** "courseId:userId" → the course total's graderaw */
		grades: sampleGrades(),
		/** "courseId:userId" → unix seconds the course was completed */
		completions: new Map(),
		functions: new Set(SERVICE_FUNCTIONS),
		/** wsfunction → calls answered (the request log has paths only, all server.php) */
		calls: {},
	};
}

/** GET and POST form parameters merged, as Moodle's REST server does. */
function paramsOf(req) {
	const params = new URLSearchParams(req.query);
	const type = String(req.headers['content-type'] || '');
	if (req.method === 'POST' && type.includes('application/x-www-form-urlencoded')) {
		for (const [key, value] of new URLSearchParams(req.rawBody.toString('utf8'))) {
			params.set(key, value);
		}
	}
	return params;
}

/** `options[0][name]=limitfrom&options[0][value]=0` → { limitfrom: '0' } */
function optionsOf(params) {
	const out = {};
	for (let i = 0; params.has(`options[${i}][name]`); i++) {
		out[params.get(`options[${i}][name]`)] = params.get(`options[${i}][value]`) ?? '';
	}
	return out;
}

const fullname = (u) => `${u.firstname} ${u.lastname}`;

/** The status reply from the facts sheet: criteria with their own timecompleted, none for the course. */
function completionStatus(ctx, course, userId) {
	const { state } = ctx;
	const completedAt = state.completions.get(`${course.id}:${userId}`);
	const done = completedAt !== undefined;
	const criterion = (type, title, offset) => ({
		type,
		title,
		status: done ? 'Yes' : 'No',
		complete: done,
		timecompleted: done ? completedAt - offset : null,
		details: { type: title, criteria: title, requirement: 'Marking yourself complete', status: '' },
	});
	const aggregation = course.aggregation ?? 1;
	// With "all" the last criterion completes the course, with "any" the first.
	const offsets = aggregation === 1 ? [300, 0] : [0, -300];
	return {
		completionstatus: {
			completed: done,
			aggregation,
			completions: [
				criterion(4, 'Activity completion', offsets[0]),
				criterion(6, 'Course grade', offsets[1]),
				...(course.requires || []).map((id) => requiredCourse(ctx, id, userId)),
			],
		},
		warnings: [],
	};
}

/** A type-8 criterion as Moodle renders it: a generic title, the course only in a link. */
function requiredCourse(ctx, courseId, userId) {
	const required = ctx.state.courses.find((c) => c.id === courseId);
	const at = ctx.state.completions.get(`${courseId}:${userId}`);
	const title = 'Completion of other courses';
	return {
		type: 8,
		title,
		status: at === undefined ? 'No' : 'Yes',
		complete: at !== undefined,
		timecompleted: at ?? null,
		details: {
			type: title,
			criteria: `<a href="${ctx.origin}/course/view.php?id=${courseId}">${escapeHtml(required.fullname)}</a>`,
			requirement: 'Course completed',
			status: `<a href="${ctx.origin}/blocks/completionstatus/details.php?course=${courseId}&amp;user=${userId}">See details</a>`,
		},
	};
}

const escapeHtml = (text) =>
	String(text)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');

/** gradereport_user_get_grade_items for one learner: a quiz item and the course total. */
function gradeItems(ctx, course, user) {
	const max = course.grademax ?? 100;
	const raw = ctx.state.grades.get(`${course.id}:${user.id}`);
	const formatted = (value) => (value === undefined ? '-' : value.toFixed(2));
	const item = (fields) => ({
		categoryid: null,
		outcomeid: null,
		scaleid: null,
		locked: false,
		graderaw: raw ?? null,
		gradeformatted: formatted(raw),
		grademin: 0,
		grademax: max,
		rangeformatted: `0.00&ndash;${max.toFixed(2)}`,
		percentageformatted: raw === undefined ? '-' : `${((raw / max) * 100).toFixed(2)} %`,
		feedback: '',
		feedbackformat: 0,
		...fields,
	});
	return {
		usergrades: [
			{
				courseid: course.id,
				courseidnumber: '',
				userid: user.id,
				userfullname: fullname(user),
				useridnumber: '',
				maxdepth: 2,
				gradeitems: [
					item({
						id: course.id * 100 + 1,
						itemname: 'Final quiz',
						itemtype: 'mod',
						itemmodule: 'quiz',
						iteminstance: 1,
						itemnumber: 0,
						idnumber: '',
						cmid: course.id * 10,
					}),
					item({
						id: course.id * 100,
						itemname: null,
						itemtype: 'course',
						itemmodule: null,
						iteminstance: course.id,
						itemnumber: null,
						idnumber: '',
					}),
				],
			},
		],
		warnings: [],
	};
}

function functionsFor(ctx) {
	const { state } = ctx;
	const courseOf = (id) => state.courses.find((c) => String(c.id) === String(id));
	return {
		core_webservice_get_site_info: () => ({
			sitename: 'Demo Moodle Site',
			username: 'wsuser',
			firstname: 'Web',
			lastname: 'Service',
			userid: 2,
			siteurl: ctx.origin,
			release: '4.3 (Build: 20231009)',
			version: '2023100900',
			functions: [...state.functions].map((name) => ({ name, version: '2023100900' })),
		}),
		core_course_get_courses: (params) => {
			const ids = [...params.entries()]
				.filter(([k]) => /^options\[ids\]\[\d+\]$/.test(k))
				.map(([, v]) => v);
			return state.courses
				.filter((c) => ids.length === 0 || ids.includes(String(c.id)))
				.map(({ criteria, aggregation, requires, grademax, ...course }) => ({
					...course,
					categoryid: 1,
					visible: 1,
				}));
		},
		core_enrol_get_enrolled_users: (params) => {
			const course = courseOf(params.get('courseid'));
			if (!course)
				return exception(
					'dml_missing_record_exception',
					'invalidrecord',
					"Can't find data record in database table course.",
				);
			const options = optionsOf(params);
			const from = Number(options.limitfrom || 0);
			const number = Number(options.limitnumber || 0);
			const users = state.users
				.filter((u) => {
					const enrolment = state.enrolments.get(`${course.id}:${u.id}`);
					return enrolment && (options.onlyactive !== '1' || enrolment.active);
				})
				.sort((a, b) => a.id - b.id)
				.map((u) => ({ id: u.id, username: u.username, fullname: fullname(u), email: u.email }));
			return number > 0 ? users.slice(from, from + number) : users.slice(from);
		},
		core_completion_get_course_completion_status: (params) => {
			const course = courseOf(params.get('courseid'));
			const userId = Number(params.get('userid'));
			if (!course)
				return exception(
					'dml_missing_record_exception',
					'invalidrecord',
					"Can't find data record in database table course.",
				);
			if (!course.enablecompletion)
				return exception(
					'moodle_exception',
					'completionnotenabled',
					'Completion is not enabled for this course',
				);
			if (!state.enrolments.has(`${course.id}:${userId}`))
				return exception(
					'moodle_exception',
					'usernotenroled',
					'User is not enrolled in this course',
				);
			if (!course.criteria)
				return exception(
					'moodle_exception',
					'nocriteriaset',
					'No completion criteria set for this course',
				);
			return completionStatus(ctx, course, userId);
		},
		core_user_get_users_by_field: (params) => {
			const field = params.get('field');
			if (!['id', 'idnumber', 'username', 'email'].includes(field || ''))
				return exception(
					'invalid_parameter_exception',
					'invalidparameter',
					'Invalid parameter value detected',
				);
			const values = [...params.entries()]
				.filter(([k]) => /^values\[\d+\]$/.test(k))
				.map(([, v]) => v);
			// Unknown values are left out of the list, as Moodle does.
			return state.users
				.filter((u) => values.includes(String(u[field === 'idnumber' ? 'id' : field])))
				.map((u) => ({ ...u, fullname: fullname(u) }));
		},
		gradereport_user_get_grade_items: (params) => {
			const course = courseOf(params.get('courseid'));
			if (!course)
				return exception(
					'dml_missing_record_exception',
					'invalidrecord',
					"Can't find data record in database table course.",
				);
			const user = state.users.find((u) => u.id === Number(params.get('userid')));
			if (!user || !state.enrolments.has(`${course.id}:${user.id}`))
				// [INFERRED] the report refuses a user outside the course.
				return exception('moodle_exception', 'notenrolled', 'User is not enrolled in the course');
			return gradeItems(ctx, course, user);
		},
	};
}

/** Moodle's default format when moodlewsrestformat is missing; enough XML to be recognisably wrong. */
const xml = (body) => ({
	status: 200,
	text: `<?xml version="1.0" encoding="UTF-8" ?>\n<RESPONSE><SINGLE>${JSON.stringify(body).replace(/[<&]/g, '')}</SINGLE></RESPONSE>\n`,
	headers: { 'content-type': 'application/xml; charset=utf-8' },
});

/** @type {import('./lms-server').LmsSpec} */
const spec = {
	name: 'moodle',
	defaultPort: 5711,
	createState,
	// The token is checked per call below: Moodle answers a bad token with 200 and an exception.
	authenticate: () => null,
	routes: (ctx) => {
		const handler = (req) => {
			const params = paramsOf(req);
			const reply = (body) =>
				params.get('moodlewsrestformat') === 'json' ? { status: 200, body } : xml(body);
			if (params.get('wstoken') !== MOODLE_WS_TOKEN) {
				return reply(
					exception('moodle_exception', 'invalidtoken', 'Invalid token - token not found').body,
				);
			}
			const name = params.get('wsfunction') || '';
			const fn = functionsFor({ ...ctx, origin: req.origin })[name];
			if (!fn) {
				// [INFERRED] an unknown function fails its lookup in external_functions.
				return reply(
					exception(
						'dml_missing_record_exception',
						'invalidrecord',
						"Can't find data record in database table external_functions.",
					).body,
				);
			}
			if (!ctx.state.functions.has(name)) {
				return reply(
					exception('webservice_access_exception', 'accessexception', 'Access control exception')
						.body,
				);
			}
			ctx.state.calls[name] = (ctx.state.calls[name] || 0) + 1;
			const result = fn(params);
			return reply(
				result && result.status === 200 && result.body && result.body.exception
					? result.body
					: result,
			);
		};
		return [
			['GET', '/webservice/rest/server.php', handler],
			['POST', '/webservice/rest/server.php', handler],
		];
	},
	controlRoutes: (ctx) => [
		['GET', '/__control/calls', () => ({ status: 200, body: { calls: ctx.state.calls } })],
		// Body { courseId, userId?, at? (unix seconds), count? (new learners finishing at `at`), grade? }.
		[
			'POST',
			'/__control/complete',
			(req) => {
				const body = /** @type {any} */ (req.body || {});
				const courseId = Number(body.courseId ?? 12);
				const at = body.at === undefined ? Math.floor(Date.now() / 1000) : Number(body.at);
				const added = [];
				const count = Math.max(1, Number(body.count) || 1);
				for (let i = 0; i < count; i++) {
					let userId = body.userId === undefined ? undefined : Number(body.userId);
					if (userId === undefined || count > 1) {
						userId = Math.max(...ctx.state.users.map((u) => u.id)) + 1;
						ctx.state.users.push({
							id: userId,
							username: `learner${userId}`,
							firstname: 'Learner',
							lastname: String(userId),
							email: `learner${userId}@example.org`,
						});
					}
					ctx.state.enrolments.set(`${courseId}:${userId}`, { active: true });
					ctx.state.completions.set(`${courseId}:${userId}`, at);
					if (body.grade !== undefined)
						ctx.state.grades.set(`${courseId}:${userId}`, Number(body.grade));
					added.push({ courseId, userId, timecompleted: at });
				}
				return { status: 200, body: { added } };
			},
		],
		// Body { courses?, users?, enrolments?: [{courseId, userId, active?}], removeFunctions?: [name] }.
		[
			'POST',
			'/__control/seed',
			(req) => {
				const body = /** @type {any} */ (req.body || {});
				const { state } = ctx;
				if (Array.isArray(body.courses)) state.courses.push(...body.courses);
				if (Array.isArray(body.users)) state.users.push(...body.users);
				for (const e of body.enrolments || []) {
					state.enrolments.set(`${e.courseId}:${e.userId}`, { active: e.active !== false });
				}
				for (const name of body.removeFunctions || []) state.functions.delete(name);
				return {
					status: 200,
					body: {
						courses: state.courses.length,
						users: state.users.length,
						functions: [...state.functions],
					},
				};
			},
		],
	],
	credentials: () => ({ token: MOODLE_WS_TOKEN }),
};

/** @param {{ port?: number }} [options] */
const startMoodleSimulator = (options) => startLmsSimulator(spec, options);

module.exports = { startMoodleSimulator, SERVICE_FUNCTIONS, NEW_COURSE };
