// The parallel-running agreement report: staff decisions against the automated ones the ledger
// recorded in the period.
import fc from 'fast-check';

import { isLedgerError, type LedgerEntry } from '../../../nodes/core/domain/ledger';
import {
	agreementReport,
	type StaffDecisionInput,
} from '../../../nodes/core/domain/ledger/agreement';
import { streamOf } from './support/metrics-ledger';

const PERIOD = { periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z' };
const IN_PERIOD = '2026-03-10T09:00:00.000Z';

type Outcome = 'verified' | 'needs_review' | 'not_eligible';

let seq = 0;
function decided(
	learnerId: string,
	outcome: Outcome,
	at = IN_PERIOD,
	courseId = 'C-1',
): LedgerEntry {
	seq += 1;
	return {
		seq,
		type: 'decided',
		key: `ik-${learnerId}-${seq}`,
		at,
		actor: 'test',
		keyId: 'k1',
		prevHash: '0'.repeat(64),
		hash: '0'.repeat(64),
		signature: 'sig',
		payload: {
			subject: { learnerId, courseId },
			outcome,
			reasons: [{ code: outcome === 'verified' ? 'ALL_CRITERIA_MET' : 'SCORE_BELOW_MINIMUM' }],
			dataPoints: { score: outcome === 'verified' ? 91 : 62 },
			ruleSetId: 'rules',
			ruleVersion: '4',
			ruleHash: 'a'.repeat(64),
			decidedAt: at,
		},
	};
}

const staffRow = (learnerId: string, decision: string, row: number): StaffDecisionInput => ({
	learnerId,
	courseId: 'C-1',
	decision,
	source: `CSV row ${row}`,
});

describe('agreement report', () => {
	it('counts exactly the disagreements planted among 1,000 decisions', async () => {
		const entries: LedgerEntry[] = [];
		const staff: StaffDecisionInput[] = [];
		const planted = { falsePositives: [] as string[], falseNegatives: [] as string[] };
		for (let i = 0; i < 1000; i++) {
			const learner = `L-${i}`;
			let automated: Outcome | 'none' =
				i % 10 === 3 ? 'not_eligible' : i % 25 === 7 ? 'needs_review' : 'verified';
			if (i % 97 === 0) automated = 'none';
			if (automated !== 'none') entries.push(decided(learner, automated));
			let staffIssues = automated === 'verified';
			if (i % 143 === 5) staffIssues = !staffIssues; // planted: flips whatever automation did
			if (i % 211 === 11) staffIssues = true; // planted: staff issued whatever automation did
			const disagrees = staffIssues !== (automated === 'verified');
			if (disagrees) (staffIssues ? planted.falseNegatives : planted.falsePositives).push(learner);
			staff.push(staffRow(learner, staffIssues ? (i % 2 ? 'Approved' : 'yes') : 'refused', i + 2));
		}
		// Outside the period, and for a course nobody reviewed: neither changes the comparison.
		entries.unshift(decided('L-0', 'verified', '2026-02-27T09:00:00.000Z'));
		entries.push(decided('L-999', 'verified', '2026-04-02T09:00:00.000Z'));
		entries.push(decided('L-5000', 'verified', IN_PERIOD, 'C-9'));
		const report = await agreementReport(streamOf(entries), staff, PERIOD);

		expect(planted.falsePositives.length).toBeGreaterThan(0);
		expect(planted.falseNegatives.length).toBeGreaterThan(0);
		expect(report).toMatchObject({
			total: 1000,
			falsePositives: planted.falsePositives.length,
			falseNegatives: planted.falseNegatives.length,
			disagreements: planted.falsePositives.length + planted.falseNegatives.length,
			automatedWithoutStaffDecision: 1,
		});
		const listed = (kind: string) =>
			report.disagreementList.filter((d) => d.kind === kind).map((d) => d.learnerId);
		expect(listed('false_positive')).toEqual(planted.falsePositives);
		expect(listed('false_negative')).toEqual(planted.falseNegatives);
		expect(report.metrics.agreement.value).toBe(
			Math.round((100 * (1000 - report.disagreements) * 100) / 1000) / 100,
		);
	});

	it('shows both decisions, the reasons and data points, and what to do about a miss', async () => {
		const entries = [decided('L-1', 'verified'), decided('L-2', 'not_eligible')];
		const staff = [staffRow('L-1', 'no', 2), staffRow('L-2', 'issue', 3)];
		const report = await agreementReport(streamOf(entries), staff, PERIOD);
		expect(report.disagreementList[0]).toEqual({
			kind: 'false_positive',
			learnerId: 'L-1',
			courseId: 'C-1',
			source: 'CSV row 2',
			staffDecision: 'refuse',
			staffValue: 'no',
			automated: expect.objectContaining({
				outcome: 'verified',
				wouldIssue: true,
				reasons: [{ code: 'ALL_CRITERIA_MET' }],
				dataPoints: { score: 91 },
				ruleVersion: '4',
			}),
		});
		expect(report.disagreementList[1]).toMatchObject({
			kind: 'false_negative',
			staffDecision: 'issue',
			automated: { outcome: 'not_eligible', dataPoints: { score: 62 } },
		});
		expect(report.metrics.agreement).toMatchObject({
			value: 0,
			target: { op: '>', value: 98 },
			status: 'breach',
			ifMissed: 'Review the disagreements and adjust the rules.',
		});
		expect(report.metrics.falsePositiveRate).toMatchObject({
			value: 50,
			ifMissed: expect.stringMatching(/^Halt/),
		});
		expect(report.status).toBe('breach');
	});

	it('the latest automated decision in the period is the one compared', async () => {
		const entries = [
			decided('L-1', 'needs_review'),
			decided('L-1', 'verified', '2026-03-11T09:00:00.000Z'),
		];
		const report = await agreementReport(streamOf(entries), [staffRow('L-1', 'issued', 2)], PERIOD);
		expect(report).toMatchObject({ total: 1, agreements: 1, disagreements: 0, status: 'ok' });
	});

	it('refuses unreadable rows, naming each row and field, and duplicate pairs', async () => {
		const staff = [
			staffRow('L-1', 'maybe', 2),
			{ learnerId: '', courseId: 'C-1', decision: 'yes', source: 'item 1' },
			staffRow('L-3', 'yes', 4),
			staffRow('L-3', 'no', 5),
		];
		const error = await agreementReport(streamOf([]), staff, PERIOD).catch((e: unknown) => e);
		expect(isLedgerError(error, 'invalid_input')).toBe(true);
		expect((error as Error).message).toMatch(
			/^Invalid staff decisions: CSV row 2\.decision: received "maybe"; expected issue \(issue, issued, yes/,
		);
		const paths = (error as { issues: Array<{ path: string; message: string }> }).issues;
		expect(paths.map((issue) => issue.path)).toEqual([
			'CSV row 2.decision',
			'item 1.learner',
			'CSV row 5.learner',
		]);
		expect(paths[2].message).toMatch(/repeats learner "L-3" and course "C-1" of CSV row 4/);
	});

	it('agreements + disagreements = total, and false positives + negatives = disagreements', async () => {
		const outcome = fc.constantFrom<Outcome | 'none'>(
			'verified',
			'needs_review',
			'not_eligible',
			'none',
		);
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.record({ automated: outcome, staffIssues: fc.boolean() }), { maxLength: 60 }),
				async (rows) => {
					const entries = rows.flatMap((row, i) =>
						row.automated === 'none' ? [] : [decided(`L-${i}`, row.automated)],
					);
					const staff = rows.map((row, i) => staffRow(`L-${i}`, row.staffIssues ? 'yes' : 'no', i));
					const report = await agreementReport(streamOf(entries), staff, PERIOD);
					const wouldIssue = (row: (typeof rows)[number]) => row.automated === 'verified';
					expect(report.agreements + report.disagreements).toBe(report.total);
					expect(report.total).toBe(rows.length);
					expect(report.falsePositives + report.falseNegatives).toBe(report.disagreements);
					expect(report.falsePositives).toBe(
						rows.filter((r) => wouldIssue(r) && !r.staffIssues).length,
					);
					expect(report.falseNegatives).toBe(
						rows.filter((r) => !wouldIssue(r) && r.staffIssues).length,
					);
					expect(report.disagreementList).toHaveLength(report.disagreements);
				},
			),
			{ numRuns: 200 },
		);
	});
});
