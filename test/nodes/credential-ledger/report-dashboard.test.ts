// The dashboard page and the daily summary and alerts inside n8n: Get Dashboard Page answers the
// page with the figures Get Metrics gives and, with an agreement report on the input, its gauge;
// Get Daily Summary and Alerts answers yesterday's summary first, each with its message key.
import {
	ISSUED_PARAMS,
	RESERVE,
	RESERVE_PARAMS,
	completionItem,
	ledgerFolder,
	runLedger,
} from '../support/credential-ledger';

const DASHBOARD = { resource: 'report', operation: 'dashboard' };
const ALERTS = { resource: 'report', operation: 'alerts' };

/** L-1 issued, L-2 reserved: written now, inside the default period. */
async function issuedLedger(): Promise<string> {
	const folder = ledgerFolder();
	const reserved = await runLedger({
		folder,
		items: [completionItem('L-1'), completionItem('L-2')],
		parameters: RESERVE_PARAMS,
	});
	const [first] = reserved.outputs[RESERVE.new];
	expect((await runLedger({ folder, items: [first.json], parameters: ISSUED_PARAMS })).status).toBe(
		'success',
	);
	return folder;
}

describe('Credential Ledger: Get Dashboard Page', () => {
	test('the page shows the figures Get Metrics gives, with the daily series beside it', async () => {
		const folder = await issuedLedger();
		const run = await runLedger({ folder, items: [{}], parameters: DASHBOARD });
		expect(run.status).toBe('success');
		const [item] = run.outputs[0];
		const response = item.json.response as {
			statusCode: number;
			body: string;
			contentSecurityPolicy: string;
		};
		expect(response.statusCode).toBe(200);
		expect(response.contentSecurityPolicy).toMatch(/^default-src 'none'/);
		const metrics = (item.json.metrics as { metrics: Record<string, { value: number }> }).metrics;
		expect([metrics.decided.value, metrics.issued.value]).toEqual([2, 1]);
		expect(response.body).toContain('<b data-metric="issued">1</b>');
		expect(response.body).toContain('<b data-metric="decided">2</b>');
		expect(response.body).toContain('id="no-agreement"');
		const daily = item.json.daily as Array<{ issued: number; decided: number }>;
		expect(daily.length).toBeGreaterThanOrEqual(30);
		expect(daily.reduce((n, d) => n + d.issued, 0)).toBe(1);
	});

	test('with Agreement Field, the agreement report on the input is drawn as a gauge', async () => {
		const folder = await issuedLedger();
		const agreement = await runLedger({
			folder,
			items: [{ learner: 'L-1', course: 'SAFE-101', decision: 'issue' }],
			parameters: { resource: 'report', operation: 'agreement' },
		});
		expect(agreement.status).toBe('success');
		const run = await runLedger({
			folder,
			items: [{ shadow: agreement.outputs[0][0].json }],
			parameters: { ...DASHBOARD, agreementField: 'shadow' },
		});
		expect(run.status).toBe('success');
		const body = (run.outputs[0][0].json.response as { body: string }).body;
		expect(body).toContain('<tspan data-metric="agreement">100</tspan>');
		expect(body).toContain('<span data-metric="agreementTotal">1</span>');
	});

	test('an Agreement Field without a report stops the run naming the field', async () => {
		const folder = await issuedLedger();
		const run = await runLedger({
			folder,
			items: [{ shadow: 'not a report' }],
			parameters: { ...DASHBOARD, agreementField: 'shadow' },
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('The input has no agreement report in field "shadow"');
	});
});

describe('Credential Ledger: Get Daily Summary and Alerts', () => {
	test("yesterday's summary first, then one alert per crossed warning threshold, each with its key", async () => {
		const folder = await issuedLedger();
		const run = await runLedger({ folder, items: [{}], parameters: ALERTS });
		expect(run.status).toBe('success');
		// One credential issued and not claimed, long after its completion: two warnings crossed.
		const day = new Date().toISOString().slice(0, 10);
		expect(run.outputs[0].map((item) => item.json.messageKey)).toEqual([
			expect.stringMatching(/^summary:\d{4}-\d{2}-\d{2}$/),
			`threshold:completionToIssuedAverage:${day}`,
			`threshold:claimRate:${day}`,
		]);
		expect(run.outputs[0][0].json).toMatchObject({
			kind: 'summary',
			subject: expect.stringMatching(
				/^Credentials on \d{4}-\d{2}-\d{2}: 0 issued, 0 open review\(s\)/,
			),
			text: expect.stringContaining('Open exceptions now:'),
		});
	});

	test('a review SLA of 0 hours stops the run naming the field', async () => {
		const folder = await issuedLedger();
		const run = await runLedger({
			folder,
			items: [{}],
			parameters: { ...ALERTS, reviewSlaHours: 0 },
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^Review SLA \(Hours\) must be a number of hours above 0/);
	});
});
