// Per-item behaviour: what a decision carries, errors that name the item and the field,
// continue-on-fail routing, and item pairing across many items in one run.
import type { IDataObject } from 'n8n-workflow';

import {
	completionEvent,
	countItems,
	decisionOf,
	isDataObject,
	OUTPUT,
	pairedIndex,
	runVerifyCompletion,
	type Branch,
} from '../support/verify-completion';

const verifiedEvent = completionEvent({ course: { id: 'SCORE-ONLY' }, score: 90 });
const notEligibleEvent = completionEvent({
	learner: { id: '58' },
	course: { id: 'SCORE-ONLY' },
	score: 50,
});

describe('Verify Completion: the decision on each item', () => {
	test('keeps the input fields and adds subject, rule identity and decision time', async () => {
		const before = Date.now();
		const run = await runVerifyCompletion({ items: [{ ...verifiedEvent, crmContactId: 'c-77' }] });
		const item = run.itemFor(0);
		const decision = decisionOf(item);
		expect(item?.json).toMatchObject({
			crmContactId: 'c-77',
			score: 90,
			learner: { id: '57', name: 'Ana Lima' },
		});
		expect(decision.subject).toEqual({
			learnerId: '57',
			courseId: 'SCORE-ONLY',
			source: 'moodle',
			businessKey: 'moodle|57|SCORE-ONLY|2024-06-03T16:00:00Z',
		});
		expect(decision.ruleSetId).toBe('node-test-rules');
		const decidedAt = Date.parse(decision.decidedAt);
		expect(decidedAt).toBeGreaterThanOrEqual(before - 1000);
		expect(decidedAt).toBeLessThanOrEqual(Date.now() + 1000);
		expect(decision.reasons.every((reason) => reason.detail.length > 0)).toBe(true);
	});

	test('the Put Decision in Field option moves the decision', async () => {
		const run = await runVerifyCompletion({
			items: [verifiedEvent],
			parameters: { options: { decisionField: 'verification' } },
		});
		const item = run.itemFor(0);
		expect(decisionOf(item, 'verification').outcome).toBe('verified');
		expect(item?.json).not.toHaveProperty('decision');
	});
});

interface BadItemCase {
	name: string;
	event: IDataObject;
	field: string;
}

const badItems: BadItemCase[] = [
	{ name: 'negative score', event: completionEvent({ score: -1 }), field: 'score' },
	{ name: 'score in words', event: completionEvent({ score: 'ninety' }), field: 'score' },
	{
		name: 'time without an offset',
		event: completionEvent({ completedAt: '2024-06-03 16:00:00' }),
		field: 'completedAt',
	},
	{ name: 'no source', event: completionEvent({ source: undefined }), field: 'source' },
	{
		name: 'no learner id',
		event: completionEvent({ learner: { name: 'Ana Lima' } }),
		field: 'learner.id',
	},
	{
		name: 'unknown module status',
		event: completionEvent({
			modules: [
				{ id: 'a', status: 'completed' },
				{ id: 'b', status: 'done' },
			],
		}),
		field: 'modules[1].status',
	},
	{
		name: 'unknown prerequisite status',
		event: completionEvent({ prerequisites: [{ courseId: 'SAFE-100', status: 'passed' }] }),
		field: 'prerequisites[0].status',
	},
	{
		name: 'unknown approval state',
		event: completionEvent({ approvals: { capstone: 'yes' } }),
		field: 'approvals.capstone',
	},
	{
		name: 'integrity hold not a boolean',
		event: completionEvent({ integrityHold: 'maybe' }),
		field: 'integrityHold',
	},
];

const errorText = (value: unknown): string => {
	if (typeof value === 'string') return value;
	if (isDataObject(value) && typeof value.message === 'string') return value.message;
	return JSON.stringify(value);
};

describe('Verify Completion: a bad item', () => {
	test.each(badItems)(
		'$name fails the node naming the item and "$field"',
		async ({ event, field }) => {
			const run = await runVerifyCompletion({ items: [verifiedEvent, notEligibleEvent, event] });
			expect(run.status).toBe('error');
			expect(run.error?.message).toContain('Item 2');
			expect(run.error?.message).toContain(field);
			expect(countItems(run.outputs)).toBe(0);
		},
	);

	test.each(badItems)(
		'$name with continueRegularOutput goes to Needs Review with the error',
		async ({ event, field }) => {
			const run = await runVerifyCompletion({
				items: [verifiedEvent, event, notEligibleEvent],
				settings: { onError: 'continueRegularOutput' },
			});
			expect(run.status).toBe('success');
			expect(run.branchOf(0)).toBe('verified');
			expect(run.branchOf(1)).toBe('needs_review');
			expect(run.branchOf(2)).toBe('not_eligible');
			const failed = errorText(run.itemFor(1)?.json.error);
			expect(failed).toContain('Item 1');
			expect(failed).toContain(field);
			expect(run.outputs[OUTPUT.verified].map(pairedIndex)).toEqual([0]);
		},
	);

	test('with continueErrorOutput n8n routes the failed item to the error output', async () => {
		const run = await runVerifyCompletion({
			items: [verifiedEvent, completionEvent({ score: -1 }), notEligibleEvent],
			settings: { onError: 'continueErrorOutput' },
		});
		expect(run.outputs).toHaveLength(4);
		expect(run.branchOf(0)).toBe('verified');
		expect(run.branchOf(1)).toBe('error');
		expect(run.branchOf(2)).toBe('not_eligible');
		expect(errorText(run.itemFor(1)?.json.error)).toContain('score');
		expect(run.outputs[OUTPUT.needs_review]).toEqual([]);
	});
});

describe('Verify Completion: many items in one run', () => {
	// Cycle through events with known outcomes so every output gets items from all over the batch.
	const patterns: Array<{ branch: Branch; event: (learnerId: string) => IDataObject }> = [
		{ branch: 'verified', event: (id) => completionEvent({ learner: { id }, score: 95 }) },
		{ branch: 'needs_review', event: (id) => completionEvent({ learner: { id }, score: 79 }) },
		{ branch: 'not_eligible', event: (id) => completionEvent({ learner: { id }, score: 12 }) },
		{
			branch: 'needs_review',
			event: (id) => completionEvent({ learner: { id }, course: { id: 'CHEM-999' } }),
		},
		{
			branch: 'verified',
			event: (id) =>
				completionEvent({ learner: { id }, course: { id: 'TIME-ONLY' }, timeSpentMinutes: 90 }),
		},
	];
	const size = 150;
	const expected = Array.from(
		{ length: size },
		(_, index) => patterns[(index * 7) % patterns.length],
	);
	const items = expected.map((pattern, index) => pattern.event(`learner-${index}`));

	test(`${size} items keep their pairing and land on their own branch`, async () => {
		const run = await runVerifyCompletion({ items });
		expect(run.error).toBeUndefined();
		expect(countItems(run.outputs)).toBe(size);
		for (const [branch, outputIndex] of Object.entries(OUTPUT)) {
			for (const item of run.outputs[outputIndex] ?? []) {
				const index = pairedIndex(item);
				if (index === undefined)
					throw new Error(`unpaired item on ${branch}: ${JSON.stringify(item.json)}`);
				expect(branch).toBe(expected[index].branch);
				expect(decisionOf(item).subject.learnerId).toBe(`learner-${index}`);
			}
		}
		const paired = run.outputs.flat().map(pairedIndex);
		expect(new Set(paired).size).toBe(size);
	});
});
