// The daily summary and alerts over a real ledger: 100 learners failing against one platform for
// 40 minutes are one outage alert, not 100; each crossed warning threshold is one alert whose key
// is the same on a second run the same day; reviews past the SLA are one alert; the summary
// counts yesterday only.
import {
	dailySummary,
	operationsAlerts,
	yesterdayOf,
	type CredentialLedger,
	type OperationsMessage,
} from '../../../nodes/core/domain/ledger';
import { decision, openTestLedger, removeTempFolders } from './support/fixtures';
import { recordTimedOut } from './support/timed-out';

const NOW = new Date('2026-05-05T09:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const before = (ms: number) => new Date(NOW.getTime() - ms);

afterEach(removeTempFolders);

/** learners failing against Accredible, the first 40 minutes ago, one a second after. */
async function seedOutage(ledger: CredentialLedger, learners: number): Promise<void> {
	for (let n = 0; n < learners; n++)
		await recordTimedOut(ledger, `L-${n}`, before(40 * MINUTE - n * 1000));
}

async function messagesAt(ledger: CredentialLedger, now: Date): Promise<OperationsMessage[]> {
	const yesterday = yesterdayOf(now);
	const [yesterdayMetrics] = await ledger.metrics(yesterday);
	const [recent] = await ledger.metrics({
		periodStart: new Date(now.getTime() - 24 * HOUR).toISOString(),
		periodEnd: now.toISOString(),
	});
	const queue = await ledger.listDueRetries({ now, outageMinutes: 30, outageMinCredentials: 2 });
	const openReviews = await ledger.listOpenReviews({ now });
	const overdueReviews = await ledger.listOpenReviews({ now, olderThanHours: 24 });
	const day = now.toISOString().slice(0, 10);
	return [
		dailySummary({
			yesterday: yesterdayMetrics,
			day: yesterday.day,
			openReviews,
			queue,
			reviewSlaHours: 24,
		}),
		...operationsAlerts({
			recent,
			day,
			outages: queue.outages,
			overdueReviews,
			reviewSlaHours: 24,
		}),
	];
}

describe('yesterdayOf', () => {
	it('is the whole previous UTC day', () => {
		expect(yesterdayOf(new Date('2026-05-05T00:30:00+02:00'))).toEqual({
			periodStart: '2026-05-03T00:00:00.000Z',
			periodEnd: '2026-05-04T00:00:00.000Z',
			day: '2026-05-03',
		});
	});
});

describe('operations alerts', () => {
	it('100 learners failing for 40 minutes: one outage alert, one per crossed threshold, stable keys', async () => {
		const { ledger, store } = await openTestLedger();
		await seedOutage(ledger, 100);
		const first = await messagesAt(ledger, NOW);
		const alerts = first.filter((m) => m.kind !== 'summary');
		const outages = alerts.filter((m) => m.kind === 'platform_outage');
		expect(outages).toHaveLength(1);
		expect(outages[0].subject).toBe('accredible has been failing for 40 minutes');
		expect(outages[0].text).toContain('100 credential(s) are failing');
		// The error rate and the platform availability are past their warning thresholds.
		expect(
			alerts
				.filter((m) => m.kind === 'threshold')
				.map((m) => m.messageKey)
				.sort(),
		).toEqual(['threshold:errorRate:2026-05-05', 'threshold:platformAvailability:2026-05-05']);
		expect(alerts.length).toBeLessThan(5);
		// Ten minutes later the same conditions give the same keys: the workflow sends nothing new.
		const later = await messagesAt(ledger, new Date(NOW.getTime() + 10 * MINUTE));
		expect(later.map((m) => m.messageKey)).toEqual(first.map((m) => m.messageKey));
		await store.close();
	});

	it('a quiet ledger: the summary only, no alert', async () => {
		const { ledger, store } = await openTestLedger();
		const messages = await messagesAt(ledger, NOW);
		expect(messages.map((m) => m.kind)).toEqual(['summary']);
		expect(messages[0].messageKey).toBe('summary:2026-05-04');
		await store.close();
	});

	it('reviews past the SLA are one alert listing each; the summary counts yesterday only', async () => {
		const { ledger, store } = await openTestLedger();
		for (const [n, hours] of [
			[1, 30],
			[2, 34],
			[3, 2],
		] as const) {
			const at = before(hours * HOUR);
			await ledger.recordDecision(
				`ik_review_${n}`,
				decision(`L-R${n}`, 'C-101', {
					outcome: 'needs_review',
					reasons: [{ code: 'TIME_AT_MINIMUM' }],
					decidedAt: at.toISOString(),
				}),
				{ now: at },
			);
		}
		const messages = await messagesAt(ledger, NOW);
		const sla = messages.filter((m) => m.kind === 'review_sla');
		expect(sla).toHaveLength(1);
		expect(sla[0]).toMatchObject({
			messageKey: 'review_sla:2026-05-05',
			subject: '2 review(s) waiting longer than the 24 h SLA',
		});
		expect(sla[0].text).toMatch(
			/learner L-R2, course C-101: open 34 h[\s\S]*learner L-R1, course C-101: open 30 h/,
		);
		expect(sla[0].text).not.toContain('L-R3');
		const summary = messages[0];
		// 30 h before 09:00 on the 5th is 03:00 on the 4th; 34 h before is the 3rd: one decided yesterday.
		expect(summary.text).toContain('- Completions decided: 1\n');
		expect(summary.text).toContain('- Open reviews: 3, of which past the 24 h SLA: 2');
		expect(summary.subject).toBe(
			'Credentials on 2026-05-04: 0 issued, 3 open review(s), status breach',
		);
		await store.close();
	});
});
