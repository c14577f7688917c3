// Teachable and Docebo learner lookups over a fake transport: which calls are made, what fills
// the event, how each HTTP failure reads, and scores on 0-100 with the original kept.
import type { CompletionEvent } from '../../../nodes/core/domain/model/completion-event';
import {
	DoceboClient,
	TeachableClient,
	doceboLearnerRecords,
	enrichCompletion,
	teachableLearnerRecords,
} from '../../../nodes/core/integrations/lms';
import type {
	HttpRequest,
	HttpResponse,
	HttpTransport,
} from '../../../nodes/core/integrations/platforms/transport/http-transport';
import { TransportFailure } from '../../../nodes/core/integrations/platforms/transport/http-transport';

type Reply = Partial<HttpResponse> | Error;

/** A transport answering by path; records each request. */
function fake(replies: Record<string, Reply>): { transport: HttpTransport; calls: HttpRequest[] } {
	const calls: HttpRequest[] = [];
	const transport: HttpTransport = async (request) => {
		calls.push(request);
		const path = new URL(request.url).pathname;
		const reply = replies[path] ?? { status: 404, body: { message: 'not found' } };
		if (reply instanceof Error) throw reply;
		return { status: 200, headers: {}, body: undefined, ...reply };
	};
	return { transport, calls };
}

const event = (source: string, learnerId: string, courseId: string): CompletionEvent => ({
	source,
	learner: { id: learnerId },
	course: { id: courseId },
	completedAt: '2024-06-03T14:20:10.000Z',
	raw: { id: 1 },
});

describe('Teachable', () => {
	const teachable = (replies: Record<string, Reply>) => {
		const { transport, calls } = fake(replies);
		const client = new TeachableClient({ transport, baseUrl: 'https://t.example/', apiKey: 'k-1' });
		return { source: teachableLearnerRecords(client), calls };
	};
	const user = {
		status: 200,
		body: {
			id: 1001,
			name: 'Ada Lovelace',
			email: 'ada@example.com',
			courses: [{ course_id: 42, course_name: 'Intro to Analytics', percent_complete: 100 }],
		},
	};

	test('one user call fills name, email and course name; the key goes in the apikey header', async () => {
		const { source, calls } = teachable({ '/v1/users/1001': user });
		const out = await enrichCompletion(event('teachable', '1001', '42'), source);
		expect(out.learner).toEqual({ id: '1001', email: 'ada@example.com', name: 'Ada Lovelace' });
		expect(out.course).toEqual({ id: '42', name: 'Intro to Analytics' });
		expect(out.enrichment).toEqual({
			status: 'enriched',
			source: 'teachable api',
			fields: ['learner.email', 'learner.name', 'course.name'],
		});
		expect(calls.map((c) => [c.url, c.headers])).toEqual([
			['https://t.example/v1/users/1001', { apikey: 'k-1' }],
		]);
		expect(Object.keys(out).at(-1)).toBe('raw');
	});

	test('an event with name and email only checks progress; below 100% is a failed step', async () => {
		const { source, calls } = teachable({
			'/v1/courses/42/progress': {
				status: 200,
				body: { course_progress: { percent_complete: 80 } },
			},
		});
		const full = {
			...event('teachable', '1002', '42'),
			learner: { id: '1002', email: 'g@example.com', name: 'Grace' },
			course: { id: '42', name: 'Intro' },
		};
		const out = await enrichCompletion(full, source);
		expect(calls.map((c) => [new URL(c.url).pathname, c.qs])).toEqual([
			['/v1/courses/42/progress', { user_id: '1002' }],
		]);
		expect(out.enrichment).toEqual({
			status: 'failed',
			source: 'teachable api',
			fields: [],
			errors: [{ step: 'progress', message: expect.stringContaining('at 80% of course 42') }],
		});
	});

	test('a course missing from the user list is read from /courses; its 404 is a partial step', async () => {
		const other = { ...user, body: { ...user.body, courses: [] } };
		const { source } = teachable({ '/v1/users/1001': other });
		const out = await enrichCompletion(event('teachable', '1001', '77'), source);
		expect(out.enrichment?.status).toBe('partial');
		expect(out.enrichment?.errors).toEqual([
			{ step: 'course', message: expect.stringContaining('does not know course 77 (HTTP 404)') },
			{ step: 'progress', message: expect.stringContaining('learner 1001 in course 77') },
		]);
	});

	test.each<[string, Reply, RegExp]>([
		[
			'401',
			{ status: 401, body: { message: 'Invalid' } },
			/HTTP 401\): check the API key in the Teachable API credential/,
		],
		[
			'404',
			{ status: 404, body: { message: 'User not found' } },
			/does not know learner 1001 \(HTTP 404\)/,
		],
		[
			'429',
			{ status: 429, headers: { 'ratelimit-reset': '17' }, body: {} },
			/HTTP 429\): wait 17 seconds/,
		],
		['503', { status: 503, body: 'down' }, /unavailable \(HTTP 503\): try again later/],
		[
			'422',
			{ status: 422, body: { message: ['per is too large', 'bad'] } },
			/HTTP 422: per is too large; bad/,
		],
		[
			'no reply',
			new TransportFailure('network', 'connection failed (ECONNREFUSED)', 'ECONNREFUSED'),
			/Could not reach the Teachable API \(connection failed/,
		],
	])(
		'%s on the user call fails the lookup with a message naming the fix',
		async (_n, reply, message) => {
			const { source } = teachable({ '/v1/users/1001': reply });
			const out = await enrichCompletion(event('teachable', '1001', '42'), source);
			expect(out.enrichment?.status).toBe('failed');
			expect(out.enrichment?.errors?.[0].message).toMatch(message);
			expect(JSON.stringify(out)).not.toContain('k-1');
			expect(out.learner).toEqual({ id: '1001' });
		},
	);
});

describe('Docebo', () => {
	const docebo = (replies: Record<string, Reply>) => {
		const { transport, calls } = fake(replies);
		const client = new DoceboClient({
			transport,
			siteUrl: 'https://acme.docebosaas.com/',
			accessToken: 't-1',
		});
		return { source: doceboLearnerRecords(client), calls };
	};
	const user = {
		status: 200,
		body: {
			data: { user_id: '13038', first_name: 'Maria', last_name: 'Rossi', email: 'm@example.com' },
		},
	};
	const course = { status: 200, body: { data: { id: 30, name: 'Compliance Essentials' } } };
	const enrollment = (detail: object) => ({ status: 200, body: { data: detail } });

	test('ids only: user, course and enrollment calls fill email, name, course, score and time', async () => {
		const { source, calls } = docebo({
			'/manage/v1/user/13038': user,
			'/learn/v1/courses/30': course,
			'/learn/v1/enrollments/30/13038': enrollment({
				status: 'completed',
				course_complete_date: '2024-06-03 14:20:10',
				score: '87.5',
				time_spent: 5430,
			}),
		});
		const out = await enrichCompletion(event('docebo', '13038', '30'), source);
		expect(out).toMatchObject({
			learner: { id: '13038', email: 'm@example.com', name: 'Maria Rossi' },
			course: { id: '30', name: 'Compliance Essentials' },
			score: 87.5,
			maxScore: 100,
			scoreOriginal: { value: 87.5, min: 0, max: 100, text: '87.5' },
			timeSpentMinutes: 90.5,
			enrichment: { status: 'enriched', source: 'docebo api' },
		});
		expect(calls.every((c) => c.headers.Authorization === 'Bearer t-1')).toBe(true);
	});

	test('the enrollment detail may sit under data.records; a non-numeric score is not guessed', async () => {
		const { source } = docebo({
			'/manage/v1/user/13038': user,
			'/learn/v1/courses/30': course,
			'/learn/v1/enrollments/30/13038': enrollment({
				records: [{ status: 'completed', score: 'Pass' }],
			}),
		});
		const out = await enrichCompletion(event('docebo', '13038', '30'), source);
		expect(out.score).toBeUndefined();
		expect(out.enrichment).toMatchObject({
			status: 'enriched',
			fields: ['learner.email', 'learner.name', 'course.name'],
		});
	});

	test('an enrollment not completed in Docebo makes the lookup partial with the reason', async () => {
		const { source } = docebo({
			'/manage/v1/user/13038': user,
			'/learn/v1/courses/30': course,
			'/learn/v1/enrollments/30/13038': enrollment({
				status: 'in_progress',
				course_complete_date: null,
			}),
		});
		const out = await enrichCompletion(event('docebo', '13038', '30'), source);
		expect(out.enrichment).toMatchObject({
			status: 'partial',
			errors: [
				{ step: 'completion', message: expect.stringContaining('"in_progress", not completed') },
			],
		});
	});

	test('a 401 on a later step still fails the whole lookup (every call would fail)', async () => {
		const { source } = docebo({
			'/manage/v1/user/13038': user,
			'/learn/v1/courses/30': { status: 401, body: { error: 'invalid_token' } },
		});
		const out = await enrichCompletion(event('docebo', '13038', '30'), source);
		expect(out.enrichment).toMatchObject({
			status: 'failed',
			errors: [
				{ step: 'lookup', message: expect.stringContaining('check the client ID and secret') },
			],
		});
		expect(out.learner).toEqual({ id: '13038' });
	});

	test('an unknown user names the user id', async () => {
		const { source } = docebo({});
		const out = await enrichCompletion(event('docebo', '999', '30'), source);
		expect(out.enrichment?.errors?.[0].message).toMatch(
			/Docebo does not know user 999 \(HTTP 404\)/,
		);
	});
});
