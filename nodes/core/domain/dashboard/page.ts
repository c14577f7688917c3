// The operations dashboard: the ledger's metrics as one self-contained HTML page. Inline SVG
// charts and one inline style block, allowed by its hash in the Content-Security-Policy; no
// script runs and nothing is fetched, so the page works behind any proxy and leaks nothing.
import { createHash } from 'crypto';

import type { DayVolume } from '../ledger/daily-volume';
import type {
	AgreementReport,
	Figure,
	LedgerMetrics,
	LookupSummary,
	MetricName,
	UnreadableLookups,
} from '../ledger';
import { escapeHtml } from '../verification/page';
import { gauge, horizontalBars, numberText, volumeChart, type LabelledValue } from './svg-charts';

export interface DashboardInput {
	metrics: LedgerMetrics;
	daily: DayVolume[];
	/** The parallel-run report, while shadow running; absent afterwards. */
	agreement?: AgreementReport;
	/** Verification page and status list lookups of the period, when the ledger counts them. */
	lookups?: LookupSummary | UnreadableLookups;
	generatedAt: string;
}

export interface DashboardResponse {
	statusCode: number;
	contentType: string;
	contentSecurityPolicy: string;
	body: string;
}

const STYLE = `body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f1f1f;background:#f5f5f5}
main{max-width:48rem;margin:0 auto;padding:.75rem}
h1{font-size:1.4rem;margin:.25rem 0}h2{font-size:1.1rem;margin:0 0 .5rem}
section{background:#fff;border-radius:.5rem;padding:.75rem;margin:.75rem 0}
svg{width:100%;height:auto;display:block}
svg text{font-size:11px;fill:#1f1f1f;text-anchor:middle}
svg .label,svg .start{text-anchor:start}svg .big{font-size:26px;font-weight:600}
svg .hidden{display:none}svg .axis{fill:#555}
.bar{fill:#2f6fb3}.line{fill:none;stroke:#e07b00;stroke-width:2}.base{stroke:#999}
.gauge-track{fill:none;stroke:#ddd;stroke-width:18}.gauge-fill{fill:none;stroke-width:18;stroke:#777}
.gauge-fill.ok{stroke:#1b6e35}.gauge-fill.warning{stroke:#b26a00}.gauge-fill.breach{stroke:#a4161a}
.target{stroke:#1f1f1f;stroke-width:2}
.legend{margin:.25rem 0 0;font-size:.85rem}.key{display:inline-block;width:.8rem;height:.8rem;margin:0 .25rem 0 .5rem}
.bar-key{background:#2f6fb3}.line-key{background:#e07b00;height:.2rem;vertical-align:middle}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{padding:.3rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
.status{font-weight:600;white-space:nowrap}.ok{color:#1b6e35}.warning{color:#8a5300}.breach{color:#a4161a}.info,.no_data{color:#555}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem}
.tile{border:1px solid #eee;border-radius:.4rem;padding:.5rem}.tile b{display:block;font-size:1.5rem}
footer{font-size:.8rem;color:#555}`;

/** No script, no frames, no fetches; only the inline style block above, by its hash. */
export const DASHBOARD_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const STATUS_WORDS: Record<Figure['status'], string> = {
	ok: 'on target',
	warning: 'warning',
	breach: 'past warning',
	info: '',
	no_data: 'no data',
};

const LATENCY: MetricName[] = [
	'completionToIssuedAverage',
	'completionToIssuedP50',
	'completionToIssuedP95',
	'completionToDeliveredP50',
	'completionToDeliveredP95',
	'completionToClaimedP50',
	'completionToClaimedP95',
];
const TILES: MetricName[] = [
	'decided',
	'issued',
	'wouldIssue',
	'refused',
	'inReview',
	'failed',
	'revoked',
];

function labelled(metrics: LedgerMetrics['metrics'], name: MetricName): LabelledValue {
	const f = metrics[name];
	// "Completion → issued, p95" reads "→ issued, p95" under the chart's title.
	const label = f.label.replace(/^Completion /, '');
	return { metric: name, label, value: f.value, unit: f.unit === 'count' ? '' : f.unit };
}

function thresholdText(f: Figure): string {
	const parts = [];
	if (f.target) parts.push(`target ${f.target.op} ${f.target.value}`);
	if (f.warning) parts.push(`warning ${f.warning.op} ${f.warning.value}`);
	return parts.join(', ');
}

function figureRows(metrics: LedgerMetrics['metrics']): string {
	return (Object.keys(metrics) as MetricName[])
		.map((name) => {
			const f = metrics[name];
			const unit = f.unit === 'count' || f.value === null ? '' : ` ${f.unit}`;
			const advice = f.ifMissed ? `<br>${escapeHtml(f.ifMissed)}` : '';
			return `<tr><td>${escapeHtml(f.label)}</td><td><span data-metric="${name}">${numberText(f.value)}</span>${escapeHtml(unit)}</td><td>${escapeHtml(thresholdText(f))}${advice}</td><td class="status ${f.status}">${escapeHtml(STATUS_WORDS[f.status])}</td></tr>`;
		})
		.join('\n');
}

function agreementSection(agreement: AgreementReport | undefined): string {
	if (!agreement)
		return '<p id="no-agreement">No staff decisions compared in this period (shadow running is over, or has not started).</p>';
	const figure = agreement.metrics.agreement;
	return `${gauge({ metric: 'agreement', label: figure.label, value: figure.value, unit: '%' }, figure.target?.value ?? null, figure.status)}
<p>Compared: <span data-metric="agreementTotal">${agreement.total}</span>; false positives <span data-metric="falsePositives">${agreement.falsePositives}</span>; false negatives <span data-metric="falseNegatives">${agreement.falseNegatives}</span>.</p>`;
}

/** Lookups of old copies (revoked, superseded) and of IDs never issued, as tiles; numbers only. */
function lookupsSection(lookups: LookupSummary | UnreadableLookups | undefined): string {
	if (!lookups) return '';
	if ('unavailable' in lookups)
		return `<section><h2>Verification lookups</h2><p id="lookups-unavailable">${escapeHtml(lookups.unavailable)}</p></section>`;
	const { byStatus: by } = lookups;
	const tiles: Array<[string, string, number]> = [
		['lookupsTotal', 'Verification pages', lookups.total],
		['lookupsOldCopies', 'Revoked or superseded', by.revoked + by.superseded],
		['lookupsNotIssued', 'Unknown or malformed ID', by.unknown + by.malformed],
		['statusListFetches', 'Badge status lists served', lookups.statusListFetches],
	];
	const html = tiles
		.map(
			([name, label, value]) =>
				`<div class="tile">${label}<b data-metric="${name}">${value}</b></div>`,
		)
		.join('');
	return `<section><h2>Verification lookups</h2><div class="tiles">${html}</div></section>`;
}

/** The whole page, every text escaped. */
export function dashboardPage(input: DashboardInput): string {
	const { metrics: group, daily } = input;
	const m = group.metrics;
	const tiles = TILES.map(
		(name) =>
			`<div class="tile">${escapeHtml(m[name].label)}<b data-metric="${name}">${numberText(m[name].value)}</b></div>`,
	).join('');
	const oldest = m.reviewQueueOldestHours;
	const slaHours = oldest.target?.value ?? 24;
	const oldestShare: LabelledValue = {
		metric: 'reviewQueueOldestShareOfSla',
		label: 'Oldest review, share of its SLA',
		value: oldest.value === null ? null : Math.round((100 * oldest.value) / slaHours),
		unit: '%',
	};
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(DASHBOARD_CSP)}">
<title>Credential operations: ${escapeHtml(group.group)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Credential operations</h1>
<p>Group <b id="group">${escapeHtml(group.group)}</b>, ${escapeHtml(group.periodStart)} to ${escapeHtml(group.periodEnd)}. Overall: <span id="overall" class="status ${escapeHtml(group.status)}">${escapeHtml(STATUS_WORDS[group.status] || group.status)}</span></p>
<section><h2>Volume per day</h2>${volumeChart({
		labels: daily.map((d) => d.day),
		bars: daily.map((d) => d.issued),
		line: daily.map((d) => d.decided),
		barName: 'issued',
		lineName: 'decided',
	})}
<div class="tiles">${tiles}</div></section>
<section><h2>Time to credential (minutes)</h2>${horizontalBars(LATENCY.map((name) => labelled(m, name)))}</section>
<section><h2>Review queue</h2><div class="tiles"><div class="tile">${escapeHtml(m.reviewQueueSize.label)}<b data-metric="reviewQueueSize">${numberText(m.reviewQueueSize.value)}</b></div><div class="tile">${escapeHtml(oldest.label)}<b><span data-metric="reviewQueueOldestHours">${numberText(oldest.value)}</span>${oldest.value === null ? '' : ' h'}</b></div></div>
${gauge(oldestShare, null, oldest.status)}<p>Share of the ${slaHours} h review SLA the oldest open review has used (full at 100 %).</p></section>
<section><h2>Agreement with staff (shadow running)</h2>${agreementSection(input.agreement)}</section>
${lookupsSection(input.lookups)}
<section><h2>Every figure against the playbook</h2><table><thead><tr><th>Figure</th><th>Value</th><th>Target</th><th>Status</th></tr></thead><tbody>
${figureRows(m)}
</tbody></table></section>
<footer>Generated ${escapeHtml(input.generatedAt)} from the signed credential ledger.</footer>
</main>
</body>
</html>
`;
}

/** The answer a webhook sends: the page, with its policy also as a header. */
export function dashboardResponse(input: DashboardInput): DashboardResponse {
	return {
		statusCode: 200,
		contentType: 'text/html; charset=utf-8',
		contentSecurityPolicy: DASHBOARD_CSP,
		body: dashboardPage(input),
	};
}
