// Ledger metrics over a generated ledger with known timings: every expected figure is computed
// here from the credential plans (filters over each plan's own events), not by the metrics code.
import {
	isLedgerError,
	type LedgerEntry,
	type LedgerMetrics,
	type MetricName,
} from '../../../nodes/core/domain/ledger';
import { ledgerMetrics } from '../../../nodes/core/domain/ledger/metrics';
import { decision, openTestLedger, removeTempFolders, ISSUED } from './support/fixtures';
import { dropTables, endPools, issuedPgLedger, postgresAvailable } from './support/postgres';
import {
	PERIOD_END,
	PERIOD_START,
	entriesOf,
	planCredentials,
	streamOf,
	type CredentialPlan,
	type EventType,
	type PlannedEvent,
} from './support/metrics-ledger';

afterEach(removeTempFolders);

const PERIOD = {
	periodStart: new Date(PERIOD_START).toISOString(),
	periodEnd: new Date(PERIOD_END).toISOString(),
};
const inPeriod = (e: PlannedEvent) => e.at >= PERIOD_START && e.at < PERIOD_END;
const eventsOf = (plan: CredentialPlan, type: EventType) =>
	plan.events.filter((e) => e.type === type);
const firstInPeriod = (plan: CredentialPlan, type: EventType) =>
	eventsOf(plan, type).find(inPeriod);

function nearestRank(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

function minutesSummary(durationsMs: number[]) {
	const minutes = durationsMs.map((ms) => ms / 60_000);
	let total = 0;
	for (const m of minutes) total += m;
	return {
		Average: total / minutes.length,
		P50: nearestRank(minutes, 50),
		P95: nearestRank(minutes, 95),
	};
}

/** The expected values, from the plans alone. */
function expectedOf(plans: CredentialPlan[]): Partial<Record<MetricName, number>> {
	const countIn = (type: EventType, test = (_: PlannedEvent) => true) =>
		plans.reduce((n, p) => n + eventsOf(p, type).filter((e) => inPeriod(e) && test(e)).length, 0);
	const decided = plans.filter((p) => firstInPeriod(p, 'decided'));
	const issued = plans.filter((p) => firstInPeriod(p, 'issued'));
	const escalated = plans.filter((p) => firstInPeriod(p, 'review'));
	const claimedBeforeEnd = issued.filter((p) =>
		eventsOf(p, 'claimed').some((e) => e.at < PERIOD_END),
	);
	const retryableFailures = countIn('failed', (e) => e.retryable === true);
	// A review opens with a Needs Review decision or a review entry; issuing, an override, a
	// revocation or a supersession closes it.
	const opens = (p: CredentialPlan, e: PlannedEvent) =>
		e.type === 'review' || (e.type === 'decided' && p.outcome === 'needs_review');
	const openedAt: number[] = [];
	for (const p of plans) {
		const seen = p.events.filter((e) => e.at < PERIOD_END);
		const opening = seen.find((e) => opens(p, e));
		const closed = seen.some((e) =>
			['issued', 'override', 'revoked', 'superseded'].includes(e.type),
		);
		if (opening && !closed) openedAt.push(opening.at);
	}
	const timing = (type: EventType, at: (e: PlannedEvent) => number) =>
		minutesSummary(
			plans.flatMap((p) => {
				const event = firstInPeriod(p, type);
				return event ? [at(event) - p.completedAt] : [];
			}),
		);
	const toIssued = timing('issued', (e) => e.at);
	const toDelivered = timing('delivered', (e) => e.at);
	const toClaimed = timing('claimed', (e) => e.claimedAt ?? e.at);
	return {
		decided: decided.length,
		issued: issued.length,
		refused: decided.filter((p) => p.outcome === 'not_eligible').length,
		inReview: decided.filter((p) => p.outcome === 'needs_review').length,
		escalated: escalated.length,
		failed: countIn('failed'),
		revoked: countIn('revoked'),
		reissued: countIn('superseded'),
		completionToIssuedAverage: toIssued.Average,
		completionToIssuedP50: toIssued.P50,
		completionToIssuedP95: toIssued.P95,
		completionToDeliveredAverage: toDelivered.Average,
		completionToDeliveredP50: toDelivered.P50,
		completionToDeliveredP95: toDelivered.P95,
		completionToClaimedAverage: toClaimed.Average,
		completionToClaimedP50: toClaimed.P50,
		completionToClaimedP95: toClaimed.P95,
		errorRate: (100 * countIn('failed')) / countIn('reserved'),
		escalationRate: (100 * escalated.length) / decided.length,
		claimRate: (100 * claimedBeforeEnd.length) / issued.length,
		platformAvailability: (100 * issued.length) / (issued.length + retryableFailures),
		reviewQueueSize: openedAt.length,
		reviewQueueOldestHours: (PERIOD_END - Math.min(...openedAt)) / 3_600_000,
		completeEvidence: (100 * issued.filter((p) => p.completeEvidence).length) / issued.length,
	};
}

function expectFigures(report: LedgerMetrics, expected: Partial<Record<MetricName, number>>) {
	for (const [name, value] of Object.entries(expected) as Array<[MetricName, number]>) {
		const actual = report.metrics[name].value;
		if (report.metrics[name].unit === 'count') expect([name, actual]).toEqual([name, value]);
		// Figures are rounded to two decimals for display.
		else expect([name, Math.abs((actual ?? NaN) - value) <= 0.005 + 1e-9]).toEqual([name, true]);
	}
}

describe('ledger metrics', () => {
	const plans = planCredentials(3000);
	const entries = entriesOf(plans);

	it('match figures computed from the plans, over the whole ledger', async () => {
		const [report, ...others] = await ledgerMetrics(streamOf(entries), PERIOD);
		expect(others).toEqual([]);
		expect(report).toMatchObject({ groupBy: 'none', group: 'all', ...PERIOD });
		const expected = expectedOf(plans);
		// The generator must exercise every figure, or a broken one could pass unnoticed.
		expect(Object.values(expected).every((v) => Number.isFinite(v) && v > 0)).toBe(true);
		expectFigures(report, expected);
	});

	it('read timestamps written without milliseconds the same way', async () => {
		// The generated times are whole seconds, so dropping ".000" names the same instants.
		const short = entries.map((entry) => ({ ...entry, at: entry.at.replace('.000Z', 'Z') }));
		expect(short.every((entry) => entry.at.length === 20)).toBe(true);
		const [fromShort] = await ledgerMetrics(streamOf(short), PERIOD);
		const [fromCanonical] = await ledgerMetrics(streamOf(entries), PERIOD);
		expect(fromShort).toEqual(fromCanonical);
	});

	it('match per course, one item per course in name order', async () => {
		const reports = await ledgerMetrics(streamOf(entries), { ...PERIOD, groupBy: 'course' });
		expect(reports.map((r) => r.group)).toEqual(['C-1', 'C-2', 'C-3', 'C-4']);
		for (const report of reports)
			expectFigures(report, expectedOf(plans.filter((p) => p.course === report.group)));
	});

	it('judge each figure against the playbook target and warning threshold', async () => {
		const [report] = await ledgerMetrics(streamOf(entries), PERIOD);
		const { errorRate, claimRate, completeEvidence, issued } = report.metrics;
		expect(errorRate.target).toEqual({ op: '<', value: 0.5 });
		expect(errorRate.warning).toEqual({ op: '>', value: 1 });
		// About one attempt in ten fails here: past the 1 % warning threshold.
		expect(errorRate.status).toBe('breach');
		expect(errorRate.ifMissed).toMatch(/List Due Retries/);
		// 60 % claimed: under the 70 % warning threshold.
		expect(claimRate.status).toBe('breach');
		// 95 % complete: any gap is a breach.
		expect(completeEvidence.status).toBe('breach');
		expect(issued).toMatchObject({ status: 'info', target: null });
		expect(report.status).toBe('breach');
	});

	it('between target and warning threshold is a warning; within target is ok', async () => {
		const hours = (h: number) => new Date(PERIOD_START + h * 3_600_000).toISOString();
		const businessKey = (h: number) => `moodle|L|C|${hours(h).replace('.000Z', 'Z')}`;
		const entry = (seq: number, type: LedgerEntry['type'], key: string, at: string, payload = {}) =>
			({ seq, type, key, at, payload }) as LedgerEntry;
		const decided = (key: string, completedHour: number) => ({
			subject: { learnerId: key, courseId: 'C', businessKey: businessKey(completedHour) },
			outcome: 'verified',
		});
		// Completion → issued: 5 h and 7 h, average 6 h: misses < 4 h, within the 8 h warning.
		const ledger = [
			entry(1, 'decided', 'a', hours(1), decided('a', 0)),
			entry(2, 'decided', 'b', hours(1), decided('b', 0)),
			entry(3, 'issued', 'a', hours(5), { platform: 'p' }),
			entry(4, 'issued', 'b', hours(7), { platform: 'p' }),
			entry(5, 'claimed', 'a', hours(8)),
			entry(6, 'claimed', 'b', hours(8)),
		];
		const [report] = await ledgerMetrics(streamOf(ledger), PERIOD);
		expect(report.metrics.completionToIssuedAverage).toMatchObject({
			value: 360,
			status: 'warning',
		});
		expect(report.metrics.claimRate).toMatchObject({ value: 100, status: 'ok' });
		expect(report.metrics.platformAvailability).toMatchObject({ value: 100, status: 'ok' });
		expect(report.metrics.errorRate).toMatchObject({ value: null, status: 'no_data' });
	});

	it('count a review queue of 200,000 without running out of stack', async () => {
		const held = Array.from({ length: 200_000 }, (_, i) => ({
			seq: i + 1,
			type: 'decided',
			key: `k${i}`,
			at: new Date(PERIOD_START + i * 1000).toISOString(),
			payload: { subject: { learnerId: `L${i}`, courseId: 'C' }, outcome: 'needs_review' },
		})) as unknown as LedgerEntry[];
		const [report] = await ledgerMetrics(streamOf(held), PERIOD);
		expect(report.metrics.reviewQueueSize.value).toBe(200_000);
		expect(report.metrics.reviewQueueOldestHours.value).toBe(
			(PERIOD_END - PERIOD_START) / 3_600_000,
		);
	});

	it('refuses a period that does not parse or ends before it starts, naming the field', async () => {
		const run = (periodStart: string, periodEnd: string) =>
			ledgerMetrics(streamOf([]), { periodStart, periodEnd });
		await expect(run('last month', PERIOD.periodEnd)).rejects.toThrow(
			/Invalid period: periodStart: received "last month"; expected an ISO-8601 timestamp/,
		);
		await expect(run(PERIOD.periodEnd, PERIOD.periodStart)).rejects.toThrow(
			/periodEnd: must be later than periodStart/,
		);
		const error = await run('x', 'y').catch((e: unknown) => e);
		expect(isLedgerError(error, 'invalid_input')).toBe(true);
	});

	it('read a real ledger and time its audit export on request', async () => {
		const { ledger } = await openTestLedger();
		await ledger.reserve('k1', decision('L-1', 'C-101'), { now: '2026-03-02T10:00:00.000Z' });
		await ledger.record('k1', 'issued', ISSUED, 'workflow', { now: '2026-03-02T10:05:00.000Z' });
		const [report] = await ledger.metrics({ ...PERIOD, measureAuditExport: true });
		expect(report.metrics.issued.value).toBe(1);
		expect(report.metrics.decided.value).toBe(1);
		expect(report.metrics.auditExportSeconds.value).toBeGreaterThanOrEqual(0);
		expect(report.metrics.auditExportSeconds.status).toBe('ok');
		const [untimed] = await ledger.metrics(PERIOD);
		expect(untimed.metrics.auditExportSeconds).toMatchObject({ value: null, status: 'no_data' });
	});
});

const describePg = postgresAvailable ? describe : describe.skip;

describePg('ledger metrics and agreement on Postgres', () => {
	afterAll(endPools);

	it('read the same chain through the Postgres store', async () => {
		const { ledger, prefix } = await issuedPgLedger(6);
		try {
			const now = Date.now();
			const period = {
				periodStart: new Date(now - 3_600_000).toISOString(),
				periodEnd: new Date(now + 3_600_000).toISOString(),
			};
			const [report] = await ledger.metrics(period);
			expect([report.metrics.decided.value, report.metrics.issued.value]).toEqual([6, 6]);
			const staff = [0, 1, 2, 3, 4, 5].map((i) => ({
				learnerId: `L-${i}`,
				courseId: 'C-101',
				decision: i === 5 ? 'no' : 'yes',
				source: `item ${i}`,
			}));
			const agreement = await ledger.agreement(staff, period);
			expect(agreement).toMatchObject({ total: 6, agreements: 5, falsePositives: 1 });
		} finally {
			await dropTables(prefix);
		}
	});
});
