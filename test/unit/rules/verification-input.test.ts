import {
	parseVerificationInput,
	type VerificationInput,
	type VerificationInputParseResult,
} from '../../../nodes/core/domain/rules';

type Json = Record<string, unknown>;

function rawCompletion(overrides: Json = {}): Json {
	return {
		source: 'moodle',
		learner: { id: '57' },
		course: { id: 'C-101' },
		completedAt: '2024-06-03T16:00:00Z',
		...overrides,
	};
}

function valueOf(result: VerificationInputParseResult): VerificationInput {
	if (!result.ok) throw new Error(`expected a valid input: ${JSON.stringify(result.issues)}`);
	return result.value;
}

function issuesOf(result: VerificationInputParseResult) {
	if (result.ok) throw new Error('expected the input to be refused');
	return result.issues;
}

describe('parseVerificationInput: accepted shapes', () => {
	it('reads a canonical completion with all evidence', () => {
		const raw = rawCompletion({
			sourceEventId: 'evt-1',
			learner: { id: '57', email: 'ada@example.org', name: 'Ada Lovelace' },
			course: { id: 'C-101', name: 'Ethics' },
			score: 85,
			maxScore: 100,
			timeSpentMinutes: 62,
			modules: [{ id: 'm1', status: 'completed' }],
			recipientName: 'Ada Lovelace',
			prerequisites: [{ courseId: 'C-100', status: 'in_appeal' }],
			integrityHold: false,
			investigationActive: true,
			approvals: { capstone: 'approved' },
			raw: { anything: [1, 2] },
		});
		expect(valueOf(parseVerificationInput(raw))).toEqual({
			...raw,
			completedAt: '2024-06-03T16:00:00.000Z',
			completedAtOriginal: '2024-06-03T16:00:00Z',
		});
	});

	it.each<[string, Json, Partial<VerificationInput>]>([
		['score as a numeric string', { score: '85' }, { score: 85 }],
		['score with decimals as text', { score: '85.5' }, { score: 85.5 }],
		['score with spaces', { score: ' 85 ' }, { score: 85 }],
		['score 0', { score: 0 }, { score: 0 }],
		['maxScore as text', { maxScore: '20' }, { maxScore: 20 }],
		['timeSpentMinutes as text', { timeSpentMinutes: '45.25' }, { timeSpentMinutes: 45.25 }],
		['learner id as a number', { learner: { id: 57 } }, { learner: { id: '57' } }],
		['course id as a number', { course: { id: 12 } }, { course: { id: '12' } }],
		['sourceEventId as a number', { sourceEventId: 812 }, { sourceEventId: '812' }],
		['ids with spaces around', { learner: { id: ' 57 ' } }, { learner: { id: '57' } }],
		['integrityHold "true"', { integrityHold: 'true' }, { integrityHold: true }],
		['integrityHold "FALSE"', { integrityHold: 'FALSE' }, { integrityHold: false }],
		['investigationActive true', { investigationActive: true }, { investigationActive: true }],
		[
			'module status in another case',
			{ modules: [{ id: 7, status: 'Completed' }] },
			{ modules: [{ id: '7', status: 'completed' }] },
		],
		[
			'prerequisite course id as a number',
			{ prerequisites: [{ courseId: 100, status: 'IN_APPEAL' }] },
			{ prerequisites: [{ courseId: '100', status: 'in_appeal' }] },
		],
		[
			'approval in upper case',
			{ approvals: { capstone: 'APPROVED' } },
			{ approvals: { capstone: 'approved' } },
		],
	])('accepts %s', (_, change, expected) => {
		expect(valueOf(parseVerificationInput(rawCompletion(change)))).toMatchObject(expected);
	});

	it.each<[string, Json, string]>([
		['an empty score', { score: '' }, 'score'],
		['a null score', { score: null }, 'score'],
		['a blank maxScore', { maxScore: '  ' }, 'maxScore'],
		['an empty time', { timeSpentMinutes: '' }, 'timeSpentMinutes'],
		['an empty sourceEventId', { sourceEventId: '' }, 'sourceEventId'],
		['an empty recipient name', { recipientName: '' }, 'recipientName'],
		['an empty integrityHold', { integrityHold: '' }, 'integrityHold'],
		['null modules', { modules: null }, 'modules'],
		['empty approvals text', { approvals: '' }, 'approvals'],
	])('reads %s as absent', (_, change, field) => {
		const value = valueOf(parseVerificationInput(rawCompletion(change))) as Json;
		expect(field in value).toBe(false);
	});

	it('reads empty learner email and name as absent (Zoom sends "")', () => {
		const value = valueOf(
			parseVerificationInput(rawCompletion({ learner: { id: '57', email: '', name: ' ' } })),
		);
		expect(value.learner).toEqual({ id: '57' });
	});

	it('drops blank approval entries, which then count as no approval', () => {
		const value = valueOf(
			parseVerificationInput(rawCompletion({ approvals: { capstone: '', practical: 'pending' } })),
		);
		expect(value.approvals).toEqual({ practical: 'pending' });
	});

	it('ignores unknown top-level fields', () => {
		const value = valueOf(parseVerificationInput(rawCompletion({ percentage_completed: '100.0' })));
		expect('percentage_completed' in value).toBe(false);
	});

	it('is idempotent: parsing its own output gives the same value', () => {
		const first = valueOf(
			parseVerificationInput(rawCompletion({ completedAt: 1717430400, score: '85' })),
		);
		const second = valueOf(parseVerificationInput(first));
		expect(second).toEqual(first);
		expect(second.completedAtOriginal).toBe(1717430400);
	});
});

describe('parseVerificationInput: completedAt', () => {
	it.each<[string, string | number, string]>([
		['ISO with Z', '2024-06-03T16:00:00Z', '2024-06-03T16:00:00.000Z'],
		['ISO with milliseconds', '2024-06-03T16:00:00.250Z', '2024-06-03T16:00:00.250Z'],
		['ISO with +02:00', '2024-06-03T18:00:00+02:00', '2024-06-03T16:00:00.000Z'],
		['ISO with -05:00 crossing midnight', '2024-06-02T23:30:00-05:00', '2024-06-03T04:30:00.000Z'],
		['RFC 3339 with a space', '2024-06-03 18:00:00+02:00', '2024-06-03T16:00:00.000Z'],
		['epoch seconds (Moodle)', 1717430400, '2024-06-03T16:00:00.000Z'],
		['epoch seconds as text (TalentLMS)', '1717430400', '2024-06-03T16:00:00.000Z'],
		['epoch seconds with a fraction', 1717430400.5, '2024-06-03T16:00:00.500Z'],
		['epoch milliseconds', 1717430400123, '2024-06-03T16:00:00.123Z'],
		['epoch milliseconds as text', '1717430400000', '2024-06-03T16:00:00.000Z'],
	])('reads %s', (_, completedAt, utc) => {
		const value = valueOf(parseVerificationInput(rawCompletion({ completedAt })));
		expect(value.completedAt).toBe(utc);
		expect(value.completedAtOriginal).toBe(completedAt);
	});

	it.each<[string, unknown, RegExp]>([
		['missing', undefined, /^missing; expected the completion time/],
		['empty', '', /^received an empty string; expected the completion time/],
		[
			'a naive local time (Docebo)',
			'2024-06-03 16:00:00',
			/received "2024-06-03 16:00:00"; expected a time zone/,
		],
		['a date without time', '2024-06-03', /expected a time zone/],
		[
			'a localised date (TalentLMS)',
			'03/06/2024, 16:00:00',
			/received "03\/06\/2024, 16:00:00"; expected an ISO-8601 time/,
		],
		['text', 'yesterday', /received "yesterday"; expected an ISO-8601/],
		[
			'an impossible date',
			'2024-02-30T10:00:00Z',
			/received "2024-02-30T10:00:00Z"; expected an ISO-8601/,
		],
		['0 (Moodle "not completed")', 0, /received 0; expected a positive epoch time/],
		['a negative epoch', -5, /received -5; expected a positive epoch time/],
		['a boolean', true, /received true; expected the completion time/],
		['an object', { date: 'x' }, /received an object; expected the completion time/],
		['beyond year 9999', 1e17, /before the year 10000/],
	])('refuses %s at completedAt', (_, completedAt, message) => {
		const issues = issuesOf(parseVerificationInput(rawCompletion({ completedAt })));
		expect(issues).toEqual([{ path: 'completedAt', message: expect.stringMatching(message) }]);
	});
});

describe('parseVerificationInput: refused fields', () => {
	it.each<[string, Json, string, RegExp]>([
		['missing source', { source: undefined }, 'source', /^missing; expected the source name/],
		['blank source', { source: ' ' }, 'source', /expected the source name/],
		[
			'missing learner',
			{ learner: undefined },
			'learner.id',
			/^missing; expected the learner's id/,
		],
		[
			'missing learner id',
			{ learner: { email: 'a@b.c' } },
			'learner.id',
			/^missing; expected the learner's id/,
		],
		[
			'empty learner id',
			{ learner: { id: '' } },
			'learner.id',
			/received an empty string; expected the learner's id/,
		],
		['learner as text', { learner: '57' }, 'learner', /received "57"; expected an object/],
		['learner id as a boolean', { learner: { id: true } }, 'learner.id', /received true/],
		['missing course id', { course: {} }, 'course.id', /^missing; expected the course's id/],
		['course id as an object', { course: { id: { v: 1 } } }, 'course.id', /received an object/],
		['non-numeric score', { score: 'abc' }, 'score', /received "abc"; expected a number/],
		['score with a percent sign', { score: '85%' }, 'score', /received "85%"; expected a number/],
		['score with a decimal comma', { score: '85,5' }, 'score', /received "85,5"/],
		['score as a boolean', { score: true }, 'score', /received true; expected a number/],
		['negative score', { score: -1 }, 'score', /received -1; expected a number of at least 0/],
		['score NaN', { score: Number.NaN }, 'score', /received NaN/],
		['maxScore 0', { maxScore: 0 }, 'maxScore', /received 0; expected a number greater than 0/],
		[
			'negative maxScore as text',
			{ maxScore: '-10' },
			'maxScore',
			/received "-10"; expected a number greater than 0/,
		],
		[
			'negative time',
			{ timeSpentMinutes: -5 },
			'timeSpentMinutes',
			/received -5; expected a number of at least 0/,
		],
		[
			'time as words (TalentLMS total_time)',
			{ timeSpentMinutes: '3m 17s' },
			'timeSpentMinutes',
			/received "3m 17s"/,
		],
		[
			'integrityHold "yes"',
			{ integrityHold: 'yes' },
			'integrityHold',
			/received "yes"; expected true or false/,
		],
		[
			'integrityHold 1',
			{ investigationActive: 1 },
			'investigationActive',
			/received 1; expected true or false/,
		],
		[
			'modules as an object',
			{ modules: { m1: 'completed' } },
			'modules',
			/received an object; expected a list/,
		],
		[
			'module without id',
			{ modules: [{ id: 'm1', status: 'completed' }, { status: 'completed' }] },
			'modules[1].id',
			/^missing/,
		],
		[
			'unknown module status',
			{ modules: [{ id: 'm1', status: 'done' }] },
			'modules[0].status',
			/received "done"; expected one of "completed", "incomplete", "exempt"/,
		],
		[
			'unknown prerequisite status',
			{ prerequisites: [{ courseId: 'C-100', status: 'passed' }] },
			'prerequisites[0].status',
			/expected one of "completed", "in_appeal", "incomplete"/,
		],
		['approvals as a list', { approvals: ['capstone'] }, 'approvals', /expected an object/],
		[
			'unknown approval state',
			{ approvals: { capstone: 'maybe' } },
			'approvals.capstone',
			/received "maybe"; expected one of "approved", "rejected", "pending"/,
		],
		[
			'recipient name as a number',
			{ recipientName: 42 },
			'recipientName',
			/received 42; expected text/,
		],
		[
			'completedAtOriginal as an object',
			{ completedAtOriginal: {} },
			'completedAtOriginal',
			/expected text or a number/,
		],
	])('%s', (_, change, path, message) => {
		const issues = issuesOf(parseVerificationInput(rawCompletion(change)));
		expect(issues).toEqual([{ path, message: expect.stringMatching(message) }]);
	});

	it('reports all missing essentials at once', () => {
		const issues = issuesOf(parseVerificationInput({ learner: {}, course: {} }));
		expect(issues.map((issue) => issue.path)).toEqual([
			'source',
			'learner.id',
			'course.id',
			'completedAt',
		]);
	});

	it.each([
		['a list', []],
		['text', 'event'],
		['null', null],
	])('refuses %s as the whole input', (_, raw) => {
		const issues = issuesOf(parseVerificationInput(raw));
		expect(issues).toEqual([
			{
				path: '',
				message: expect.stringMatching(
					/expected an object with source, learner, course and completedAt/,
				),
			},
		]);
	});
});
