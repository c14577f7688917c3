import type { z } from 'zod';

import { LedgerDecisionSchema, RecordDetailsSchemas } from '../../../nodes/core/domain/ledger';
import {
	AttendanceSignalSchema,
	CompletionEventSchema,
	CompletionRuleSetSchema,
	CreditDecisionSchema,
	CreditPolicySchema,
	DecisionSchema,
	ScheduleSchema,
	TEXT_LIMITS,
	type TextKind,
} from '../../../nodes/core/domain/model';
import { formatPath, type PathSegment } from '../../../nodes/core/domain/rules/issues';

const AT = '2026-05-14T13:00:00.000Z';
const HASH = 'a'.repeat(64);

const completion = {
	source: 'moodle',
	sourceEventId: '812',
	learner: { id: '57', email: 'ada@example.org', name: 'Ada Lovelace' },
	course: { id: '12', name: 'Ethics' },
	completedAt: AT,
	completedAtOriginal: '1717430400',
	scoreOriginal: { value: 85, min: 0, max: 100, text: '85 %' },
	modules: [{ id: 'm1', status: 'completed' }],
	prerequisites: [{ courseId: 'C-100', status: 'completed', name: 'Basics' }],
	enrichment: {
		status: 'failed',
		source: 'moodle web services',
		fields: [],
		errors: [{ step: 'lookup', message: 'timeout' }],
	},
};
const signal = {
	attendeeId: 'a-1',
	sessionId: 's-1',
	kind: 'poll_answer',
	at: AT,
	source: 'zoom_report',
	confidence: 1,
	segmentId: 'seg-1',
	pollId: 'poll-1',
	room: 'Hall A',
	candidateSessionIds: ['s-1'],
};
const schedule = {
	eventId: 'conf-2026',
	title: 'Conference',
	defaultPolicy: 'nasba',
	sessions: [
		{
			id: 's-1',
			title: 'Opening',
			start: '2026-05-14 09:00',
			end: '2026-05-14 10:00',
			timezone: 'UTC',
			creditPolicy: 'nasba',
			fieldOfStudy: 'Ethics',
			speaker: 'Grace Hopper',
			room: 'Hall A',
			programId: 'p-1',
			breaks: [{ start: '2026-05-14 09:30', end: '2026-05-14 09:35', label: 'Coffee' }],
		},
	],
};
const ruleSet = {
	id: 'rules-1',
	version: '1',
	description: 'Completion rules',
	courses: {
		C: {
			name: 'Ethics',
			requiredModules: ['m1'],
			prerequisites: ['C-100'],
			subjectiveCriteria: [{ id: 'capstone', label: 'Capstone' }],
		},
	},
};
const policy = { type: 'threshold', id: 'p-1', version: '1', description: 'Keynote', credits: '1' };
const reasons = [{ code: 'ALL_CRITERIA_MET', detail: 'score 92 >= 80' }];
const decision = {
	subject: { learnerId: '57', courseId: '12', source: 'moodle', businessKey: 'moodle|57|12|x' },
	outcome: 'verified',
	reasons,
	dataPoints: { note: 'text' },
	ruleSetId: 'rules-1',
	ruleVersion: '1',
	ruleHash: HASH,
	decidedAt: AT,
};
const creditDecision = {
	subject: { attendeeId: 'a-1', sessionId: 's-1', sessionIds: ['s-1'] },
	outcome: 'full_credit',
	credits: '1',
	maxCredits: '1',
	attendedMinutes: 50,
	contentMinutes: 50,
	attendedPercent: 100,
	deliveryMethod: 'group-live',
	fieldOfStudy: 'Ethics',
	windowsUsed: [{ sessionId: 's-1', start: AT, end: AT, sources: ['badge'] }],
	reasons,
	dataPoints: {},
	ruleSetId: 'p-1',
	ruleVersion: '1',
	ruleHash: HASH,
	decidedAt: AT,
};
const ledgerDecision = { ...decision, reasons: [{ code: 'ALL_CRITERIA_MET' }] };
const issued = { platform: 'accredible', externalId: 'cred-1', url: 'https://example.org/c/1' };

interface Case {
	title: string;
	schema: z.ZodTypeAny;
	valid: object;
	path: PathSegment[];
	kind: TextKind;
}
const fieldsOf = (
	name: string,
	schema: z.ZodTypeAny,
	valid: object,
	fields: Array<[PathSegment[], TextKind]>,
): Case[] =>
	fields.map(([path, kind]) => ({
		title: `${name}: ${formatPath(path)} (${kind})`,
		schema,
		valid,
		path,
		kind,
	}));

const CASES: Case[] = [
	...fieldsOf('completion event', CompletionEventSchema, completion, [
		[['source'], 'id'],
		[['sourceEventId'], 'id'],
		[['learner', 'id'], 'id'],
		[['learner', 'email'], 'email'],
		[['learner', 'name'], 'name'],
		[['course', 'id'], 'id'],
		[['course', 'name'], 'name'],
		[['completedAtOriginal'], 'text'],
		[['scoreOriginal', 'text'], 'text'],
		[['modules', 0, 'id'], 'id'],
		[['prerequisites', 0, 'courseId'], 'id'],
		[['prerequisites', 0, 'name'], 'name'],
		[['enrichment', 'source'], 'name'],
		[['enrichment', 'errors', 0, 'message'], 'text'],
	]),
	...fieldsOf('attendance signal', AttendanceSignalSchema, signal, [
		[['attendeeId'], 'id'],
		[['sessionId'], 'id'],
		[['source'], 'id'],
		[['segmentId'], 'id'],
		[['pollId'], 'id'],
		[['room'], 'name'],
		[['candidateSessionIds', 0], 'id'],
	]),
	...fieldsOf('schedule', ScheduleSchema, schedule, [
		[['eventId'], 'id'],
		[['title'], 'name'],
		[['defaultPolicy'], 'id'],
		[['timezone'], 'id'],
		[['sessions', 0, 'id'], 'id'],
		[['sessions', 0, 'title'], 'name'],
		[['sessions', 0, 'start'], 'id'],
		[['sessions', 0, 'creditPolicy'], 'id'],
		[['sessions', 0, 'fieldOfStudy'], 'name'],
		[['sessions', 0, 'speaker'], 'name'],
		[['sessions', 0, 'room'], 'name'],
		[['sessions', 0, 'programId'], 'id'],
		[['sessions', 0, 'breaks', 0, 'label'], 'name'],
	]),
	...fieldsOf('rule set', CompletionRuleSetSchema, ruleSet, [
		[['id'], 'id'],
		[['version'], 'id'],
		[['description'], 'text'],
		[['courses', 'C', 'name'], 'name'],
		[['courses', 'C', 'requiredModules', 0], 'id'],
		[['courses', 'C', 'prerequisites', 0], 'id'],
		[['courses', 'C', 'subjectiveCriteria', 0, 'id'], 'id'],
		[['courses', 'C', 'subjectiveCriteria', 0, 'label'], 'name'],
	]),
	...fieldsOf('credit policy', CreditPolicySchema, policy, [
		[['id'], 'id'],
		[['version'], 'id'],
		[['description'], 'text'],
		[['credits'], 'decimal'],
	]),
	...fieldsOf('decision', DecisionSchema, decision, [
		[['subject', 'learnerId'], 'id'],
		[['subject', 'courseId'], 'id'],
		[['subject', 'source'], 'id'],
		[['subject', 'businessKey'], 'businessKey'],
		[['reasons', 0, 'detail'], 'text'],
		[['dataPoints', 'note'], 'text'],
		[['ruleSetId'], 'id'],
		[['ruleVersion'], 'id'],
	]),
	...fieldsOf('credit decision', CreditDecisionSchema, creditDecision, [
		[['subject', 'attendeeId'], 'id'],
		[['subject', 'sessionId'], 'id'],
		[['subject', 'sessionIds', 0], 'id'],
		[['fieldOfStudy'], 'name'],
		[['windowsUsed', 0, 'sessionId'], 'id'],
		[['windowsUsed', 0, 'sources', 0], 'id'],
		[['ruleSetId'], 'id'],
		[['ruleVersion'], 'id'],
	]),
	...fieldsOf('ledger decision', LedgerDecisionSchema, ledgerDecision, [
		[['subject', 'learnerId'], 'id'],
		[['subject', 'courseId'], 'id'],
		[['outcome'], 'id'],
		[['ruleSetId'], 'id'],
		[['ruleVersion'], 'id'],
		[['reasons', 0, 'code'], 'id'],
	]),
	...fieldsOf('issued details', RecordDetailsSchemas.issued, issued, [
		[['platform'], 'id'],
		[['externalId'], 'id'],
		[['url'], 'url'],
	]),
];

/** A copy of `value` with `text` at `path`. */
function withText(value: object, path: PathSegment[], text: string): unknown {
	const copy = structuredClone(value) as Record<PathSegment, unknown>;
	let at = copy;
	for (const segment of path.slice(0, -1)) at = at[segment] as Record<PathSegment, unknown>;
	at[path[path.length - 1]] = text;
	return copy;
}

/** Text of `length` characters that is valid for the field apart from its length. */
function textOf(kind: TextKind, length: number): string {
	if (kind === 'url') return 'https://example.org/' + 'a'.repeat(length - 20);
	if (kind === 'decimal') return '1.' + '5'.repeat(length - 2);
	return 'A'.repeat(length);
}

/** Each issue as "path message", the way the nodes report it. */
function issuesOf(schema: z.ZodTypeAny, value: unknown): string[] {
	const result = schema.safeParse(value);
	return result.success
		? []
		: result.error.issues.map((issue) => `${formatPath(issue.path)} ${issue.message}`);
}

describe('text limits of the contracts', () => {
	it.each(CASES)('$title: the fixture is valid', ({ schema, valid }) => {
		expect(issuesOf(schema, valid)).toEqual([]);
	});

	it.each(CASES)('$title: refused past its limit, naming field and limit', (c) => {
		const limit = TEXT_LIMITS[c.kind];
		const over = issuesOf(c.schema, withText(c.valid, c.path, textOf(c.kind, limit + 1)));
		expect(over).toContain(
			`${formatPath(c.path)} is ${(limit + 1).toLocaleString('en-US')} characters long; the limit is ${limit.toLocaleString('en-US')}`,
		);
		const atLimit = issuesOf(c.schema, withText(c.valid, c.path, textOf(c.kind, limit)));
		expect(atLimit.filter((issue) => issue.includes('characters long'))).toEqual([]);
	});

	it('names a 4,200-character learner id the way an operator reads it', () => {
		const event = withText(completion, ['learner', 'id'], 'x'.repeat(4200));
		expect(issuesOf(CompletionEventSchema, event)).toEqual([
			'learner.id is 4,200 characters long; the limit is 256',
		]);
	});
});
