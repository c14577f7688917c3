// The daily summary and the alerts of the operations playbook, from what the ledger reports:
// one message per condition per period, never one per learner. Each message carries a key that
// stays the same for every run seeing the same condition in the same period, so the workflow
// sends it once (n8n's Remove Duplicates remembers the keys it has passed).
import type { LedgerMetrics, MetricName } from './metrics';
import type { Figure } from './playbook-targets';
import type { DueRetries, OpenReview, PlatformOutage } from './queues';

const DAY = 24 * 60 * 60_000;

export type OperationsMessageKind = 'summary' | 'threshold' | 'platform_outage' | 'review_sla';

export interface OperationsMessage {
	kind: OperationsMessageKind;
	/** The same for one condition in one period: send a message once per key. */
	messageKey: string;
	subject: string;
	text: string;
}

/** [yesterday 00:00, today 00:00) in UTC, as ISO timestamps. */
export function yesterdayOf(now: Date): { periodStart: string; periodEnd: string; day: string } {
	const today = Math.floor(now.getTime() / DAY) * DAY;
	const start = new Date(today - DAY).toISOString();
	return { periodStart: start, periodEnd: new Date(today).toISOString(), day: start.slice(0, 10) };
}

const SUMMARY_FIGURES: MetricName[] = [
	'decided',
	'issued',
	'refused',
	'inReview',
	'escalated',
	'failed',
	'revoked',
	'completionToIssuedAverage',
	'completionToIssuedP95',
	'errorRate',
	'escalationRate',
	'claimRate',
	'platformAvailability',
];

function valueText(f: Figure): string {
	if (f.value === null) return 'no data';
	return f.unit === 'count' ? String(f.value) : `${f.value} ${f.unit}`;
}

function thresholdText(f: Figure): string {
	const target = f.target ? `target ${f.target.op} ${f.target.value}` : '';
	const warning = f.warning ? `, warning ${f.warning.op} ${f.warning.value}` : '';
	return target + warning;
}

function reviewLine(r: OpenReview): string {
	return `- learner ${r.learnerId ?? '?'}, course ${r.courseId ?? '?'}: open ${Math.floor(r.ageHours)} h (${r.reasons.join(', ') || 'no reason given'}), key ${r.key}`;
}

const MAX_LISTED = 20;

function listed<T>(items: T[], line: (item: T) => string): string {
	const more = items.length > MAX_LISTED ? `\n… and ${items.length - MAX_LISTED} more` : '';
	return items.slice(0, MAX_LISTED).map(line).join('\n') + more;
}

export interface SummaryInput {
	/** Get Metrics over yesterday (group: all). */
	yesterday: LedgerMetrics;
	day: string;
	openReviews: OpenReview[];
	queue: DueRetries;
	reviewSlaHours: number;
}

/** Yesterday's figures and what is still open, once per day. */
export function dailySummary(input: SummaryInput): OperationsMessage {
	const m = input.yesterday.metrics;
	const figures = SUMMARY_FIGURES.map((name) => {
		const f = m[name];
		const judged = f.status === 'warning' || f.status === 'breach' ? ` (${f.status})` : '';
		return `- ${f.label}: ${valueText(f)}${judged}`;
	}).join('\n');
	const overdue = input.openReviews.filter((r) => r.ageHours >= input.reviewSlaHours);
	const exceptions = [
		`- Open reviews: ${input.openReviews.length}, of which past the ${input.reviewSlaHours} h SLA: ${overdue.length}`,
		`- Issuances due for a retry: ${input.queue.due.length}`,
		`- Issuances to escalate to a person: ${input.queue.escalate.length}`,
		`- Platform outages: ${input.queue.outages.map((o) => `${o.platform} since ${o.since}`).join(', ') || 'none'}`,
	].join('\n');
	const oldest =
		overdue.length > 0
			? `\n\nReviews past the SLA, oldest first:\n${listed(overdue, reviewLine)}`
			: '';
	return {
		kind: 'summary',
		messageKey: `summary:${input.day}`,
		subject: `Credentials on ${input.day}: ${valueText(m.issued)} issued, ${input.openReviews.length} open review(s), status ${input.yesterday.status}`,
		text: `Yesterday (${input.day}, UTC):\n${figures}\n\nOpen exceptions now:\n${exceptions}${oldest}`,
	};
}

export interface AlertsInput {
	/** Get Metrics over the alert window (the last 24 hours). */
	recent: LedgerMetrics;
	/** The UTC day of the run: a threshold alert is sent once per figure per day. */
	day: string;
	outages: PlatformOutage[];
	/** Reviews open longer than the SLA. */
	overdueReviews: OpenReview[];
	reviewSlaHours: number;
}

/** One message per crossed warning threshold, per platform outage, and one for overdue reviews. */
export function operationsAlerts(input: AlertsInput): OperationsMessage[] {
	const alerts: OperationsMessage[] = [];
	for (const [name, f] of Object.entries(input.recent.metrics) as Array<[MetricName, Figure]>) {
		// A warning threshold crossed: the playbook's "warning" column, not a missed target.
		if (f.warning === null || f.status !== 'breach') continue;
		alerts.push({
			kind: 'threshold',
			messageKey: `threshold:${name}:${input.day}`,
			subject: `${f.label} is ${valueText(f)}, past the warning threshold`,
			text: `${f.label}: ${valueText(f)} over ${input.recent.periodStart} to ${input.recent.periodEnd} (${thresholdText(f)}).\n\n${f.ifMissed ?? ''}\n\nYou get this alert once a day while it lasts.`,
		});
	}
	for (const outage of input.outages)
		alerts.push({
			kind: 'platform_outage',
			messageKey: `platform_outage:${outage.platform}:${outage.since}`,
			subject: `${outage.platform} has been failing for ${outage.minutes} minutes`,
			text: `${outage.platform} has issued nothing since ${outage.since}; ${outage.credentials} credential(s) are failing against it. They stay queued and are retried; nothing is issued twice when it recovers.\nLast successful issue: ${outage.lastIssuedAt ?? 'none in the ledger'}.\n\nYou get this alert once per outage.`,
		});
	if (input.overdueReviews.length > 0)
		alerts.push({
			kind: 'review_sla',
			messageKey: `review_sla:${input.day}`,
			subject: `${input.overdueReviews.length} review(s) waiting longer than the ${input.reviewSlaHours} h SLA`,
			text: `Reviews past the SLA, oldest first:\n${listed(input.overdueReviews, reviewLine)}\n\nYou get this alert once a day while any review is past its SLA.`,
		});
	return alerts;
}
