// "Map Fields" input: every field comes from an n8n expression over whatever the previous node
// produced, here a Moodle course_completed event enriched with grade and activity data.
import type { INodeParameters } from 'n8n-workflow';

import {
	countItems,
	decisionOf,
	isDataObject,
	readJsonFixture,
	reasonCodes,
	runVerifyCompletion,
} from '../support/verify-completion';

const moodleEvent = readJsonFixture('completions/moodle-course-completed.json');

/** The mapping an operator would write for Moodle's flat event plus an enrichment step. */
const moodleMapping: INodeParameters = {
	inputMode: 'mapFields',
	source: 'moodle',
	learnerId: '={{ $json.relateduserid }}',
	learnerName: '={{ $json.enrichment.fullname }}',
	learnerEmail: '={{ $json.enrichment.email }}',
	courseId: '={{ $json.courseid }}',
	courseName: '={{ $json.enrichment.coursename }}',
	completedAt: '={{ $json.timecreated }}',
	score: '={{ $json.enrichment.finalgrade }}',
	maxScore: '={{ $json.enrichment.grademax }}',
	timeSpentMinutes: '={{ $json.enrichment.minutesspent }}',
	evidence: {
		recipientName: '={{ $json.enrichment.fullname }}',
		modules:
			"={{ $json.enrichment.activities.map(a => ({ id: a.cmid, status: a.state === 1 ? 'completed' : 'incomplete' })) }}",
		sourceEventId: '={{ $json.objectid }}',
	},
};

const withEvidence = (evidence: INodeParameters): INodeParameters => ({
	...moodleMapping,
	evidence: { ...(moodleMapping.evidence as INodeParameters), ...evidence },
});

const moodleFor = (learnerId: number, overrides: Record<string, unknown> = {}) => {
	const enrichment = isDataObject(moodleEvent.enrichment) ? moodleEvent.enrichment : {};
	return { ...moodleEvent, relateduserid: learnerId, enrichment: { ...enrichment, ...overrides } };
};

describe('Verify Completion: Map Fields', () => {
	test('a Moodle event mapped with expressions is judged like a completion event', async () => {
		const run = await runVerifyCompletion({ items: [moodleEvent], parameters: moodleMapping });
		expect(run.error).toBeUndefined();
		expect(run.branchOf(0)).toBe('verified');
		const item = run.itemFor(0);
		expect([...reasonCodes(item)].sort()).toEqual(
			['ALL_CRITERIA_MET', 'IDENTITY_MATCH', 'MODULES_COMPLETE', 'SCORE_MET', 'TIME_MET'].sort(),
		);
		const decision = decisionOf(item);
		// Numeric ids become text, Unix seconds become UTC, 43.5 of 50 becomes 87 percent.
		expect(decision.subject).toEqual({
			learnerId: '57',
			courseId: '12',
			source: 'moodle',
			businessKey: 'moodle|57|12|2024-06-03T16:00:00Z',
		});
		expect(decision.dataPoints).toMatchObject({ scorePercent: 87 });
		// The original payload stays on the item for later nodes.
		expect(item?.json).toMatchObject({
			eventname: '\\core\\event\\course_completed',
			relateduserid: 57,
		});
	});

	test('each item is mapped from its own data', async () => {
		const items = [
			moodleFor(57),
			moodleFor(58, { finalgrade: '39.5', grademax: '50' }),
			moodleFor(59, { finalgrade: '20', grademax: '50' }),
			moodleFor(60, { minutesspent: 60 }),
		];
		const run = await runVerifyCompletion({ items, parameters: moodleMapping });
		expect(countItems(run.outputs)).toBe(items.length);
		expect([0, 1, 2, 3].map((index) => run.branchOf(index))).toEqual([
			'verified',
			'needs_review',
			'not_eligible',
			'needs_review',
		]);
		expect([0, 1, 2, 3].map((index) => decisionOf(run.itemFor(index)).subject.learnerId)).toEqual([
			'57',
			'58',
			'59',
			'60',
		]);
		expect(reasonCodes(run.itemFor(1))).toContain('SCORE_NEAR_THRESHOLD');
		expect(reasonCodes(run.itemFor(3))).toContain('TIME_AT_MINIMUM');
	});

	test('an incomplete activity found by the module expression refuses the completion', async () => {
		const activities = [
			{ cmid: 'introduction', state: 1 },
			{ cmid: 'final-quiz', state: 0 },
		];
		const run = await runVerifyCompletion({
			items: [moodleFor(57, { activities })],
			parameters: moodleMapping,
		});
		expect(run.branchOf(0)).toBe('not_eligible');
		expect(reasonCodes(run.itemFor(0))).toContain('MODULES_INCOMPLETE');
	});

	test('evidence given as JSON text and as booleans from expressions', async () => {
		const parameters = withEvidence({
			modules: JSON.stringify([
				{ id: 'introduction', status: 'completed' },
				{ id: 'final-quiz', status: 'exempt' },
			]),
			integrityHold: '={{ $json.anonymous === 0 }}',
			investigationActive: false,
		});
		const run = await runVerifyCompletion({ items: [moodleEvent], parameters });
		expect(run.branchOf(0)).toBe('needs_review');
		expect(reasonCodes(run.itemFor(0))).toEqual(
			expect.arrayContaining(['MODULE_EXEMPT', 'INTEGRITY_HOLD']),
		);
		expect(reasonCodes(run.itemFor(0))).not.toContain('INVESTIGATION_ACTIVE');
	});

	test('prerequisites and approvals from expressions reach their checks', async () => {
		const parameters: INodeParameters = {
			...withEvidence({
				prerequisites: "={{ [{ courseId: 'SAFE-100', status: 'in_appeal' }] }}",
				approvals: "={{ { capstone: 'pending' } }}",
			}),
			courseId: 'FULL',
		};
		const run = await runVerifyCompletion({ items: [moodleEvent], parameters });
		expect(run.branchOf(0)).toBe('needs_review');
		expect(reasonCodes(run.itemFor(0))).toEqual(
			expect.arrayContaining(['PREREQUISITE_IN_APPEAL', 'APPROVAL_PENDING']),
		);
	});

	test('invalid JSON in an evidence field names the item and the field', async () => {
		const parameters = withEvidence({ modules: '[{"id": "introduction", "status": ' });
		const run = await runVerifyCompletion({ items: [moodleEvent], parameters });
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('Item 0');
		expect(run.error?.message).toContain('modules');
	});

	test('a mapping that finds nothing names the item and the missing field', async () => {
		const items = [moodleEvent, { ...moodleEvent, relateduserid: undefined }];
		const run = await runVerifyCompletion({ items, parameters: moodleMapping });
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('Item 1');
		expect(run.error?.message).toContain('learner.id');
	});
});
