'use strict';
// Sample data and JSON shapes of the Canvas REST simulator: courses, learners, enrollments with
// their module progress, the Enrollment / CourseProgress JSON, and Link-header pagination.

const MAX_PER_PAGE = 100; // Canvas leaves the maximum unspecified; 100 is the usual cap.
const BUCKET = 700; // [INFERRED] the default bucket size Canvas instances tend to report.

const sampleCourses = () => [
	// The Live Events fixture's course: module requirements, so it has CourseProgress.
	{ id: 565, name: 'Computer Science I', course_code: 'CS101', account_id: 79, moduleBased: true },
	{
		id: 566,
		name: 'Workplace Safety Fundamentals',
		course_code: 'SAFE101',
		account_id: 79,
		moduleBased: true,
	},
	{
		id: 567,
		name: 'Open Reading Room (no modules)',
		course_code: 'READ',
		account_id: 79,
		moduleBased: false,
	},
];
const sampleUsers = () => [
	{ id: 123, name: 'Isaac Newton', sortable_name: 'Newton, Isaac', email: 'inewton@example.com' },
	{
		id: 124,
		name: 'Ada Lovelace',
		sortable_name: 'Lovelace, Ada',
		email: 'ada.lovelace@example.org',
	},
	{
		id: 125,
		name: 'Grace Hopper',
		sortable_name: 'Hopper, Grace',
		email: 'grace.hopper@example.org',
	},
];

function createState() {
	const state = {
		courses: sampleCourses(),
		users: sampleUsers(),
		/** "courseId:userId" → enrollment record */
		enrollments: new Map(),
		nextEnrollmentId: 9001,
		throttle: 0,
		remaining: BUCKET,
		lastRefill: Date.now(),
	};
	// Completed learners for `npm start`: Isaac's completion is the one in the Live Events fixture.
	enrol(state, 565, 123, { completedAt: '2019-11-05T13:38:00Z', finalScore: 92.5, seconds: 20520 });
	enrol(state, 565, 124, { completedAt: '2024-06-03T16:00:00Z', finalScore: 88, seconds: 15300 });
	enrol(state, 565, 125, { completedCount: 3, finalScore: 61.25, seconds: 4800 });
	enrol(state, 566, 124, { completedAt: '2024-06-04T09:30:00Z', finalScore: 100, seconds: 3600 });
	enrol(state, 567, 123, { finalScore: 75, seconds: 1200 });
	return state;
}

/** Adds (or updates) a student enrollment with its progress through 6 module requirements. */
function enrol(state, courseId, userId, options = {}) {
	const key = `${courseId}:${userId}`;
	const existing = state.enrollments.get(key);
	const record = existing || {
		id: state.nextEnrollmentId++,
		courseId,
		userId,
		state: 'active',
		createdAt: '2024-01-08T09:00:00Z',
	};
	record.completedAt = options.completedAt ?? record.completedAt ?? null;
	record.completedCount = record.completedAt
		? 6
		: (options.completedCount ?? record.completedCount ?? 0);
	record.finalScore = options.finalScore ?? record.finalScore ?? null;
	record.seconds = options.seconds ?? record.seconds ?? 0;
	state.enrollments.set(key, record);
	return record;
}

const courseJson = (c) => ({
	id: c.id,
	name: c.name,
	course_code: c.course_code,
	account_id: c.account_id,
	workflow_state: 'available',
	enrollment_term_id: 1,
	start_at: null,
	end_at: null,
	default_view: c.moduleBased ? 'modules' : 'wiki',
});

function progressJson(origin, enrollment) {
	return {
		requirement_count: 6,
		requirement_completed_count: enrollment.completedCount,
		next_requirement_url: enrollment.completedAt
			? null
			: `${origin}/courses/${enrollment.courseId}/modules/items/${1000 + enrollment.completedCount}`,
		completed_at: enrollment.completedAt,
	};
}

/** The Enrollment JSON of the enrollments API (fields from the facts sheet). */
function enrollmentJson(origin, e, user, includeEmail) {
	const grade = (score) =>
		score === null ? null : score >= 90 ? 'A' : score >= 80 ? 'B' : score >= 70 ? 'C' : 'F';
	return {
		id: e.id,
		course_id: e.courseId,
		sis_course_id: null,
		course_section_id: e.courseId * 10,
		enrollment_state: e.state,
		type: 'StudentEnrollment',
		user_id: e.userId,
		role: 'StudentEnrollment',
		role_id: 3,
		created_at: e.createdAt,
		updated_at: e.completedAt || e.createdAt,
		start_at: null,
		end_at: null,
		last_activity_at: e.completedAt || e.createdAt,
		last_attended_at: null,
		total_activity_time: e.seconds,
		html_url: `${origin}/courses/${e.courseId}/users/${e.userId}`,
		grades: {
			html_url: `${origin}/courses/${e.courseId}/grades/${e.userId}`,
			current_grade: grade(e.finalScore),
			final_grade: grade(e.finalScore),
			current_score: e.finalScore,
			final_score: e.finalScore,
			unposted_current_grade: grade(e.finalScore),
			unposted_final_grade: grade(e.finalScore),
			unposted_current_score: e.finalScore,
			unposted_final_score: e.finalScore,
		},
		user: {
			id: user.id,
			name: user.name,
			sortable_name: user.sortable_name,
			short_name: user.name,
			// [INFERRED] include[]=email on this endpoint; the users-in-course API documents it.
			...(includeEmail ? { email: user.email } : {}),
		},
		override_grade: null,
		override_score: null,
	};
}

/**
 * One page of a list and its Link header. `page` is opaque to clients: numbers on most lists,
 * bookmarks (`bookmark:...`) where Canvas does not count the rows, and then no `last` link.
 */
function paginate(req, items, { bookmark = false } = {}) {
	const perPage = Math.min(Math.max(Number(req.query.get('per_page')) || 10, 1), MAX_PER_PAGE);
	const rawPage = req.query.get('page') || '1';
	const page =
		bookmark && rawPage.startsWith('bookmark:')
			? Number(Buffer.from(rawPage.slice(9), 'base64url').toString('utf8')) || 1
			: Math.max(Number(rawPage) || 1, 1);
	const pages = Math.max(Math.ceil(items.length / perPage), 1);
	const link = (n, rel) => {
		const query = new URLSearchParams(req.query);
		query.delete('access_token'); // never echoed: clients that use it must add it again
		query.set(
			'page',
			bookmark ? `bookmark:${Buffer.from(String(n)).toString('base64url')}` : String(n),
		);
		query.set('per_page', String(perPage));
		return `<${req.origin}${req.path}?${query.toString()}>; rel="${rel}"`;
	};
	const rels = [link(page, 'current')];
	if (page < pages) rels.push(link(page + 1, 'next'));
	if (page > 1) rels.push(link(page - 1, 'prev'));
	rels.push(link(1, 'first'));
	if (!bookmark) rels.push(link(pages, 'last'));
	return {
		status: 200,
		body: items.slice((page - 1) * perPage, page * perPage),
		headers: { Link: rels.join(',') },
	};
}

module.exports = {
	BUCKET,
	createState,
	enrol,
	courseJson,
	progressJson,
	enrollmentJson,
	paginate,
};
