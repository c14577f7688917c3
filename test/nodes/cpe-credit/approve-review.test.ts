// CPE Credit → Approve Review in the real engine, as template 06 wires it: an attendee of the
// Needs Review output, with the review desk's settings beside it, gets the credit the reviewer
// entered (the sessions in review on the certificate lines), and a refused amount leaves on the
// error output with the reason, paired with the attendee, so the reviewer can be asked again.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	ATTENDANCE_TYPE,
	CPE_CREDIT_TYPE,
	IDENTITY_MAP,
	NEEDS_REVIEW,
	POLICIES,
	SCHEDULE,
	cpeFixture,
	inputItems,
} from '../support/cpe';
import { runWorkflow, type WorkflowNodeJson } from '../support/run-workflow';

const node = (
	name: string,
	type: string,
	parameters: INodeParameters,
	x: number,
	more: Partial<WorkflowNodeJson> = {},
): WorkflowNodeJson => ({
	name,
	type,
	typeVersion: type === 'n8n-nodes-base.set' ? 3.4 : 1,
	position: [x, 0],
	parameters,
	...more,
});

const link = (to: string) => [{ node: to, type: 'main' as const, index: 0 }];

async function approve(credits: (attendee: IDataObject) => string) {
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', {}, 0),
		node(
			'Attendance',
			ATTENDANCE_TYPE,
			{ schedule: SCHEDULE, evidenceInput: 'binary', options: { identityMap: IDENTITY_MAP } },
			200,
			// The fixture has two bad rows on purpose; they go to Not Used.
			{ onError: 'continueRegularOutput' },
		),
		node(
			'CPE Credit',
			CPE_CREDIT_TYPE,
			{ policySource: 'json', policies: POLICIES, decisionOutput: 'attendee' },
			400,
		),
		node(
			'Review Desk',
			'n8n-nodes-base.set',
			{
				mode: 'raw',
				jsonOutput: `={{ { ...$json, reviewDesk: { reviewerEmail: 'desk@example.org' }, entered: (${credits.toString()})($json) } }}`,
				options: {},
			},
			600,
		),
		node(
			'Apply Reviewed Credits',
			CPE_CREDIT_TYPE,
			{ resource: 'credit', operation: 'approveReview', reviewCredits: '={{ $json.entered }}' },
			800,
			{ onError: 'continueErrorOutput' },
		),
		node('Approved', 'n8n-nodes-base.noOp', {}, 1000),
		node('Ask Again', 'n8n-nodes-base.noOp', {}, 1000),
	];
	const run = await runWorkflow(
		{
			name: 'approve review',
			nodes,
			connections: {
				Start: { main: [link('Attendance')] },
				Attendance: { main: [link('CPE Credit')] },
				'CPE Credit': { main: [[], link('Review Desk'), []] },
				'Review Desk': { main: [link('Apply Reviewed Credits')] },
				'Apply Reviewed Credits': { main: [link('Approved'), link('Ask Again')] },
			},
		},
		{ pinData: { Start: inputItems([{ files: { data: cpeFixture('badge-scans.csv') } }]) } },
	);
	expect(run.error).toBeUndefined();
	const inReview = run.outputs['CPE Credit'][NEEDS_REVIEW];
	expect(inReview.length).toBeGreaterThan(0);
	const out = (name: string): INodeExecutionData[] => run.outputs[name]?.[0] ?? [];
	return { inReview, approved: out('Approved'), askAgain: out('Ask Again') };
}

type Line = { sessionId: string; credits: string };
type InReview = { sessionId: string; review?: { maxCredits: string } };
// Tenths, added as integers: independent of the code under test.
const tenths = (credits: string) => Math.round(Number(credits) * 10);

describe('CPE Credit → Approve Review', () => {
	test('each attendee gets the amount entered: the sessions in review at their maximum', async () => {
		const full = (attendee: IDataObject) => {
			const add = (attendee.uncreditedSessions as InReview[])
				.filter((s) => s.review)
				.reduce((sum, s) => sum + Math.round(Number(s.review!.maxCredits) * 10), 0);
			return String((Math.round(Number(attendee.credits) * 10) + add) / 10);
		};
		const { inReview, approved, askAgain } = await approve(full);
		expect(askAgain).toEqual([]);
		expect(approved).toHaveLength(inReview.length);
		for (const [index, item] of approved.entries()) {
			const before = inReview[index].json;
			const reviewed = (before.uncreditedSessions as InReview[]).filter((s) => s.review);
			expect(item.json.credits).toBe(full(before));
			expect(item.json.creditApproval).toEqual({
				credits: full(before),
				computedCredits: before.credits,
			});
			const lines = item.json.sessionCredits as Line[];
			expect(lines.map((l) => l.sessionId)).toEqual([
				...(before.sessionCredits as Line[]).map((l) => l.sessionId),
				...reviewed.map((s) => s.sessionId),
			]);
			expect(lines.reduce((sum, l) => sum + tenths(l.credits), 0)).toBe(
				tenths(String(item.json.credits)),
			);
			expect((item.json.reviewDesk as IDataObject).reviewerEmail).toBe('desk@example.org');
		}
	});

	// n8n keeps only `error` on an error-output item; its pairing leads back to the attendee.
	test('a refused amount goes to the error output with the reason, paired with its attendee', async () => {
		const { inReview, approved, askAgain } = await approve(() => '1.2.3');
		expect(approved).toEqual([]);
		expect(askAgain).toHaveLength(inReview.length);
		for (const [index, item] of askAgain.entries()) {
			expect(item.json.error).toMatch(
				/^Credits "1\.2\.3" is not a number of credits: enter credits as a decimal number such as 2\.4 \(a point, no unit\), or leave Credits empty for the computed \d/,
			);
			expect(item.pairedItem).toMatchObject({ item: index });
		}
	});
});
