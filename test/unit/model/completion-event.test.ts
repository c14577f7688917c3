import {
	CompletionEventSchema,
	completionBusinessKey,
	DecisionSchema,
	parseIsoInstant,
	UtcTimestampSchema,
	type CompletionEvent,
} from '../../../nodes/core/domain/model';

const event: CompletionEvent = {
	source: 'moodle',
	sourceEventId: '812',
	learner: { id: '57' },
	course: { id: '12' },
	completedAt: '2024-06-03T16:00:00.000Z',
	completedAtOriginal: 1717430400,
};

describe('parseIsoInstant', () => {
	it.each([
		['2024-06-03T16:00:00Z', '2024-06-03T16:00:00.000Z'],
		['2024-06-03T16:00:00.123Z', '2024-06-03T16:00:00.123Z'],
		['2024-06-03T16:00:00.123456Z', '2024-06-03T16:00:00.123Z'],
		['2024-06-03T16:00Z', '2024-06-03T16:00:00.000Z'],
		['2024-06-03t16:00:00z', '2024-06-03T16:00:00.000Z'],
		['2024-06-03 18:00:00+02:00', '2024-06-03T16:00:00.000Z'],
		['2024-06-03T18:00:00+0200', '2024-06-03T16:00:00.000Z'],
		['2024-06-03T18:00:00+02', '2024-06-03T16:00:00.000Z'],
		['2024-06-03T11:30:00-04:30', '2024-06-03T16:00:00.000Z'],
		['2024-06-04T01:30:00+09:30', '2024-06-03T16:00:00.000Z'],
		['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
		['  2024-06-03T16:00:00Z  ', '2024-06-03T16:00:00.000Z'],
	])('reads %j as %s', (text, utc) => {
		const millis = parseIsoInstant(text);
		expect(millis).toBeDefined();
		expect(new Date(millis as number).toISOString()).toBe(utc);
	});

	it.each([
		['a naive local time', '2024-06-03T16:00:00'],
		['a naive Docebo time', '2024-06-03 16:00:00'],
		['a date only', '2024-06-03'],
		['Feb 30', '2024-02-30T00:00:00Z'],
		['Feb 29 in a common year', '2023-02-29T00:00:00Z'],
		['month 13', '2024-13-01T00:00:00Z'],
		['hour 24', '2024-06-03T24:00:00Z'],
		['second 60', '2024-06-03T23:59:60Z'],
		['a year before 1970', '1969-12-31T23:59:59Z'],
		['a localised format', '03/06/2024, 16:00:00'],
		['text', 'yesterday'],
	])('refuses %s', (_, text) => {
		expect(parseIsoInstant(text)).toBeUndefined();
	});
});

describe('CompletionEventSchema', () => {
	it('accepts a canonical event', () => {
		expect(CompletionEventSchema.parse(event)).toEqual(event);
	});

	it.each([
		['an offset instead of Z', '2024-06-03T18:00:00+02:00'],
		['an impossible date', '2024-02-30T00:00:00.000Z'],
		['epoch seconds', 1717430400],
	])('refuses completedAt with %s (the parser normalises first)', (_, completedAt) => {
		expect(CompletionEventSchema.safeParse({ ...event, completedAt }).success).toBe(false);
	});

	it.each([
		['maxScore 0', { maxScore: 0 }],
		['a negative score', { score: -1 }],
		['negative time', { timeSpentMinutes: -1 }],
		['an empty learner id', { learner: { id: '' } }],
		['an unknown module status', { modules: [{ id: 'm1', status: 'done' }] }],
	])('refuses %s', (_, change) => {
		expect(CompletionEventSchema.safeParse({ ...event, ...change }).success).toBe(false);
	});

	it('keeps the UTC timestamp schema to real instants', () => {
		expect(UtcTimestampSchema.safeParse('2024-06-03T16:00:00Z').success).toBe(true);
		expect(UtcTimestampSchema.safeParse('2024-06-31T16:00:00Z').success).toBe(false);
	});
});

describe('completionBusinessKey', () => {
	it('is source|learnerId|courseId|completedAtUTC', () => {
		expect(completionBusinessKey(event)).toBe('moodle|57|12|2024-06-03T16:00:00Z');
	});

	it('ignores the delivery id, so a re-sent completion has the same key', () => {
		const resent = { ...event, sourceEventId: '9999' };
		expect(completionBusinessKey(resent)).toBe(completionBusinessKey(event));
	});

	it.each([
		['an offset form of the same instant', '2024-06-03T18:00:00+02:00'],
		['sub-second precision', '2024-06-03T16:00:00.734Z'],
		['no milliseconds', '2024-06-03T16:00:00Z'],
	])('gives the same key for %s', (_, completedAt) => {
		expect(completionBusinessKey({ ...event, completedAt })).toBe(completionBusinessKey(event));
	});

	it.each([
		['another second', { completedAt: '2024-06-03T16:00:01.000Z' }],
		['another learner', { learner: { id: '58' } }],
		['another course', { course: { id: '13' } }],
		['another source', { source: 'canvas' }],
		['an id differing only in case', { learner: { id: 'A7' } }],
	])('changes with %s', (_, change) => {
		const base = { ...event, learner: { id: 'a7' } };
		expect(completionBusinessKey({ ...base, ...change })).not.toBe(completionBusinessKey(base));
	});

	it('normalises the source name case and spaces', () => {
		expect(completionBusinessKey({ ...event, source: ' Moodle ' })).toBe(
			completionBusinessKey(event),
		);
	});

	it('escapes separators so keys stay unambiguous', () => {
		const one = completionBusinessKey({ ...event, learner: { id: 'a|b' }, course: { id: 'c' } });
		const two = completionBusinessKey({ ...event, learner: { id: 'a' }, course: { id: 'b|c' } });
		expect(one).toBe('moodle|a\\|b|c|2024-06-03T16:00:00Z');
		expect(one).not.toBe(two);
		expect(completionBusinessKey({ ...event, learner: { id: 'x\\' } })).toBe(
			'moodle|x\\\\|12|2024-06-03T16:00:00Z',
		);
	});

	it('throws on a completion time without a time zone', () => {
		expect(() => completionBusinessKey({ ...event, completedAt: '2024-06-03 16:00:00' })).toThrow(
			TypeError,
		);
	});
});

describe('DecisionSchema', () => {
	const decision = {
		subject: {
			learnerId: '57',
			courseId: '12',
			source: 'moodle',
			businessKey: 'moodle|57|12|2024-06-03T16:00:00Z',
		},
		outcome: 'verified',
		reasons: [{ code: 'ALL_CRITERIA_MET', detail: 'ok' }],
		dataPoints: {
			scorePercent: 85,
			requiredModules: ['m1'],
			identityChecked: false,
			timeSpentMinutes: null,
		},
		ruleSetId: 'acme',
		ruleVersion: '2026.1',
		ruleHash: 'a'.repeat(64),
		decidedAt: '2026-03-01T12:00:00.000Z',
	};

	it('accepts a well-formed decision', () => {
		expect(DecisionSchema.parse(decision)).toEqual(decision);
	});

	it.each([
		['an unknown outcome', { outcome: 'maybe' }],
		['no reasons', { reasons: [] }],
		['a lower-case reason code', { reasons: [{ code: 'score_met', detail: '' }] }],
		['a short hash', { ruleHash: 'abc' }],
		['a nested object data point', { dataPoints: { learner: { name: 'x' } } }],
		['a local decidedAt', { decidedAt: '2026-03-01T12:00:00' }],
	])('refuses %s', (_, change) => {
		expect(DecisionSchema.safeParse({ ...decision, ...change }).success).toBe(false);
	});
});
