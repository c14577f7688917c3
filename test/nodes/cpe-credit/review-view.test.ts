// CPE Credit → Report → Review View in the real engine: every Needs Review item, per attendee
// (evidence read from its file) or per session (evidence on the item), gets a view a reviewer
// reads in an email (text) or on an n8n Form page (HTML); the item and its files go on unchanged
// so the ledger can record the review and the reviewer's decision.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	attendanceNode,
	cpeFixture,
	creditNode,
	IDENTITY_MAP,
	inputItems,
	NEEDS_REVIEW,
	out,
	pairedIndexes,
	reportNode,
	runChain,
} from '../support/cpe';

const badge = () => inputItems([{ files: { data: cpeFixture('badge-scans.csv') } }]);
const attendance = attendanceNode(
	{ evidenceInput: 'binary', options: { identityMap: IDENTITY_MAP, includeRaw: true } },
	{ onError: 'continueRegularOutput' },
);
const reviewNode = { ...reportNode('reviewView'), from: NEEDS_REVIEW };

async function reviewed(decisionOutput: string) {
	const run = await runChain(badge(), [attendance, creditNode({ decisionOutput }), reviewNode]);
	if (run.status !== 'success') throw new Error(run.error?.message);
	return { inReview: out(run, 'CPE Credit', NEEDS_REVIEW), views: out(run, 'Report') };
}
const viewOf = (item: INodeExecutionData) =>
	item.json.review as { title: string; text: string; html: string; sessionsInReview: string[] };

describe('CPE Credit: Review View', () => {
	test('per attendee: one view per item in review, read from its evidence file', async () => {
		const { inReview, views } = await reviewed('attendee');
		expect(inReview.length).toBeGreaterThan(0);
		expect(views).toHaveLength(inReview.length);
		views.forEach((item, index) => {
			const subject = item.json.subject as IDataObject;
			const view = viewOf(item);
			expect(view.title).toContain(`CPE review: ${String(subject.attendeeId)}`);
			expect(view.title).toContain('event SPRING-CPE-2026');
			const pending = (item.json.uncreditedSessions as IDataObject[])
				.filter((s) => s.outcome === 'needs_review')
				.map((s) => s.sessionId);
			expect(view.sessionsInReview).toEqual(pending);
			for (const reason of item.json.reasons as Array<{ code: string }>)
				expect(view.text).toContain(reason.code);
			expect(view.text).toMatch(/Source signals \([1-9]\d*\):/);
			// The rest of the item and its evidence file go on for the ledger.
			expect(item.json.evidenceDigest).toBe(inReview[index].json.evidenceDigest);
			expect(item.binary?.evidence).toBeDefined();
			expect(pairedIndexes(item)).toEqual([index]);
		});
	});

	test('per session: the evidence the decision item carries', async () => {
		const { inReview, views } = await reviewed('session');
		expect(views).toHaveLength(inReview.length);
		for (const item of views) {
			const view = viewOf(item);
			const subject = item.json.subject as IDataObject;
			expect(view.sessionsInReview).toEqual([subject.sessionId]);
			expect(view.text).toContain(`In review: ${String(subject.sessionId)}`);
			expect(view.html).toContain('<table>');
		}
	});

	test('an item that is neither a decision nor a roll-up with its file is refused, naming it', async () => {
		const run = await runChain(inputItems([{ json: { attendee: 'ada@example.com' } }]), [
			reportNode('reviewView'),
		]);
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^Item 0 is not a credit decision: field "/);
	});

	test('an evidence file that is not the one the item names is refused', async () => {
		const run = await runChain(
			inputItems([
				{
					json: { subject: { attendeeId: 'ada@example.com' }, evidenceDigest: '0'.repeat(64) },
					files: { evidence: '{"decisions": [], "signals": []}' },
				},
			]),
			[reportNode('reviewView')],
		);
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(
			`Item 0: the evidence file (binary "evidence") does not match the item's evidenceDigest`,
		);
	});
});
