// Moodle polling through web services: completion-status replies shaped as the facts sheet shows
// them, exception bodies (HTTP 200) as typed errors, and the shared cursor over paged learners.
import type { KeyedCompletion, PollCursor } from '../../../nodes/core/integrations/lms';
import {
	fetchMoodleCompletions,
	MoodleWsClient,
	MoodleWsError,
	normaliseMoodleCompletionStatus,
	readCursor,
	readWsReply,
	selectNew,
	startCursor,
} from '../../../nodes/core/integrations/lms';
import type {
	HttpRequest,
	HttpTransport,
} from '../../../nodes/core/integrations/platforms/transport/http-transport';

/** The example reply of core_completion_get_course_completion_status (facts sheet §1.3). */
const FACTS_SHEET_REPLY = {
	completionstatus: {
		completed: true,
		aggregation: 1,
		completions: [
			{
				type: 4,
				title: 'Activity completion',
				status: 'Yes',
				complete: true,
				timecompleted: 1717430100,
				details: {
					type: 'Activity completion',
					criteria: '<a href="...">Quiz 1</a>',
					requirement: 'Marking yourself complete',
					status: '',
				},
			},
			{
				type: 6,
				title: 'Course grade',
				status: '85.00',
				complete: true,
				timecompleted: 1717430100,
				details: {
					type: 'Course grade',
					criteria: 'Course grade',
					requirement: 'Achieving grade: 70.00',
					status: '85.00',
				},
			},
		],
	},
	warnings: [],
};

const context = {
	courseId: '12',
	courseName: 'Workplace Safety Fundamentals',
	user: { id: '57', fullname: 'Ana Lima', email: 'ana.lima@example.org' },
};

const withTimes = (aggregation: number, times: Array<number | null>, completed = true) => ({
	completionstatus: {
		completed,
		aggregation,
		completions: times.map((t, i) => ({
			type: 4 + i,
			title: `Criterion ${i}`,
			status: t ? 'Yes' : 'No',
			complete: t !== null,
			timecompleted: t,
		})),
	},
	warnings: [],
});

describe('core_completion_get_course_completion_status reply', () => {
	it('becomes an exact CompletionEvent, time in UTC with the unix seconds and the reply kept', () => {
		expect(normaliseMoodleCompletionStatus(FACTS_SHEET_REPLY, context)).toEqual({
			ok: true,
			value: {
				businessKey: 'moodle|57|12|2024-06-03T15:55:00Z',
				event: {
					source: 'moodle',
					learner: { id: '57', email: 'ana.lima@example.org', name: 'Ana Lima' },
					course: { id: '12', name: 'Workplace Safety Fundamentals' },
					completedAt: '2024-06-03T15:55:00.000Z',
					completedAtOriginal: 1717430100,
					raw: { courseid: '12', userid: '57', ...FACTS_SHEET_REPLY },
				},
			},
		});
	});

	it('dates "all criteria" by the last criterion and "any criterion" by the first', () => {
		const all = normaliseMoodleCompletionStatus(withTimes(1, [1717430100, 1717430400]), context);
		const any = normaliseMoodleCompletionStatus(withTimes(2, [1717430400, 1717430100]), context);
		expect(all.ok && all.value?.event.completedAt).toBe('2024-06-03T16:00:00.000Z');
		expect(any.ok && any.value?.event.completedAt).toBe('2024-06-03T15:55:00.000Z');
	});

	it('gives nothing while the course is incomplete or cron has not dated it yet', () => {
		expect(
			normaliseMoodleCompletionStatus(withTimes(1, [1717430100, null], false), context),
		).toEqual({ ok: true, value: null });
		expect(normaliseMoodleCompletionStatus(withTimes(1, [null, null], true), context)).toEqual({
			ok: true,
			value: null,
		});
	});

	it('refuses a reply without completionstatus', () => {
		expect(normaliseMoodleCompletionStatus({ warnings: [] }, context)).toMatchObject({
			ok: false,
			reason: 'missing_field',
			field: 'completionstatus',
		});
	});
});

describe('web-service replies', () => {
	const errorOf = (status: number, body: unknown) => {
		const reply = readWsReply('core_completion_get_course_completion_status', status, body);
		expect(reply).toBeInstanceOf(MoodleWsError);
		return reply as MoodleWsError;
	};

	it.each([
		['invalidtoken', 'moodle_exception', 'Manage tokens'],
		['accessexception', 'webservice_access_exception', 'External services'],
		['nocriteriaset', 'moodle_exception', 'Course completion'],
		['cannotviewreport', 'moodle_exception', 'report/completion:view'],
		['usernotenroled', 'moodle_exception', 'not enrolled'],
		['invalidrecord', 'dml_missing_record_exception', 'course ids'],
	])('an HTTP 200 exception body %s becomes a typed error with its fix', (code, cls, fix) => {
		const error = errorOf(200, { exception: cls, errorcode: code, message: 'localised text' });
		expect(error).toMatchObject({
			errorcode: code,
			exception: cls,
			message: 'localised text',
			wsfunction: 'core_completion_get_course_completion_status',
		});
		expect(error.fix).toContain(fix);
	});

	it('reads the token.php error shape, HTTP errors and non-JSON answers', () => {
		expect(errorOf(403, { error: 'Invalid token', errorcode: 'invalidtoken' })).toMatchObject({
			errorcode: 'invalidtoken',
		});
		expect(errorOf(404, '<html>Not found</html>')).toMatchObject({ errorcode: 'http_error' });
		expect(errorOf(200, '<?xml version="1.0"?><RESPONSE/>')).toMatchObject({
			errorcode: 'not_json',
		});
		expect(readWsReply('f', 200, [])).toEqual([]);
	});
});

/** An in-memory Moodle: one course, learners enrolled, completions visible when `visible` says. */
function fakeMoodle(options: {
	learners: number;
	completionOf: (userId: number) => number | undefined;
	criteria?: Record<string, boolean>;
	courses?: string[];
}) {
	const requests: HttpRequest[] = [];
	const courses = options.courses ?? ['12'];
	const reply = (body: unknown) => ({ status: 200, headers: {}, body });
	const transport: HttpTransport = async (request) => {
		requests.push(request);
		const qs = request.qs;
		if (qs.moodlewsrestformat !== 'json' || qs.wstoken !== 'tok') {
			return reply({ exception: 'moodle_exception', errorcode: 'invalidtoken', message: 'x' });
		}
		const opts: Record<string, string> = {};
		for (let i = 0; qs[`options[${i}][name]`] !== undefined; i++) {
			opts[String(qs[`options[${i}][name]`])] = String(qs[`options[${i}][value]`]);
		}
		switch (qs.wsfunction) {
			case 'core_course_get_courses':
				return reply([
					{ id: 1, fullname: 'Site', format: 'site', enablecompletion: 0 },
					...courses.map((id) => ({
						id: Number(id),
						fullname: `Course ${id}`,
						enablecompletion: 1,
					})),
				]);
			case 'core_enrol_get_enrolled_users': {
				const from = Number(opts.limitfrom);
				const all = Array.from({ length: options.learners }, (_, n) => ({
					id: 1000 + n,
					fullname: `Learner ${n}`,
					email: `learner${n}@example.org`,
				}));
				return reply(all.slice(from, from + Number(opts.limitnumber)));
			}
			case 'core_completion_get_course_completion_status': {
				if (options.criteria?.[String(qs.courseid)] === false) {
					return reply({
						exception: 'moodle_exception',
						errorcode: 'nocriteriaset',
						message: 'No criteria',
					});
				}
				const userId = Number(qs.userid);
				if (userId === 1002 && options.learners < 10) {
					return reply({
						exception: 'moodle_exception',
						errorcode: 'usernotenroled',
						message: 'gone',
					});
				}
				const at = options.completionOf(userId);
				return reply(withTimes(1, at === undefined ? [null] : [at], at !== undefined));
			}
			default:
				return reply({ exception: 'x', errorcode: 'invalidrecord', message: 'no function' });
		}
	};
	const client = (token = 'tok') =>
		new MoodleWsClient({ transport, baseUrl: 'https://lms.example.edu/', token });
	return { client, requests };
}

describe('web-services client', () => {
	it('always asks for JSON, sends the token and reads learners in pages', async () => {
		const moodle = fakeMoodle({ learners: 450, completionOf: () => undefined });
		const users = await moodle.client().enrolledUsers('12');
		expect(users).toHaveLength(450);
		expect(new Set(users.map((u) => u.id)).size).toBe(450);
		expect(moodle.requests.map((r) => r.qs['options[2][value]'])).toEqual([0, 200, 400]);
		expect(moodle.requests[0]).toMatchObject({
			method: 'GET',
			url: 'https://lms.example.edu/webservice/rest/server.php',
			qs: {
				wsfunction: 'core_enrol_get_enrolled_users',
				moodlewsrestformat: 'json',
				wstoken: 'tok',
			},
		});
	});

	it('throws the typed error of an exception body', async () => {
		const moodle = fakeMoodle({ learners: 1, completionOf: () => undefined });
		await expect(
			moodle.client('wrong').call('core_webservice_get_site_info'),
		).rejects.toMatchObject({
			name: 'MoodleWsError',
			errorcode: 'invalidtoken',
			wsfunction: 'core_webservice_get_site_info',
		});
	});
});

describe('fetchMoodleCompletions', () => {
	it('skips the front page, courses without criteria (all courses) and learners no longer enrolled', async () => {
		const moodle = fakeMoodle({
			learners: 4,
			completionOf: (id) => 1717430400 + id,
			courses: ['12', '14'],
			criteria: { '14': false },
		});
		const { completions, warnings } = await fetchMoodleCompletions(moodle.client(), {
			courseIds: [],
		});
		expect(completions.map((c) => c.businessKey).sort()).toEqual([
			'moodle|1000|12|2024-06-03T16:16:40Z',
			'moodle|1001|12|2024-06-03T16:16:41Z',
			'moodle|1003|12|2024-06-03T16:16:43Z',
		]);
		expect(completions[0].event.course.name).toBe('Course 12');
		expect(warnings).toEqual(
			expect.arrayContaining([
				'Learner 1002 is no longer enrolled in course 12; skipped',
				'Course 14 has no completion criteria; skipped',
			]),
		);
		expect(moodle.requests.some((r) => r.qs.courseid === '1')).toBe(false);
	});

	it('stops on a named course without criteria, naming the course and the fix', async () => {
		const moodle = fakeMoodle({
			learners: 1,
			completionOf: () => 1717430400,
			criteria: { '14': false },
		});
		await expect(
			fetchMoodleCompletions(moodle.client(), { courseIds: ['14'] }),
		).rejects.toMatchObject({
			errorcode: 'nocriteriaset',
			message: 'No criteria (course 14)',
			fix: expect.stringContaining('completion criteria'),
		});
	});

	it('emits each of 1,000 completions exactly once across 20 polls and a restart', async () => {
		// Ten learners finish per second; they become visible in an order that splits seconds
		// across polls (cron aggregates in batches), read through pages of 200 learners.
		const T0 = Math.floor(Date.UTC(2026, 4, 4, 9) / 1000);
		const secondOf = (n: number) => T0 + Math.floor(n / 10);
		const arrival = Array.from({ length: 1000 }, (_, n) => n).sort(
			(a, b) => secondOf(a) - secondOf(b) || (a % 7) - (b % 7) || a - b,
		);
		let visible = new Set<number>();
		const moodle = fakeMoodle({
			learners: 1000,
			completionOf: (userId) => (visible.has(userId - 1000) ? secondOf(userId - 1000) : undefined),
		});
		let client = moodle.client();
		let stored: unknown = startCursor(T0 * 1000);
		const emitted: KeyedCompletion[] = [];
		for (let poll = 1; poll <= 20; poll++) {
			visible = new Set(arrival.slice(0, poll * 53));
			if (poll === 10) {
				// A restart: only the JSON cursor survives.
				stored = JSON.parse(JSON.stringify(stored));
				client = moodle.client();
			}
			const { completions } = await fetchMoodleCompletions(client, { courseIds: ['12'] });
			const { emit, cursor } = selectNew(readCursor(stored) as PollCursor, completions);
			emitted.push(...emit);
			stored = cursor;
			expect(JSON.stringify(cursor).length).toBeLessThan(2000);
		}
		const keys = emitted.map((c) => c.businessKey);
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys).toHaveLength(1000);
		expect(new Set(emitted.map((c) => c.event.learner.id))).toEqual(
			new Set(Array.from({ length: 1000 }, (_, n) => String(1000 + n))),
		);
	});
});
