// Charts drawn as inline SVG on the server: no script, font or image is fetched by the page.
// Every number a chart shows is a <text> with data-* attributes naming what it is, so a test
// (or a screen reader via the <title>) can read it back.
import { escapeHtml } from '../verification/page';

export interface BarSeries {
	/** One label per bar (e.g. a day). */
	labels: string[];
	/** Bar heights. */
	bars: number[];
	/** Drawn as a line over the bars, same scale. */
	line: number[];
	barName: string;
	lineName: string;
}

const WIDTH = 360;

/** The number as the page prints it: as given (already rounded), or a dash when missing. */
export function numberText(value: number | null | undefined): string {
	return value === null || value === undefined || !Number.isFinite(value) ? '—' : String(value);
}

const attr = (value: string | number) => escapeHtml(String(value));

/** Bars per day (issued) with a line (decided) on the same scale, each value written above. */
export function volumeChart(series: BarSeries): string {
	const height = 180;
	const top = 18;
	const bottom = 30;
	const max = Math.max(1, ...series.bars, ...series.line);
	const slot = WIDTH / Math.max(1, series.labels.length);
	const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
	const everyNth = Math.ceil(series.labels.length / 7);
	const parts: string[] = [];
	series.labels.forEach((label, i) => {
		const x = i * slot;
		const value = series.bars[i];
		parts.push(
			`<rect class="bar" x="${(x + slot * 0.15).toFixed(1)}" y="${y(value).toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${(height - bottom - y(value)).toFixed(1)}"><title>${escapeHtml(`${label}: ${value} ${series.barName}, ${series.line[i]} ${series.lineName}`)}</title></rect>`,
			`<text class="${value === 0 ? 'hidden' : 'value'}" x="${(x + slot / 2).toFixed(1)}" y="${(y(value) - 3).toFixed(1)}" data-day="${attr(label)}" data-series="bars">${value}</text>`,
		);
		if (i % everyNth === 0)
			parts.push(
				// Kept 18 units from either edge, so the first and last dates are not cut off.
				`<text class="axis" x="${Math.min(WIDTH - 18, Math.max(18, x + slot / 2)).toFixed(1)}" y="${height - bottom + 14}">${escapeHtml(label.slice(5))}</text>`,
			);
	});
	const points = series.line
		.map((v, i) => `${(i * slot + slot / 2).toFixed(1)},${y(v).toFixed(1)}`)
		.join(' ');
	const lineValues = series.line
		.map(
			(v, i) =>
				`<text class="hidden" data-day="${attr(series.labels[i])}" data-series="line">${v}</text>`,
		)
		.join('');
	return `<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${attr(`${series.barName} and ${series.lineName} per day`)}">
<line class="base" x1="0" y1="${height - bottom}" x2="${WIDTH}" y2="${height - bottom}"/>
${parts.join('\n')}
<polyline class="line" points="${points}"/>${lineValues}
</svg>
<p class="legend"><span class="key bar-key"></span>${escapeHtml(series.barName)} <span class="key line-key"></span>${escapeHtml(series.lineName)}</p>`;
}

export interface LabelledValue {
	/** Names the number for tests: the metric it comes from. */
	metric: string;
	label: string;
	value: number | null;
	unit: string;
}

/** Horizontal bars on one scale, each with its value at the end (missing values: a dash). */
export function horizontalBars(rows: LabelledValue[]): string {
	const rowHeight = 26;
	const labelWidth = 150;
	const max = Math.max(1, ...rows.map((r) => r.value ?? 0));
	const room = WIDTH - labelWidth - 70;
	const body = rows
		.map((row, i) => {
			const y = i * rowHeight;
			const width = row.value === null ? 0 : (room * row.value) / max;
			return `<text class="label" x="0" y="${y + 17}">${escapeHtml(row.label)}</text>
<rect class="bar" x="${labelWidth}" y="${y + 5}" width="${width.toFixed(1)}" height="16"/>
<text class="value start" x="${(labelWidth + width + 4).toFixed(1)}" y="${y + 17}"><tspan data-metric="${attr(row.metric)}">${numberText(row.value)}</tspan> ${escapeHtml(row.value === null ? '' : row.unit)}</text>`;
		})
		.join('\n');
	return `<svg viewBox="0 0 ${WIDTH} ${rows.length * rowHeight}" role="img" aria-label="${attr(rows.map((r) => `${r.label}: ${numberText(r.value)} ${r.unit}`).join('; '))}">
${body}
</svg>`;
}

/**
 * A half-circle gauge from 0 to 100 % with the target marked: the agreement during shadow
 * running, the share of the SLA the oldest review has used.
 */
export function gauge(value: LabelledValue, target: number | null, status: string): string {
	const cx = 120;
	const cy = 110;
	const r = 90;
	const xy = (share: number): [string, string] => {
		const angle = Math.PI * (1 - Math.min(1, Math.max(0, share)));
		return [(cx + r * Math.cos(angle)).toFixed(1), (cy - r * Math.sin(angle)).toFixed(1)];
	};
	const point = (share: number) => xy(share).join(',');
	const arc = (className: string, share: number) =>
		`<path class="${attr(className)}" d="M${point(0)} A${r},${r} 0 0 1 ${point(share)}"/>`;
	const share = value.value === null ? 0 : value.value / 100;
	const filled = share > 0 ? arc(`gauge-fill ${status}`, share) : '';
	const [tx, ty] = target === null ? ['', ''] : xy(target / 100);
	const mark =
		target === null ? '' : `<line class="target" x1="${tx}" y1="${ty}" x2="${cx}" y2="${cy}"/>`;
	return `<svg viewBox="0 0 240 130" role="img" aria-label="${attr(`${value.label}: ${numberText(value.value)} ${value.unit}`)}">
${arc('gauge-track', 1)}
${filled}${mark}
<text class="big" x="${cx}" y="${cy - 10}"><tspan data-metric="${attr(value.metric)}">${numberText(value.value)}</tspan>${value.value === null ? '' : ` ${escapeHtml(value.unit)}`}</text>
</svg>`;
}
