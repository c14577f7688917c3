// The operations dashboard page over a generated ledger with known timings: every number the
// page prints is read back from its markup and compared with the metrics and the daily series
// it was given; the daily series itself is counted here from the plans; hostile text is inert.
import { createHash } from 'crypto';

import type {
	AgreementReport,
	LedgerEntry,
	LedgerMetrics,
	MetricName,
} from '../../../nodes/core/domain/ledger';
import { dailyVolume, type DayVolume } from '../../../nodes/core/domain/ledger/daily-volume';
import { ledgerMetrics } from '../../../nodes/core/domain/ledger/metrics';
import {
	DASHBOARD_CSP,
	dashboardPage,
	dashboardResponse,
} from '../../../nodes/core/domain/dashboard';
import {
	PERIOD_END,
	PERIOD_START,
	entriesOf,
	planCredentials,
	streamOf,
} from './support/metrics-ledger';

const PERIOD = {
	periodStart: new Date(PERIOD_START).toISOString(),
	periodEnd: new Date(PERIOD_END).toISOString(),
};
const plans = planCredentials(400);
const entries = entriesOf(plans);

let metrics: LedgerMetrics;
let daily: DayVolume[];
beforeAll(async () => {
	[metrics] = await ledgerMetrics(streamOf(entries), PERIOD);
	daily = await dailyVolume(streamOf(entries), PERIOD);
});

/** data-metric name → the text printed inside it, for every marked number of the page. */
function printedMetrics(html: string): Map<string, string[]> {
	const found = new Map<string, string[]>();
	for (const [, name, text] of html.matchAll(/data-metric="([^"]+)">([^<]*)</g))
		found.set(name, [...(found.get(name) ?? []), text]);
	return found;
}

const printed = (value: number | null) => (value === null ? '—' : String(value));

describe('dailyVolume', () => {
	it('counts decisions, issuances and failures per UTC day from the plans, every day present', () => {
		expect(daily).toHaveLength(31);
		expect(daily[0].day).toBe('2026-03-01');
		expect(daily[30].day).toBe('2026-03-31');
		for (const type of ['decided', 'issued', 'failed'] as const) {
			const expected = new Map<string, number>();
			for (const plan of plans)
				for (const event of plan.events)
					if (event.type === type && event.at >= PERIOD_START && event.at < PERIOD_END) {
						const day = new Date(event.at).toISOString().slice(0, 10);
						expected.set(day, (expected.get(day) ?? 0) + 1);
					}
			for (const day of daily)
				expect([type, day.day, day[type]]).toEqual([type, day.day, expected.get(day.day) ?? 0]);
		}
		expect(daily.reduce((n, d) => n + d.issued, 0)).toBeGreaterThan(100);
	});

	it('refuses a period longer than a quarter, naming the field to change', async () => {
		await expect(
			dailyVolume(streamOf(entries), {
				periodStart: '2025-01-01T00:00:00Z',
				periodEnd: PERIOD.periodEnd,
			}),
		).rejects.toThrow(/periodStart: the period spans \d+ days; a daily series covers at most 92/);
	});

	it('refuses an unreadable date, naming it', async () => {
		await expect(
			dailyVolume(streamOf(entries), { periodStart: 'yesterday', periodEnd: PERIOD.periodEnd }),
		).rejects.toThrow(/periodStart: received "yesterday"/);
	});
});

describe('dashboardPage', () => {
	const agreement = {
		total: 250,
		agreements: 246,
		falsePositives: 1,
		falseNegatives: 3,
		metrics: {
			agreement: {
				label: 'Agreement with staff decisions',
				value: 98.4,
				unit: '%',
				target: { op: '>', value: 98 },
				warning: null,
				status: 'ok',
			},
		},
	} as unknown as AgreementReport;

	it('prints every figure exactly as the metrics give it', () => {
		const html = dashboardPage({ metrics, daily, agreement, generatedAt: PERIOD.periodEnd });
		const found = printedMetrics(html);
		for (const name of Object.keys(metrics.metrics) as MetricName[]) {
			const texts = found.get(name) ?? [];
			expect(texts.length).toBeGreaterThan(0);
			expect({ name, texts }).toEqual({
				name,
				texts: texts.map(() => printed(metrics.metrics[name].value)),
			});
		}
		expect(found.get('agreement')).toEqual(['98.4']);
		expect(found.get('agreementTotal')).toEqual(['250']);
		expect(found.get('falsePositives')).toEqual(['1']);
		expect(found.get('falseNegatives')).toEqual(['3']);
		const oldest = metrics.metrics.reviewQueueOldestHours.value;
		expect(found.get('reviewQueueOldestShareOfSla')).toEqual([
			oldest === null ? '—' : String(Math.round((100 * oldest) / 24)),
		]);
		// Nothing else is marked as a number than the figures and the derived ones checked above.
		const derived = [
			'agreement',
			'agreementTotal',
			'falsePositives',
			'falseNegatives',
			'reviewQueueOldestShareOfSla',
		];
		expect(
			[...found.keys()].filter((k) => !(k in metrics.metrics) && !derived.includes(k)),
		).toEqual([]);
	});

	it("draws one bar and one line point per day with that day's counts", () => {
		const html = dashboardPage({ metrics, daily, generatedAt: PERIOD.periodEnd });
		const series = (name: string) =>
			[...html.matchAll(new RegExp(`data-day="([^"]+)" data-series="${name}">(\\d+)<`, 'g'))].map(
				([, day, n]) => [day, Number(n)],
			);
		expect(series('bars')).toEqual(daily.map((d) => [d.day, d.issued]));
		expect(series('line')).toEqual(daily.map((d) => [d.day, d.decided]));
	});

	it('says when there is no agreement to show, and prints a dash for figures without data', async () => {
		const [empty] = await ledgerMetrics(streamOf([]), PERIOD);
		const html = dashboardPage({ metrics: empty, daily: [], generatedAt: PERIOD.periodEnd });
		expect(html).toContain('id="no-agreement"');
		// In its chart and in the table of every figure.
		expect(printedMetrics(html).get('completionToIssuedP95')).toEqual(['—', '—']);
		expect(printedMetrics(html).get('issued')).toEqual(['0', '0']);
	});

	it('shows the shadow week\'s would-be issuances beside, not inside, the issued count', async () => {
		const at = (minute: number) => new Date(PERIOD_START + minute * 60_000).toISOString();
		const shadow = ['a', 'b', 'c'].flatMap((key, i) => [
			{ seq: 2 * i + 1, type: 'decided', key, at: at(2 * i), payload: { outcome: 'verified' } },
			{ seq: 2 * i + 2, type: 'would_issue', key, at: at(2 * i + 1), payload: {} },
		]) as unknown as LedgerEntry[];
		const [week] = await ledgerMetrics(streamOf(shadow), PERIOD);
		const found = printedMetrics(dashboardPage({ metrics: week, daily: [], generatedAt: at(9) }));
		// The tile at the top, and the row in the table of every figure.
		expect(found.get('wouldIssue')).toEqual(['3', '3']);
		expect(found.get('issued')).toEqual(['0', '0']);
	});

	it('escapes hostile text everywhere it is printed', () => {
		const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
		const evil = structuredClone(metrics);
		evil.group = hostile;
		evil.periodStart = hostile;
		evil.metrics.issued.label = hostile;
		evil.metrics.errorRate.ifMissed = hostile;
		const html = dashboardPage({
			metrics: evil,
			daily: [{ day: hostile, decided: 1, issued: 1, failed: 0 }],
			generatedAt: hostile,
		});
		expect(html).not.toMatch(/<script|<img|onerror=alert\(2\)>/i);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img');
	});

	it('is self-contained: no script, no outside address, a policy that allows only its own style', () => {
		const response = dashboardResponse({
			metrics,
			daily,
			agreement,
			generatedAt: PERIOD.periodEnd,
		});
		expect(response).toMatchObject({ statusCode: 200, contentType: 'text/html; charset=utf-8' });
		expect(response.contentSecurityPolicy).toBe(DASHBOARD_CSP);
		expect(response.body).not.toMatch(/<script|\bsrc=|\bhref=|url\(|@import|https?:\/\//i);
		const style = /<style>([\s\S]*?)<\/style>/.exec(response.body)![1];
		const hash = createHash('sha256').update(style).digest('base64');
		expect(DASHBOARD_CSP).toContain(`style-src 'sha256-${hash}'`);
		expect(DASHBOARD_CSP).toMatch(/default-src 'none'/);
		expect(response.body).not.toMatch(/ style="/);
		expect(response.body).toContain('name="viewport" content="width=device-width');
	});
});
