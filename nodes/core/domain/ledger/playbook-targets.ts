/**
 * The operations playbook's targets and warning thresholds, written as the playbook writes them
 * ("target < 4 h, warning > 8 h"), and how a figure is judged against them. A figure that meets
 * its target is ok; one that misses it is a warning until it is past the warning threshold, then
 * a breach. A target with no warning threshold (the playbook gives none, or "any gap") makes
 * every miss a breach.
 */
export type Comparison = '<' | '>' | '<=' | '>=';

export interface Threshold {
	op: Comparison;
	value: number;
}

export type FigureStatus = 'ok' | 'warning' | 'breach' | 'info' | 'no_data';

export interface FigureRule {
	label: string;
	unit: 'count' | 'minutes' | 'hours' | 'seconds' | '%';
	target?: Threshold;
	warning?: Threshold;
	/** What the playbook says to do when the target is missed. */
	ifMissed?: string;
}

export interface Figure {
	label: string;
	value: number | null;
	unit: FigureRule['unit'];
	target: Threshold | null;
	warning: Threshold | null;
	status: FigureStatus;
	ifMissed?: string;
}

function holds(value: number, threshold: Threshold): boolean {
	switch (threshold.op) {
		case '<':
			return value < threshold.value;
		case '>':
			return value > threshold.value;
		case '<=':
			return value <= threshold.value;
		case '>=':
			return value >= threshold.value;
	}
}

export function judge(value: number | null, rule: FigureRule): FigureStatus {
	if (value === null) return 'no_data';
	if (!rule.target) return 'info';
	if (holds(value, rule.target)) return 'ok';
	if (rule.warning && !holds(value, rule.warning)) return 'warning';
	return 'breach';
}

export function figure(value: number | null, rule: FigureRule): Figure {
	const status = judge(value, rule);
	return {
		label: rule.label,
		value,
		unit: rule.unit,
		target: rule.target ?? null,
		warning: rule.warning ?? null,
		status,
		...(rule.ifMissed !== undefined && (status === 'warning' || status === 'breach')
			? { ifMissed: rule.ifMissed }
			: {}),
	};
}

const SEVERITY: Record<FigureStatus, number> = {
	no_data: 0,
	info: 0,
	ok: 1,
	warning: 2,
	breach: 3,
};

/** The worst judged status among figures: ok, warning or breach (no_data when none has a target). */
export function worstStatus(figures: Iterable<Figure>): FigureStatus {
	let worst: FigureStatus = 'no_data';
	for (const { status } of figures) if (SEVERITY[status] > SEVERITY[worst]) worst = status;
	return worst === 'info' ? 'no_data' : worst;
}

/** Rounded for display: two decimals. */
export function round2(value: number): number {
	return Math.round(value * 100) / 100;
}

/** value / total as a percentage, or null when there is nothing to divide. */
export function percent(value: number, total: number): number | null {
	return total === 0 ? null : round2((100 * value) / total);
}
