// "Add Learner Details" for TalentLMS API v1: time on task from total_time ("1h 3m 17s"), the
// course test's score ("85.00%") and, when missing, name and email. Errors arrive as
// {"error":{"type","message"}} and become sentences with the fix.
import {
	enrichCompletion,
	parseTalentLmsDuration,
	TalentLmsLearnerRecordSource,
} from '../../../nodes/core/integrations/lms';
import type { CompletionEvent } from '../../../nodes/core/domain/model/completion-event';
import { createAxiosTransport } from '../../support/axios-transport';
import type {
	HttpRequest,
	HttpTransport,
} from '../../../nodes/core/integrations/platforms/transport/http-transport';
import { start, type LmsSimHandle } from '../../simulators/lms';
import { TALENTLMS_API_KEY } from '../../simulators/lms/sample-data';

describe('parseTalentLmsDuration', () => {
	test.each([
		['0s', 0],
		['3m 17s', 3.28],
		['1h 3m 17s', 63.28],
		['2h', 120],
		['45m', 45],
		['1h3m17s', 63.28],
		[' 1H 0M 30S ', 60.5],
		['1d 2h', 1560],
	])('%j is %d minutes', (text, minutes) => {
		expect(parseTalentLmsDuration(text)).toBe(minutes);
	});

	test.each([
		[''],
		['   '],
		['1:03:17'],
		['3 minutes'],
		['1h 1h'],
		['-3m'],
		['3.5h'],
		[null],
		[undefined],
		[75],
	])('%j is not read as a duration', (text) => {
		expect(parseTalentLmsDuration(text)).toBeUndefined();
	});
});

const event = (extra: Partial<CompletionEvent> = {}): CompletionEvent => ({
	source: 'talentlms',
	learner: { id: '40457', email: 'john.smith@example.org', name: 'John Smith' },
	course: { id: '348', name: 'Compliance 101' },
	completedAt: '2020-08-23T05:58:53.000Z',
	...extra,
});

/** The getuserstatusincourse example of the facts sheet (§5.2), with a test unit added. */
const STATUS = {
	role: 'learner',
	enrolled_on: '25/12/2019, 03:58:40',
	enrolled_on_timestamp: '1577246320',
	completion_status: 'Completed',
	completion_percentage: '100',
	completed_on: '25/12/2019, 03:58:50',
	completed_on_timestamp: '1577246330',
	expired_on: '',
	expired_on_timestamp: null,
	total_time: '1h 3m 17s',
	units: [
		{
			id: '3163',
			name: 'Introduction',
			type: 'SCORM | xAPI | cmi5',
			completion_status: 'Completed',
			score: '',
			total_time: '0s',
		},
		{
			id: '3165',
			name: 'Final test',
			type: 'Test',
			completion_status: 'Completed',
			score: '85.00%',
			total_time: '0s',
		},
	],
};

function fakeTalentLms(routes: Record<string, { status: number; body: unknown }>) {
	const requests: HttpRequest[] = [];
	const transport: HttpTransport = async (request) => {
		requests.push(request);
		const path = new URL(request.url).pathname.replace('/api/v1/', '');
		const reply = routes[path] ?? {
			status: 404,
			body: { error: { type: 'invalid_request_error', message: 'Not found' } },
		};
		return { status: reply.status, headers: {}, body: reply.body };
	};
	return {
		source: new TalentLmsLearnerRecordSource({ transport, baseUrl: 'https://acme.talentlms.com' }),
		requests,
	};
}

const ok = (body: unknown) => ({ status: 200, body });

describe('TalentLMS learner record (fake API v1)', () => {
	test('time on task and the test score, both with their originals', async () => {
		const { source, requests } = fakeTalentLms({
			'getuserstatusincourse/course_id:348,user_id:40457': ok(STATUS),
			'gettestanswers/test_id:3165,user_id:40457': ok({
				score: '85.00%',
				completion_status: 'Passed',
			}),
		});
		const enriched = await enrichCompletion(event(), source);
		expect(enriched).toMatchObject({
			timeSpentMinutes: 63.28,
			score: 85,
			maxScore: 100,
			scoreOriginal: { value: 85, min: 0, max: 100, text: '85.00%' },
			enrichment: {
				status: 'enriched',
				source: 'talentlms api v1',
				fields: ['score', 'timeSpentMinutes'],
			},
		});
		expect(requests.map((r) => r.url)).toEqual([
			'https://acme.talentlms.com/api/v1/getuserstatusincourse/course_id:348,user_id:40457',
			'https://acme.talentlms.com/api/v1/gettestanswers/test_id:3165,user_id:40457',
		]);
	});

	test('a course without one test unit gets no score (none is guessed)', async () => {
		const twoTests = { ...STATUS, units: [STATUS.units[1], { ...STATUS.units[1], id: '3166' }] };
		const { source, requests } = fakeTalentLms({
			'getuserstatusincourse/course_id:348,user_id:40457': ok(twoTests),
		});
		const record = await source.fetch(event());
		expect(record).toEqual({ timeSpentMinutes: 63.28 });
		expect(requests).toHaveLength(1);
	});

	test('name and email are asked only when the timeline event lacks them', async () => {
		const { source } = fakeTalentLms({
			'getuserstatusincourse/course_id:348,user_id:40457': ok({ ...STATUS, units: [] }),
			'users/id:40457': ok({
				id: '40457',
				email: 'john.smith@example.org',
				first_name: 'John',
				last_name: 'Smith',
			}),
		});
		expect(await source.fetch(event({ learner: { id: '40457' } }))).toEqual({
			timeSpentMinutes: 63.28,
			learner: { email: 'john.smith@example.org', name: 'John Smith' },
		});
	});

	test('an error body on one call is a step error with TalentLMS message and type (partial)', async () => {
		const { source } = fakeTalentLms({
			'getuserstatusincourse/course_id:348,user_id:40457': ok(STATUS),
			'gettestanswers/test_id:3165,user_id:40457': {
				status: 404,
				body: {
					error: {
						type: 'invalid_request_error',
						message: 'The requested user has not completed this test',
					},
				},
			},
		});
		const enriched = await enrichCompletion(event(), source);
		expect(enriched.enrichment).toEqual({
			status: 'partial',
			source: 'talentlms api v1',
			fields: ['timeSpentMinutes'],
			errors: [
				{
					step: 'score',
					message:
						'TalentLMS refused gettestanswers: The requested user has not completed this test (HTTP 404, invalid_request_error)',
				},
			],
		});
	});

	test('a refused key fails the whole lookup with the fix; the event is still emitted', async () => {
		const { source } = fakeTalentLms({
			'getuserstatusincourse/course_id:348,user_id:40457': {
				status: 401,
				body: { error: { type: 'authentication_error', message: 'Invalid API key provided' } },
			},
		});
		const enriched = await enrichCompletion(event(), source);
		expect(enriched.enrichment?.status).toBe('failed');
		expect(enriched.enrichment?.errors?.[0].message).toBe(
			'TalentLMS refused getuserstatusincourse: Invalid API key provided (HTTP 401, authentication_error). Check the API key in the TalentLMS credential and that the API is enabled for the account',
		);
	});

	test('a total_time that is no duration is reported, not read as zero', async () => {
		const { source } = fakeTalentLms({
			'getuserstatusincourse/course_id:348,user_id:40457': ok({
				...STATUS,
				total_time: '01:03:17',
				units: [],
			}),
		});
		const record = await source.fetch(event());
		expect(record.timeSpentMinutes).toBeUndefined();
		expect(record.errors).toEqual([
			{ step: 'status', message: expect.stringContaining('"01:03:17"') },
		]);
	});

	test('ids that would break the path encoding are refused before any call', async () => {
		const { source, requests } = fakeTalentLms({});
		await expect(source.fetch(event({ course: { id: '348,user_id:1' } }))).rejects.toThrow(
			'cannot be sent to TalentLMS',
		);
		expect(requests).toEqual([]);
	});
});

describe('TalentLMS learner record against the simulator', () => {
	let sims: LmsSimHandle;
	beforeAll(async () => {
		sims = await start({ port: 0 });
	});
	afterAll(async () => {
		await sims.stop();
	});
	const source = (apiKey = TALENTLMS_API_KEY) =>
		new TalentLmsLearnerRecordSource({
			transport: (request) =>
				createAxiosTransport()({
					...request,
					headers: {
						...request.headers,
						Authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`,
					},
				}),
			baseUrl: sims.urls.talentlms,
		});

	test('status and test answers through Basic auth and path parameters', async () => {
		expect(await source().fetch(event())).toEqual({
			timeSpentMinutes: 63.28,
			score: {
				score: 85,
				maxScore: 100,
				scoreOriginal: { value: 85, min: 0, max: 100, text: '85.00%' },
			},
		});
		expect(await source().fetch(event({ course: { id: '349' } }))).toEqual({
			timeSpentMinutes: 3.28,
		});
	});

	test('a learner outside the course and a wrong key', async () => {
		const record = await source().fetch(
			event({ learner: { id: '99999', email: 'x@y.z', name: 'X' } }),
		);
		expect(record.errors).toEqual([
			{ step: 'status', message: expect.stringContaining('not enrolled in the course (HTTP 404') },
		]);
		await expect(source('wrong-key-123').fetch(event())).rejects.toThrow(
			/Invalid API key provided.*Check the API key/,
		);
	});
});
