// "Add Learner Details" for Moodle: name, email, course name, final grade and prerequisite
// courses through web services. Refusals arrive as HTTP 200 exception bodies: each costs its own
// step (partial enrichment, the code and the fix named), a bad token fails the whole lookup.
import type { CompletionEvent } from '../../../nodes/core/domain/model/completion-event';
import {
	enrichCompletion,
	MoodleLearnerRecordSource,
	MoodleWsClient,
	readPrerequisites,
} from '../../../nodes/core/integrations/lms';
import { createAxiosTransport } from '../../support/axios-transport';
import type {
	HttpRequest,
	HttpTransport,
} from '../../../nodes/core/integrations/platforms/transport/http-transport';
import { startMoodleSimulator } from '../../simulators/lms/moodle';
import { MOODLE_WS_TOKEN } from '../../simulators/lms/sample-data';

const TOKEN = 'secret-ws-token-9f3a';

const event = (extra: Partial<CompletionEvent> = {}): CompletionEvent => ({
	source: 'moodle',
	learner: { id: '57' },
	course: { id: '16' },
	completedAt: '2024-06-03T16:00:00.000Z',
	...extra,
});

const exception = (errorcode: string, message: string, exceptionClass = 'moodle_exception') => ({
	exception: exceptionClass,
	errorcode,
	message,
});

/** Replies shaped as the facts sheet (§1.3) and Moodle's source describe them. */
const REPLIES: Record<string, unknown> = {
	core_user_get_users_by_field: [
		{
			id: 57,
			username: 'ana.lima',
			firstname: 'Ana',
			lastname: 'Lima',
			fullname: 'Ana Lima',
			email: 'ana.lima@example.org',
		},
	],
	core_course_get_courses: [
		{ id: 16, shortname: 'SAFE201', fullname: 'Advanced Workplace Safety' },
	],
	gradereport_user_get_grade_items: {
		usergrades: [
			{
				courseid: 16,
				userid: 57,
				userfullname: 'Ana Lima',
				maxdepth: 2,
				gradeitems: [
					{
						id: 1,
						itemname: 'Quiz 1',
						itemtype: 'mod',
						itemmodule: 'quiz',
						graderaw: 3,
						grademin: 0,
						grademax: 10,
						gradeformatted: '3.00',
					},
					{
						id: 2,
						itemname: null,
						itemtype: 'course',
						graderaw: 17,
						grademin: 0,
						grademax: 20,
						gradeformatted: '17.00',
					},
				],
			},
		],
		warnings: [],
	},
	core_completion_get_course_completion_status: {
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
						criteria: '<a href="https://lms.example.edu/mod/quiz/view.php?id=5">Quiz 1</a>',
						requirement: 'Marking yourself complete',
						status: '',
					},
				},
				{
					type: 8,
					title: 'Completion of other courses',
					status: 'Yes',
					complete: true,
					timecompleted: 1717000000,
					details: {
						type: 'Completion of other courses',
						criteria:
							'<a href="https://lms.example.edu/course/view.php?id=12">Safety &amp; Health</a>',
						requirement: 'Course completed',
						status: '',
					},
				},
				{
					type: 8,
					title: 'Completion of other courses',
					status: 'No',
					complete: false,
					timecompleted: null,
					details: {
						type: 'Completion of other courses',
						criteria:
							'<a href="https://lms.example.edu/course/view.php?id=13">Data Protection Basics</a>',
						requirement: 'Course completed',
						status: '',
					},
				},
			],
		},
		warnings: [],
	},
};

/** A fake Moodle: replies per function (overridable), every request recorded. */
function fakeMoodle(overrides: Record<string, unknown> = {}) {
	const requests: HttpRequest[] = [];
	const transport: HttpTransport = async (request) => {
		requests.push(request);
		const name = String(request.qs.wsfunction);
		const body = name in overrides ? overrides[name] : REPLIES[name];
		return { status: 200, headers: {}, body };
	};
	const client = new MoodleWsClient({
		transport,
		baseUrl: 'https://lms.example.edu',
		token: TOKEN,
	});
	return { source: new MoodleLearnerRecordSource(client), requests };
}

describe('Moodle learner record (fake web services)', () => {
	test('fills name, email, course name, the course total on 0-100 and the prerequisite courses', async () => {
		const { source } = fakeMoodle();
		expect(await source.fetch(event())).toEqual({
			learner: { email: 'ana.lima@example.org', name: 'Ana Lima' },
			course: { name: 'Advanced Workplace Safety' },
			score: {
				score: 85,
				maxScore: 100,
				scoreOriginal: { value: 17, min: 0, max: 20, text: '17.00' },
			},
			prerequisites: [
				{
					courseId: '12',
					name: 'Safety & Health',
					status: 'completed',
					completedAt: '2024-05-29T16:26:40.000Z',
				},
				{ courseId: '13', name: 'Data Protection Basics', status: 'incomplete' },
			],
		});
	});

	test('never sets time on task: no core Moodle function reports it', async () => {
		const enriched = await enrichCompletion(event(), fakeMoodle().source);
		expect(enriched.timeSpentMinutes).toBeUndefined();
		expect(enriched.enrichment).toEqual({
			status: 'enriched',
			source: 'moodle web services',
			fields: ['learner.email', 'learner.name', 'course.name', 'score', 'prerequisites'],
		});
	});

	test('asks only for what the event lacks', async () => {
		const { source, requests } = fakeMoodle();
		await source.fetch(
			event({ learner: { id: '57', email: 'a@b.c', name: 'A' }, course: { id: '16', name: 'C' } }),
		);
		expect(requests.map((r) => r.qs.wsfunction).sort()).toEqual([
			'core_completion_get_course_completion_status',
			'gradereport_user_get_grade_items',
		]);
		expect(
			requests.find((r) => r.qs.wsfunction === 'gradereport_user_get_grade_items')?.qs,
		).toMatchObject({
			courseid: '16',
			userid: '57',
			moodlewsrestformat: 'json',
		});
	});

	test('a grade report missing from the service costs only the score (partial), naming accessexception and the fix', async () => {
		const { source } = fakeMoodle({
			gradereport_user_get_grade_items: exception(
				'accessexception',
				'Access control exception',
				'webservice_access_exception',
			),
		});
		const enriched = await enrichCompletion(event(), source);
		expect(enriched.learner.email).toBe('ana.lima@example.org');
		expect(enriched.score).toBeUndefined();
		expect(enriched.enrichment?.status).toBe('partial');
		expect(enriched.enrichment?.errors).toEqual([
			{
				step: 'grade',
				message: expect.stringContaining(
					'Moodle refused gradereport_user_get_grade_items: Access control exception [accessexception]. Add gradereport_user_get_grade_items to the external service',
				),
			},
		]);
	});

	test.each([
		['nocriteriaset', 'No completion criteria set for this course', 'no completion criteria'],
		['usernotenroled', 'User is not enrolled in this course', 'not enrolled'],
		['cannotviewreport', 'Cannot view report', 'report/completion:view'],
	])(
		'a completion status refused with %s is an error on the prerequisites step with its fix',
		async (code, message, fix) => {
			const { source } = fakeMoodle({
				core_completion_get_course_completion_status: exception(code, message),
			});
			const record = await source.fetch(event());
			expect(record.prerequisites).toBeUndefined();
			expect(record.score?.score).toBe(85);
			expect(record.errors).toEqual([
				{ step: 'prerequisites', message: expect.stringContaining(`[${code}]`) },
			]);
			expect(record.errors?.[0].message).toContain(fix);
		},
	);

	test('a bad token fails the whole lookup with the fix; the event is still emitted, marked failed', async () => {
		const invalid = exception('invalidtoken', 'Invalid token - token not found');
		const { source, requests } = fakeMoodle(
			Object.fromEntries(Object.keys(REPLIES).map((k) => [k, invalid])),
		);
		await expect(source.fetch(event())).rejects.toThrow(/\[invalidtoken\].*Manage tokens/);
		const enriched = await enrichCompletion(event(), source);
		expect(enriched).toMatchObject({
			learner: { id: '57' },
			enrichment: { status: 'failed', fields: [] },
		});
		const text = JSON.stringify(enriched);
		expect(requests.every((r) => r.qs.wstoken === TOKEN)).toBe(true);
		expect(text).not.toContain(TOKEN);
		expect(text).not.toContain('server.php');
	});

	test('an unknown user and a course the token cannot see are step errors that say so', async () => {
		const { source } = fakeMoodle({
			core_user_get_users_by_field: [],
			core_course_get_courses: [],
		});
		const record = await source.fetch(event());
		expect(record.errors).toEqual([
			{ step: 'learner', message: 'Moodle has no user with id 57 (core_user_get_users_by_field)' },
			{ step: 'course', message: expect.stringContaining('no course with id 16') },
		]);
	});

	test('no course grade yet (graderaw null) leaves the score unset without an error', async () => {
		const reply = structuredClone(REPLIES.gradereport_user_get_grade_items) as {
			usergrades: Array<{ gradeitems: Array<Record<string, unknown>> }>;
		};
		reply.usergrades[0].gradeitems[1].graderaw = null;
		const record = await fakeMoodle({ gradereport_user_get_grade_items: reply }).source.fetch(
			event(),
		);
		expect(record.score).toBeUndefined();
		expect(record.errors).toBeUndefined();
	});

	test('course names are read once per source', async () => {
		const { source, requests } = fakeMoodle();
		await Promise.all([source.fetch(event()), source.fetch(event({ learner: { id: '58' } }))]);
		expect(requests.filter((r) => r.qs.wsfunction === 'core_course_get_courses')).toHaveLength(1);
	});

	test('a prerequisite link without a course id is refused rather than guessed', () => {
		expect(() =>
			readPrerequisites({
				completionstatus: {
					completions: [
						{
							type: 8,
							title: 'Completion of other courses',
							complete: true,
							details: { criteria: 'Somewhere' },
						},
					],
				},
			}),
		).toThrow('names no course id');
	});
});

describe('Moodle learner record against the web-services simulator', () => {
	let sim: { url: string; stop(): Promise<void> };
	beforeAll(async () => {
		sim = await startMoodleSimulator({ port: 0 });
	});
	afterAll(async () => {
		await sim.stop();
	});
	beforeEach(async () => {
		await control('/__control/reset');
	});
	const control = (path: string, body: object = {}) =>
		fetch(`${sim.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
	const source = (token = MOODLE_WS_TOKEN) =>
		new MoodleLearnerRecordSource(
			new MoodleWsClient({ transport: createAxiosTransport(), baseUrl: sim.url, token }),
		);

	test('a completion in the course that needs course 12 is enriched with all five fields', async () => {
		await control('/__control/complete', { courseId: 12, userId: 57, at: 1717000000 });
		const enriched = await enrichCompletion(event(), source());
		expect(enriched).toMatchObject({
			learner: { id: '57', email: 'ana.lima@example.org', name: 'Ana Lima' },
			course: { id: '16', name: 'Advanced Workplace Safety' },
			score: 85,
			maxScore: 100,
			scoreOriginal: { value: 17, min: 0, max: 20, text: '17.00' },
			prerequisites: [
				{
					courseId: '12',
					name: 'Workplace Safety Fundamentals',
					status: 'completed',
					completedAt: '2024-05-29T16:26:40.000Z',
				},
			],
			enrichment: { status: 'enriched', source: 'moodle web services' },
		});
	});

	test('with the grade report removed from the service: partial, accessexception and the fix', async () => {
		await control('/__control/seed', { removeFunctions: ['gradereport_user_get_grade_items'] });
		const enriched = await enrichCompletion(event({ course: { id: '12' } }), source());
		expect(enriched.enrichment).toEqual({
			status: 'partial',
			source: 'moodle web services',
			fields: ['learner.email', 'learner.name', 'course.name', 'prerequisites'],
			errors: [
				{
					step: 'grade',
					message: expect.stringMatching(
						/\[accessexception\]\. Add gradereport_user_get_grade_items to the external service/,
					),
				},
			],
		});
		expect(enriched.prerequisites).toEqual([]);
	});

	test('a learner outside the course: the grade and status steps fail with their codes', async () => {
		await control('/__control/seed', {
			users: [{ id: 70, username: 'x', firstname: 'Xu', lastname: 'Li', email: 'xu@example.org' }],
		});
		const enriched = await enrichCompletion(event({ learner: { id: '70' } }), source());
		expect(enriched.enrichment?.status).toBe('partial');
		expect(enriched.enrichment?.errors?.map((e) => e.step)).toEqual(['grade', 'prerequisites']);
		expect(enriched.enrichment?.errors?.[1].message).toContain('[usernotenroled]');
	});

	test('a bad token: status failed with the fix, the token nowhere in the event', async () => {
		const enriched = await enrichCompletion(event(), source('wrong-token-4711'));
		expect(enriched.enrichment).toEqual({
			status: 'failed',
			source: 'moodle web services',
			fields: [],
			errors: [{ step: 'lookup', message: expect.stringContaining('[invalidtoken]') }],
		});
		expect(JSON.stringify(enriched)).not.toContain('wrong-token-4711');
	});
});
