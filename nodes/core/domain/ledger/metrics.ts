import { invalidInput } from './errors';
import { periodOf, scanMetrics, type KeyFacts } from './metrics-scan';
import {
	figure,
	percent,
	round2,
	worstStatus,
	type Figure,
	type FigureRule,
	type FigureStatus,
} from './playbook-targets';
import type { LedgerEntry } from './entry';

export const METRICS_GROUPS = ['none', 'course', 'platform', 'event'] as const;
export type MetricsGroupBy = (typeof METRICS_GROUPS)[number];

/** Credentials the chain names no course, platform or event for are grouped under this. */
export const UNKNOWN_GROUP = '(none)';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Names and rules of every figure, in output order. Targets and warnings are the playbook's
// (monthly monitoring; "complete audit trail in under five minutes"; reviews resolved in 24 h).
const RULES = {
	decided: { label: 'Completions decided', unit: 'count' },
	issued: { label: 'Issued', unit: 'count' },
	wouldIssue: { label: 'Would be issued (shadow, not issued)', unit: 'count' },
	refused: { label: 'Refused (Not Eligible)', unit: 'count' },
	inReview: { label: 'Held for review (Needs Review)', unit: 'count' },
	escalated: { label: 'Escalated to a person', unit: 'count' },
	failed: { label: 'Failed attempts', unit: 'count' },
	revoked: { label: 'Revoked', unit: 'count' },
	reissued: { label: 'Reissued (superseded)', unit: 'count' },
	completionToIssuedAverage: {
		label: 'Completion → issued, average',
		unit: 'minutes',
		target: { op: '<', value: 240 },
		warning: { op: '>', value: 480 },
		ifMissed: 'Check platform latency, the retry queue and the review queue.',
	},
	completionToIssuedP50: { label: 'Completion → issued, p50', unit: 'minutes' },
	completionToIssuedP95: { label: 'Completion → issued, p95', unit: 'minutes' },
	completionToDeliveredAverage: { label: 'Completion → delivered, average', unit: 'minutes' },
	completionToDeliveredP50: { label: 'Completion → delivered, p50', unit: 'minutes' },
	completionToDeliveredP95: { label: 'Completion → delivered, p95', unit: 'minutes' },
	completionToClaimedAverage: { label: 'Completion → claimed, average', unit: 'minutes' },
	completionToClaimedP50: { label: 'Completion → claimed, p50', unit: 'minutes' },
	completionToClaimedP95: { label: 'Completion → claimed, p95', unit: 'minutes' },
	errorRate: {
		label: 'Error rate (failed attempts / attempts)',
		unit: '%',
		target: { op: '<', value: 0.5 },
		warning: { op: '>', value: 1 },
		ifMissed: 'Read the failures in List Due Retries; fix data or mapping errors at the source.',
	},
	escalationRate: {
		label: 'Escalation rate (escalated / decided)',
		unit: '%',
		target: { op: '<', value: 3 },
		warning: { op: '>', value: 5 },
		ifMissed: 'Review thresholds: which reasons send completions to a person?',
	},
	claimRate: {
		label: 'Claim rate (claimed / issued)',
		unit: '%',
		target: { op: '>', value: 85 },
		warning: { op: '<', value: 70 },
		ifMissed: 'Check the learner notification: does it reach learners and link to the claim?',
	},
	platformAvailability: {
		label: 'Platform availability (recorded attempts)',
		unit: '%',
		target: { op: '>', value: 99.5 },
		warning: { op: '<', value: 99 },
		ifMissed: 'Check the platform status and the Outage output of List Due Retries.',
	},
	reviewQueueSize: { label: 'Open reviews at period end', unit: 'count' },
	reviewQueueOldestHours: {
		label: 'Oldest open review',
		unit: 'hours',
		target: { op: '<', value: 24 },
		ifMissed: 'Work the review queue: the playbook resolves held items within 24 h.',
	},
	completeEvidence: {
		label: 'Issued with complete evidence',
		unit: '%',
		target: { op: '>=', value: 100 },
		ifMissed:
			'Audit readiness has a gap: record each decision with its rules, data points and evidence before issuing.',
	},
	auditExportSeconds: {
		label: 'Time to produce the audit export',
		unit: 'seconds',
		target: { op: '<', value: 300 },
		ifMissed: 'Export less often from a busy ledger, or move it to Postgres storage.',
	},
} satisfies Record<string, FigureRule>;

export type MetricName = keyof typeof RULES;

export interface LedgerMetrics {
	groupBy: MetricsGroupBy;
	group: string;
	periodStart: string;
	periodEnd: string;
	/** The worst status among the figures that have a target. */
	status: FigureStatus;
	metrics: Record<MetricName, Figure>;
}

export interface MetricsOptions {
	periodStart: string;
	periodEnd: string;
	groupBy?: MetricsGroupBy;
	/** Seconds the audit export took, when the caller measured it. */
	auditExportSeconds?: number;
}

/** Metrics per group over [periodStart, periodEnd), in one pass over the chain. */
export async function ledgerMetrics(
	entries: AsyncIterable<LedgerEntry>,
	options: MetricsOptions,
): Promise<LedgerMetrics[]> {
	const period = periodOf(options.periodStart, options.periodEnd);
	const groupBy = options.groupBy ?? 'none';
	if (!METRICS_GROUPS.includes(groupBy))
		throw invalidInput('metrics options', [
			{
				path: 'groupBy',
				message: `received "${String(groupBy)}"; expected one of ${METRICS_GROUPS.join(', ')}`,
			},
		]);
	const facts = await scanMetrics(entries, period);
	const groups = new Map<string, KeyFacts[]>();
	if (groupBy === 'none') groups.set('all', []);
	for (const track of facts.values()) {
		if (!active(track)) continue;
		const name = groupBy === 'none' ? 'all' : (track[groupOf[groupBy]] ?? UNKNOWN_GROUP);
		const list = groups.get(name);
		if (list) list.push(track);
		else groups.set(name, [track]);
	}
	return [...groups.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([group, tracks]) => {
			const metrics = figuresOf(tracks, period.to, options.auditExportSeconds);
			return {
				groupBy,
				group,
				periodStart: options.periodStart,
				periodEnd: options.periodEnd,
				status: worstStatus(Object.values(metrics)),
				metrics,
			};
		});
}

const groupOf = { course: 'course', platform: 'platform', event: 'event' } as const;

/** Something happened to it in the period, or a review of it is still open. */
function active(t: KeyFacts): boolean {
	return t.seenInPeriod || t.reviewOpenedAt !== undefined;
}

function figuresOf(
	tracks: KeyFacts[],
	periodEnd: number,
	auditExportSeconds: number | undefined,
): Record<MetricName, Figure> {
	const count = (test: (t: KeyFacts) => boolean) => tracks.filter(test).length;
	const sum = (read: (t: KeyFacts) => number) => tracks.reduce((total, t) => total + read(t), 0);
	const decided = count((t) => t.decided);
	const issuedKeys = tracks.filter((t) => t.issued > 0);
	const attempts = sum((t) => t.attempts);
	const failed = sum((t) => t.failures);
	const escalated = count((t) => t.escalated);
	const platformCalls = issuedKeys.length + sum((t) => t.retryableFailures);
	const openSince = tracks
		.map((t) => t.reviewOpenedAt)
		.filter((at): at is number => at !== undefined);
	// A loop, not Math.min(...list): a spread of a few hundred thousand arguments overflows the stack.
	const oldest = openSince.reduce<number | null>(
		(min, at) => (min === null || at < min ? at : min),
		null,
	);
	const values: Record<MetricName, number | null> = {
		decided,
		issued: sum((t) => t.issued),
		wouldIssue: sum((t) => t.wouldIssue),
		refused: count((t) => t.outcome === 'not_eligible'),
		inReview: count((t) => t.outcome === 'needs_review'),
		escalated,
		failed,
		revoked: sum((t) => t.revoked),
		reissued: sum((t) => t.reissued),
		...timings(
			'completionToIssued',
			tracks.map((t) => t.toIssued),
		),
		...timings(
			'completionToDelivered',
			tracks.map((t) => t.toDelivered),
		),
		...timings(
			'completionToClaimed',
			tracks.map((t) => t.toClaimed),
		),
		errorRate: percent(failed, attempts),
		escalationRate: percent(escalated, decided),
		claimRate: percent(issuedKeys.filter((t) => t.claimed).length, issuedKeys.length),
		platformAvailability: percent(issuedKeys.length, platformCalls),
		reviewQueueSize: openSince.length,
		reviewQueueOldestHours: oldest === null ? null : round2((periodEnd - oldest) / HOUR),
		completeEvidence: percent(
			issuedKeys.filter((t) => t.evidenceComplete && t.hasEvidenceHash).length,
			issuedKeys.length,
		),
		auditExportSeconds: auditExportSeconds === undefined ? null : round2(auditExportSeconds),
	};
	const figures = {} as Record<MetricName, Figure>;
	for (const name of Object.keys(RULES) as MetricName[])
		figures[name] = figure(values[name], RULES[name]);
	return figures;
}

type TimingName = 'completionToIssued' | 'completionToDelivered' | 'completionToClaimed';

/** Average, p50 and p95 (nearest rank) in minutes of the durations present. */
function timings(
	name: TimingName,
	durations: Array<number | undefined>,
): Record<`${TimingName}${'Average' | 'P50' | 'P95'}`, number | null> {
	const present = Float64Array.from(durations.filter((d): d is number => d !== undefined)).sort();
	const minutes = (ms: number | undefined) => (ms === undefined ? null : round2(ms / MINUTE));
	const rank = (p: number) => present[Math.max(0, Math.ceil((p / 100) * present.length) - 1)];
	const total = present.reduce((a, b) => a + b, 0);
	const empty = present.length === 0;
	return {
		[`${name}Average`]: empty ? null : minutes(total / present.length),
		[`${name}P50`]: empty ? null : minutes(rank(50)),
		[`${name}P95`]: empty ? null : minutes(rank(95)),
	} as Record<`${TimingName}${'Average' | 'P50' | 'P95'}`, number | null>;
}
