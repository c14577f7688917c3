import {
	normaliseCanvas,
	normaliseDocebo,
	normaliseMoodle,
	normaliseTeachable,
	normaliseThinkific,
	parseMoodleBody,
} from '../../../nodes/core/integrations/lms';
import { moodle } from '../../simulators/lms/webhook-sender';
import { fixture } from './fixtures';

/** What a normaliser returns for a body that holds exactly one completion. */
const accepted = (businessKey: string, event: object) => ({
	ok: true,
	completions: [{ businessKey, event }],
});

describe('Thinkific enrollment.completed', () => {
	const { json } = fixture('thinkific-enrollment-completed.json');

	it('becomes one exact CompletionEvent, raw kept', () => {
		expect(normaliseThinkific(json)).toEqual(
			accepted('thinkific|94|68|2019-02-01T00:18:10Z', {
				source: 'thinkific',
				sourceEventId: '20190131191810790022472',
				learner: { id: '94', email: 'john@doe.com', name: 'John Doe' },
				course: { id: '68', name: 'Intro to Widgets' },
				completedAt: '2019-02-01T00:18:10.767Z',
				completedAtOriginal: '2019-02-01T00:18:10.767Z',
				raw: json,
			}),
		);
	});

	it('refuses a 100,000-character course name, naming the field and the limit', () => {
		const payload = json as { payload: { course: object } };
		const long = {
			...payload,
			payload: { ...payload.payload, course: { id: 68, name: 'W'.repeat(100_000) } },
		};
		expect(normaliseThinkific(long)).toMatchObject({
			ok: false,
			field: 'course.name',
			message: 'Field "course.name" is 100,000 characters long; the limit is 512',
		});
	});

	it('a re-delivery under a new id keeps the business key', () => {
		const again = normaliseThinkific({ ...json, id: '20190131191810790099999' });
		const first = normaliseThinkific(json);
		expect(again.ok && first.ok && again.completions[0].businessKey).toBe(
			first.ok && first.completions[0].businessKey,
		);
	});

	it.each([
		[{ ...json, action: 'progress' }, 'unknown_event', 'resource'],
		[{ ...json, payload: undefined }, 'missing_field', 'payload'],
		[
			{ ...json, payload: { ...(json.payload as object), user: { email: 'x@y.z' } } },
			'missing_field',
			'payload.user.id',
		],
		[
			{ ...json, payload: { ...(json.payload as object), user: { id: { n: 1 } } } },
			'wrong_type',
			'payload.user.id',
		],
		[
			{ ...json, payload: { ...(json.payload as object), completed_at: '2019-02-01 00:18:10' } },
			'wrong_type',
			'payload.completed_at',
		],
		[[json], 'wrong_type', '(body)'],
	])('refuses bad input with a typed reason (%#)', (body, reason, field) => {
		expect(normaliseThinkific(body)).toMatchObject({ ok: false, reason, field });
	});
});

describe('Teachable Enrollment.completed', () => {
	const { json } = fixture('teachable-enrollment-completed.json');
	const expected = {
		businessKey: 'teachable|1001|42|2024-06-03T14:20:10Z',
		event: {
			source: 'teachable',
			sourceEventId: '9876543',
			learner: { id: '1001', email: 'ada@example.com', name: 'Ada Lovelace' },
			course: { id: '42', name: 'Intro to Analytics' },
			completedAt: '2024-06-03T14:20:10.000Z',
			completedAtOriginal: '2024-06-03T14:20:10Z',
			raw: json,
		},
	};

	it('reads the object form and the array-wrapped form alike', () => {
		expect(normaliseTeachable(json)).toEqual({ ok: true, completions: [expected] });
		expect(normaliseTeachable([json])).toEqual({ ok: true, completions: [expected] });
	});

	it('names the element and field at fault in an array', () => {
		expect(normaliseTeachable([json, { ...json, type: 'Sale.created' }])).toMatchObject({
			ok: false,
			reason: 'unknown_event',
			field: '1.type',
		});
		expect(normaliseTeachable([])).toMatchObject({ ok: false, reason: 'empty_body' });
	});
});

describe('Docebo course.enrollment.completed', () => {
	const { json } = fixture('docebo-enrollment-completed.json');

	it('reads the naive date as UTC and keeps the original', () => {
		expect(normaliseDocebo(json)).toEqual(
			accepted('docebo|13038|30|2024-06-03T14:20:10Z', {
				source: 'docebo',
				sourceEventId: 'wh-8c1f0e2a-0001',
				learner: { id: '13038' },
				course: { id: '30' },
				completedAt: '2024-06-03T14:20:10.000Z',
				completedAtOriginal: '2024-06-03 14:20:10',
				raw: json,
			}),
		);
	});

	it('splits a batch of payloads into one event each, up to 25', () => {
		const payload = json.payload as Record<string, unknown>;
		const payloads = Array.from({ length: 25 }, (_, i) => ({ ...payload, user_id: 100 + i }));
		const result = normaliseDocebo({ ...json, payload: undefined, payloads });
		expect(result.ok && result.completions.map((c) => c.event.learner.id)).toEqual(
			payloads.map((p) => String(p.user_id)),
		);
		expect(result.ok && result.completions[3].event.sourceEventId).toBe('wh-8c1f0e2a-0001#3');
		expect(normaliseDocebo({ ...json, payloads: [...payloads, payload] })).toMatchObject({
			ok: false,
			field: 'payloads',
		});
		expect(
			normaliseDocebo({ ...json, payloads: [payload, { ...payload, user_id: undefined }] }),
		).toMatchObject({ ok: false, reason: 'missing_field', field: 'payloads.1.user_id' });
	});

	it('refuses other events and impossible dates', () => {
		expect(normaliseDocebo({ ...json, event: 'course.enrollment.updated' })).toMatchObject({
			reason: 'unknown_event',
		});
		const payload = { ...(json.payload as object), completion_date: '2024-02-30 10:00:00' };
		expect(normaliseDocebo({ ...json, payload })).toMatchObject({
			reason: 'wrong_type',
			field: 'payload.completion_date',
		});
	});
});

describe('Moodle course_completed (local_webhooks)', () => {
	const { json } = fixture('moodle-course-completed.json');
	const { token: _token, ...withoutToken } = json;

	it('takes the learner from relateduserid, never userid, and drops the token', () => {
		expect(normaliseMoodle(json)).toEqual(
			accepted('moodle|57|12|2024-06-03T16:00:00Z', {
				source: 'moodle',
				sourceEventId: 'course_completions:812',
				learner: { id: '57' },
				course: { id: '12' },
				completedAt: '2024-06-03T16:00:00.000Z',
				completedAtOriginal: 1717430400,
				raw: withoutToken,
			}),
		);
	});

	it('reads the form-encoded variant to the same completion', () => {
		const delivery = moodle(withoutToken, { token: 's3cr3t-shared-token', form: true });
		const parsed = parseMoodleBody(delivery.body, delivery.headers['content-type']);
		expect(parsed.ok).toBe(true);
		const result = parsed.ok ? normaliseMoodle(parsed.value) : parsed;
		expect(result.ok && result.completions[0].businessKey).toBe(
			'moodle|57|12|2024-06-03T16:00:00Z',
		);
		expect(result.ok && result.completions[0].event.completedAtOriginal).toBe(1717430400);
	});

	it.each([
		[{ ...json, eventname: '\\core\\event\\user_loggedin' }, 'unknown_event', 'eventname'],
		[{ ...json, relateduserid: undefined, other: {} }, 'missing_field', 'relateduserid'],
		[{ ...json, timecreated: 'yesterday' }, 'wrong_type', 'timecreated'],
	])('refuses bad input (%#)', (body, reason, field) => {
		expect(normaliseMoodle(body)).toMatchObject({ ok: false, reason, field });
	});

	it('refuses malformed JSON with a typed result', () => {
		expect(parseMoodleBody('{"eventname":', 'application/json')).toMatchObject({
			ok: false,
			reason: 'malformed_json',
		});
	});
});

describe('Canvas course_completed live event', () => {
	const { json } = fixture('canvas-course-completed.json');

	it('uses the local body ids, not the global metadata ids', () => {
		expect(normaliseCanvas(json)).toEqual(
			accepted('canvas|123|565|2019-11-05T13:38:00Z', {
				source: 'canvas',
				sourceEventId: '1dd9dc6f-2fb0-4c19-a6c5-7ee1bf3ed295',
				learner: { id: '123', email: 'inewton@example.com', name: 'Isaac Newton' },
				course: { id: '565', name: 'Computer Science I' },
				completedAt: '2019-11-05T13:38:00.218Z',
				completedAtOriginal: '2019-11-05T13:38:00.218Z',
				raw: json,
			}),
		);
	});

	it('refuses course_progress (completed_at null) and non-live-event bodies', () => {
		const metadata = { ...(json.metadata as object), event_name: 'course_progress' };
		expect(normaliseCanvas({ ...json, metadata })).toMatchObject({ reason: 'unknown_event' });
		const body = json.body as Record<string, object>;
		const progress = { ...body.progress, completed_at: null };
		expect(normaliseCanvas({ ...json, body: { ...body, progress } })).toMatchObject({
			reason: 'missing_field',
			field: 'body.progress.completed_at',
		});
		expect(normaliseCanvas({ hello: 1 })).toMatchObject({
			reason: 'missing_field',
			field: 'metadata',
		});
	});
});

// Field list from the facts sheet (course_grade_change.json); the values are made up.
describe('Canvas course_grade_change live event (when asked for)', () => {
	const { json } = fixture('canvas-course-grade-change.json');

	it('is refused unless the trigger asks for grade changes, saying how', () => {
		expect(normaliseCanvas(json)).toMatchObject({
			ok: false,
			reason: 'unknown_event',
			message: expect.stringContaining('Include Course Grade Changes'),
		});
	});

	it('becomes one event with the final score on 0-100 and the time the grade changed', () => {
		expect(normaliseCanvas(json, { gradeChanges: true })).toEqual(
			accepted('canvas|124|566|2019-11-06T09:12:03Z', {
				source: 'canvas',
				sourceEventId: '7b1d2a40-5c3e-4f7e-9a51-0c2f3d4e5a61',
				learner: { id: '124' },
				course: { id: '566' },
				completedAt: '2019-11-06T09:12:03.000Z',
				completedAtOriginal: '2019-11-06T09:12:03Z',
				score: 86.4,
				maxScore: 100,
				scoreOriginal: { value: 86.4, min: 0, max: 100 },
				raw: json,
			}),
		);
	});

	it('keeps a removed grade (null) as an event without a score, and names missing fields', () => {
		const body = json.body as Record<string, unknown>;
		const removed = normaliseCanvas(
			{ ...json, body: { ...body, final_score: null } },
			{ gradeChanges: true },
		);
		expect(removed.ok && removed.completions[0].event.score).toBeUndefined();
		const { user_id: _dropped, ...withoutUser } = body;
		expect(normaliseCanvas({ ...json, body: withoutUser }, { gradeChanges: true })).toMatchObject({
			reason: 'missing_field',
			field: 'body.user_id',
		});
	});
});
