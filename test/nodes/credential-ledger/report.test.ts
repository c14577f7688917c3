// Report operations inside n8n: Get Metrics answers one item per group with each figure judged
// against the playbook, Get Agreement With Staff compares staff decisions (items or a CSV file)
// with the decisions the ledger recorded.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	ISSUED_PARAMS,
	RESERVE,
	RESERVE_PARAMS,
	completionItem,
	decision,
	ledgerFolder,
	runLedger,
} from '../support/credential-ledger';

const METRICS = { resource: 'report', operation: 'metrics' };
const AGREEMENT = { resource: 'report', operation: 'agreement' };
const RECORD_FAILED = {
	resource: 'credential',
	operation: 'record',
	outcome: 'failed',
	errorMessage: 'Accredible timed out',
	retryable: true,
	recordOptions: { attributes: '{"platform": "accredible"}' },
};

/**
 * L-1 (SAFE-101) issued; L-2 (SAFE-101) reserved and failed; L-3 (FIRE-200) refused. Every entry
 * is written now, inside the default period (the last 30 days).
 */
async function busyLedger(): Promise<string> {
	const folder = ledgerFolder();
	const reserved = await runLedger({
		folder,
		items: [completionItem('L-1'), completionItem('L-2')],
		parameters: RESERVE_PARAMS,
	});
	const [first, second] = reserved.outputs[RESERVE.new];
	expect((await runLedger({ folder, items: [first.json], parameters: ISSUED_PARAMS })).status).toBe(
		'success',
	);
	expect(
		(await runLedger({ folder, items: [second.json], parameters: RECORD_FAILED })).status,
	).toBe('success');
	const refused = {
		...completionItem('L-3', 'FIRE-200'),
		decision: decision('L-3', 'FIRE-200', { outcome: 'not_eligible' }),
	};
	const recorded = await runLedger({
		folder,
		items: [refused],
		parameters: { ...RESERVE_PARAMS, operation: 'recordDecision' },
	});
	expect(recorded.status).toBe('success');
	return folder;
}

const metricsOf = (item: INodeExecutionData) => item.json.metrics as Record<string, IDataObject>;

describe('Credential Ledger: Get Metrics', () => {
	test('one item for the whole ledger: counts, rates and each target with a status', async () => {
		const folder = await busyLedger();
		const run = await runLedger({ folder, items: [{}, {}], parameters: METRICS });
		expect(run.status).toBe('success');
		expect(run.outputs[0]).toHaveLength(1);
		const [item] = run.outputs[0];
		expect(item.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(item.json).toMatchObject({ groupBy: 'none', group: 'all', status: 'breach' });
		const metrics = metricsOf(item);
		expect(metrics.decided.value).toBe(3);
		expect(metrics.issued.value).toBe(1);
		expect(metrics.refused.value).toBe(1);
		expect(metrics.failed.value).toBe(1);
		expect(metrics.errorRate).toEqual({
			label: 'Error rate (failed attempts / attempts)',
			value: 50,
			unit: '%',
			target: { op: '<', value: 0.5 },
			warning: { op: '>', value: 1 },
			status: 'breach',
			ifMissed: expect.stringContaining('List Due Retries'),
		});
		expect(metrics.platformAvailability).toMatchObject({ value: 50, status: 'breach' });
		expect(metrics.completeEvidence).toMatchObject({ value: 100, status: 'ok' });
		expect(metrics.auditExportSeconds).toMatchObject({ value: null, status: 'no_data' });
	});

	test('grouped by course, with the audit export timed on request', async () => {
		const folder = await busyLedger();
		const run = await runLedger({
			folder,
			items: [{}],
			parameters: { ...METRICS, groupBy: 'course', measureAuditExport: true },
		});
		expect(run.outputs[0].map((item) => item.json.group)).toEqual(['FIRE-200', 'SAFE-101']);
		const [fire, safe] = run.outputs[0].map(metricsOf);
		expect([fire.decided.value, fire.refused.value, fire.issued.value]).toEqual([1, 1, 0]);
		expect([safe.decided.value, safe.issued.value, safe.failed.value]).toEqual([2, 1, 1]);
		expect(safe.auditExportSeconds).toMatchObject({
			status: 'ok',
			target: { op: '<', value: 300 },
		});
		expect(safe.auditExportSeconds.value).toEqual(expect.any(Number));
	});

	test('a period in the past counts nothing; an unreadable date names the field', async () => {
		const folder = await busyLedger();
		const past = await runLedger({
			folder,
			items: [{}],
			parameters: {
				...METRICS,
				periodStart: '2020-01-01T00:00:00Z',
				periodEnd: '2020-02-01T00:00:00Z',
			},
		});
		expect(metricsOf(past.outputs[0][0]).decided.value).toBe(0);
		expect(past.outputs[0][0].json.periodEnd).toBe('2020-02-01T00:00:00.000Z');
		const bad = await runLedger({
			folder,
			items: [{}],
			parameters: { ...METRICS, periodStart: 'first of the month' },
		});
		expect(bad.status).toBe('error');
		expect(bad.error?.message).toMatch(
			/periodStart: received "first of the month"; expected an ISO-8601 timestamp \(check "Period Start"\)/,
		);
	});
});

const staffItem = (learner: string, course: string, decision: string) => ({
	learner,
	course,
	decision,
});

function csvItem(text: string): INodeExecutionData {
	return {
		json: {},
		binary: {
			data: {
				data: Buffer.from(text, 'utf8').toString('base64'),
				mimeType: 'text/csv',
				fileName: 'staff.csv',
			},
		},
	};
}

describe('Credential Ledger: Get Agreement With Staff', () => {
	test('staff decisions from items: counts, targets and each disagreement with both sides', async () => {
		const folder = await busyLedger();
		const run = await runLedger({
			folder,
			items: [
				staffItem('L-1', 'SAFE-101', 'refused'),
				staffItem('L-2', 'SAFE-101', 'approved'),
				staffItem('L-3', 'FIRE-200', 'issue'),
				staffItem('L-4', 'SAFE-101', 'no'),
			],
			parameters: AGREEMENT,
		});
		expect(run.status).toBe('success');
		const [item] = run.outputs[0];
		expect(item.pairedItem).toEqual([0, 1, 2, 3].map((i) => ({ item: i })));
		expect(item.json).toMatchObject({
			total: 4,
			agreements: 2,
			disagreements: 2,
			falsePositives: 1,
			falseNegatives: 1,
			status: 'breach',
			metrics: {
				agreement: { value: 50, target: { op: '>', value: 98 }, status: 'breach' },
				falsePositiveRate: {
					value: 25,
					status: 'breach',
					ifMissed: expect.stringMatching(/^Halt/),
				},
				falseNegativeRate: { value: 25, target: { op: '<', value: 1 } },
			},
		});
		expect(item.json.disagreementList).toEqual([
			expect.objectContaining({
				kind: 'false_positive',
				learnerId: 'L-1',
				staffDecision: 'refuse',
				source: 'item 0',
				automated: expect.objectContaining({
					outcome: 'verified',
					reasons: [{ code: 'SCORE_MET', detail: 'score 86 >= 80' }],
					dataPoints: { score: 86, passingScore: 80 },
				}),
			}),
			expect.objectContaining({
				kind: 'false_negative',
				learnerId: 'L-3',
				automated: expect.objectContaining({ outcome: 'not_eligible' }),
			}),
		]);
	});

	test('staff decisions from a CSV file, with its own column names', async () => {
		const folder = await busyLedger();
		const csv =
			'Student;Course;Outcome\r\nL-1;SAFE-101;yes\r\nL-2;SAFE-101;Yes\r\nL-3;FIRE-200;no\r\n';
		const run = await runLedger({
			folder,
			inputItems: [csvItem(csv)],
			parameters: {
				...AGREEMENT,
				staffDecisionsSource: 'binary',
				learnerField: 'Student',
				courseField: 'Course',
				decisionField: 'Outcome',
			},
		});
		expect(run.status).toBe('success');
		expect(run.outputs[0][0].json).toMatchObject({
			total: 3,
			agreements: 3,
			disagreements: 0,
			status: 'ok',
		});
	});

	test('a CSV without the decision column, or a word it cannot read, is refused naming the field', async () => {
		const folder = await busyLedger();
		const missing = await runLedger({
			folder,
			inputItems: [csvItem('learner,course,verdict\nL-1,SAFE-101,yes\n')],
			parameters: { ...AGREEMENT, staffDecisionsSource: 'binary' },
		});
		expect(missing.status).toBe('error');
		expect(missing.error?.message).toBe('The staff decisions CSV has no column "decision"');
		expect(missing.error?.description).toMatch(
			/Set Decision Field to the column that holds the decision/,
		);
		const unreadable = await runLedger({
			folder,
			items: [staffItem('L-1', 'SAFE-101', 'perhaps')],
			parameters: AGREEMENT,
		});
		expect(unreadable.status).toBe('error');
		expect(unreadable.error?.message).toMatch(
			/^Invalid staff decisions: item 0\.decision: received "perhaps"; expected issue .* \(check "Decision Field"\)$/,
		);
	});
});
