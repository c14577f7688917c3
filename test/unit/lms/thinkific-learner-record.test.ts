// "Add Learner Details" for Thinkific: the Admin API's enrollment (user_name, user_email,
// course_name) and user, asked only when a delivery lacks them. Thinkific has no score:
// percentage_completed (0..1) is progress and must not turn into one.
import { enrichCompletion, ThinkificLearnerRecordSource } from '../../../nodes/core/integrations/lms';
import type { CompletionEvent } from '../../../nodes/core/domain/model/completion-event';
import { createAxiosTransport } from '../../support/axios-transport';
import type {
	HttpRequest,
	HttpTransport,
} from '../../../nodes/core/integrations/platforms/transport/http-transport';
import { TransportFailure } from '../../../nodes/core/integrations/platforms/transport/http-transport';
import { start, type LmsSimHandle } from '../../simulators/lms';
import { THINKIFIC_API_KEY, THINKIFIC_SUBDOMAIN } from '../../simulators/lms/sample-data';

const event = (extra: Partial<CompletionEvent> = {}): CompletionEvent => ({
	source: 'thinkific',
	learner: { id: '95' },
	course: { id: '101' },
	completedAt: '2024-06-03T14:20:10.000Z',
	...extra,
});

/** Admin API EnrollmentResponse fields (facts §4.5). */
const ENROLLMENT = {
	id: 7,
	user_email: 'ana@example.com',
	user_name: 'Ana Lima',
	user_id: 95,
	course_name: 'Workplace Safety Fundamentals',
	course_id: 101,
	percentage_completed: 1.0,
	expired: false,
	is_free_trial: false,
	completed: true,
	completed_at: '2024-06-03T14:20:10.000Z',
};

function fakeThinkific(routes: Record<string, { status: number; body?: unknown }>) {
	const requests: HttpRequest[] = [];
	const transport: HttpTransport = async (request) => {
		requests.push(request);
		const path = new URL(request.url).pathname.replace('/api/public/v1', '');
		const reply = routes[path] ?? { status: 404, body: { error: 'Record not found' } };
		return { status: reply.status, headers: {}, body: reply.body };
	};
	const source = new ThinkificLearnerRecordSource({
		transport,
		baseUrl: 'https://api.thinkific.com/',
	});
	return { source, requests };
}

const listOf = (items: unknown[]) => ({
	status: 200,
	body: { items, meta: { pagination: { current_page: 1 } } },
});

describe('Thinkific learner record (fake Admin API)', () => {
	test('fills name, email and course name from the enrollment, and no score', async () => {
		const { source, requests } = fakeThinkific({ '/enrollments': listOf([ENROLLMENT]) });
		const enriched = await enrichCompletion(event(), source);
		expect(enriched).toMatchObject({
			learner: { id: '95', email: 'ana@example.com', name: 'Ana Lima' },
			course: { id: '101', name: 'Workplace Safety Fundamentals' },
			enrichment: {
				status: 'enriched',
				source: 'thinkific admin api',
				fields: ['learner.email', 'learner.name', 'course.name'],
			},
		});
		for (const field of [
			'score',
			'maxScore',
			'scoreOriginal',
			'timeSpentMinutes',
			'prerequisites',
		]) {
			expect(enriched).not.toHaveProperty(field);
		}
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: 'https://api.thinkific.com/api/public/v1/enrollments',
			qs: { 'query[user_id]': '95', 'query[course_id]': '101' },
		});
	});

	test('asks GET /users/{id} when the enrollment lacks the name', async () => {
		const { source, requests } = fakeThinkific({
			'/enrollments': listOf([{ ...ENROLLMENT, user_name: '' }]),
			'/users/95': {
				status: 200,
				body: { id: 95, email: 'ana@example.com', first_name: 'Ana', last_name: 'Lima' },
			},
		});
		expect(await source.fetch(event())).toEqual({
			learner: { email: 'ana@example.com', name: 'Ana Lima' },
			course: { name: 'Workplace Safety Fundamentals' },
		});
		expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
			'/api/public/v1/enrollments',
			'/api/public/v1/users/95',
		]);
	});

	test('a delivery that already names learner and course costs no request', async () => {
		const { source, requests } = fakeThinkific({});
		const enriched = await enrichCompletion(
			event({ learner: { id: '95', email: 'a@b.c', name: 'A' }, course: { id: '101', name: 'C' } }),
			source,
		);
		expect(requests).toEqual([]);
		expect(enriched.enrichment).toEqual({
			status: 'enriched',
			source: 'thinkific admin api',
			fields: [],
		});
	});

	test('no enrollment found: a step error, the user lookup still fills the learner (partial)', async () => {
		const { source } = fakeThinkific({
			'/enrollments': listOf([]),
			'/users/95': {
				status: 200,
				body: { id: 95, email: 'ana@example.com', full_name: 'Ana Lima' },
			},
		});
		const enriched = await enrichCompletion(event(), source);
		expect(enriched.learner).toEqual({ id: '95', email: 'ana@example.com', name: 'Ana Lima' });
		expect(enriched.enrichment).toMatchObject({
			status: 'partial',
			errors: [
				{ step: 'enrollment', message: 'Thinkific has no enrollment of user 95 in course 101' },
			],
		});
	});

	test('a 401 fails the whole lookup with the credential fix; the event is still emitted', async () => {
		const { source } = fakeThinkific({
			'/enrollments': { status: 401, body: { error: 'Unauthorized' } },
		});
		const enriched = await enrichCompletion(event(), source);
		expect(enriched.enrichment).toEqual({
			status: 'failed',
			source: 'thinkific admin api',
			fields: [],
			errors: [
				{
					step: 'lookup',
					message:
						'Thinkific refused the API key (HTTP 401: Unauthorized): check the API key and subdomain in the Thinkific API credential (a 401 can also mean the plan has no API access)',
				},
			],
		});
	});

	test('429 and unreachable are reported with what to do', async () => {
		const limited = fakeThinkific({
			'/enrollments': { status: 429, body: { error: 'Too many requests' } },
		});
		expect(
			(await limited.source.fetch(event({ learner: { id: '95', email: 'a@b.c', name: 'A' } })))
				.errors,
		).toEqual([{ step: 'enrollment', message: expect.stringContaining('120 requests a minute') }]);
		const down = new ThinkificLearnerRecordSource({
			transport: async () => {
				throw new TransportFailure('network', 'connection failed (ECONNREFUSED)', 'ECONNREFUSED');
			},
			baseUrl: 'http://127.0.0.1:9',
		});
		await expect(down.fetch(event())).rejects.toThrow(
			'Could not reach Thinkific (connection failed (ECONNREFUSED)): check the Base URL',
		);
	});
});

describe('Thinkific learner record against the simulator', () => {
	let sims: LmsSimHandle;
	beforeAll(async () => {
		sims = await start({ port: 0 });
	});
	afterAll(async () => {
		await sims.stop();
	});

	test('reads the seeded enrollment through the Admin API with the key headers', async () => {
		await fetch(`${sims.urls.thinkific}/__control/seed`, {
			method: 'POST',
			body: JSON.stringify({
				enrollments: [{ userId: 95, courseId: 101, completedAt: '2024-06-03T14:20:10.000Z' }],
			}),
		});
		const transport: HttpTransport = (request) =>
			createAxiosTransport()({
				...request,
				headers: {
					...request.headers,
					'X-Auth-API-Key': THINKIFIC_API_KEY,
					'X-Auth-Subdomain': THINKIFIC_SUBDOMAIN,
				},
			});
		const record = await new ThinkificLearnerRecordSource({
			transport,
			baseUrl: sims.urls.thinkific,
		}).fetch(event());
		expect(record).toEqual({
			learner: { email: 'ana@example.com', name: 'Ana Lima' },
			course: { name: 'Workplace Safety Fundamentals' },
		});
	});
});
