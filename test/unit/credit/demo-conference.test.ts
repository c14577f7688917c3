import { computeCredits, sumCredits } from '../../../nodes/core/domain/credit';
import { CreditDecisionSchema } from '../../../nodes/core/domain/model';
import { loadDemo } from './demo-fixtures';

// The sample conference in test/fixtures/cpe (also what the demo ships): every source parsed,
// every bad row reported with its row and column, and one explained decision per attendee.
const demo = loadDemo();
const signals = Object.values(demo.sources).flatMap((source) => source.signals);
const result = computeCredits({
	schedule: demo.schedule,
	policies: demo.policies,
	signals,
	now: new Date('2026-05-20T00:00:00Z'),
});
if (!result.ok) throw new Error(JSON.stringify(result.issues));
const table = result.decisions.map((d) => [
	d.subject.attendeeId,
	d.subject.sessionId,
	d.outcome,
	d.credits,
	d.reasons.map((r) => r.code).join(' '),
]);

describe('sample conference fixtures', () => {
	it('reports bad rows with row and column and keeps reading the others', () => {
		const errors = Object.fromEntries(
			Object.entries(demo.sources).map(([name, s]) => [
				name,
				s.errors.map((e) => `${e.row}:${e.column}`),
			]),
		);
		expect(errors).toEqual({
			badge: ['26:Session', '27:Scan Time'],
			kiosk: ['4:Check-Out Time'],
			zoomReport: [],
			zoomWebhooks: ['4:payload.object.id'],
			polls: [],
			manual: [],
			heartbeats: [],
		});
		expect(demo.sources.badge.signals).toHaveLength(25);
		expect(demo.sources.kiosk.skipped).toEqual([
			{ row: 3, reason: 'column "Checked In" says the attendee did not check in' },
		]);
		expect(demo.sources.zoomReport.skipped).toEqual([
			{ row: 5, reason: 'participant was in the waiting room, not in the session' },
		]);
		expect(demo.sources.zoomWebhooks.skipped.map((s) => s.row)).toEqual([1]);
	});

	it('decides every attendee and session with credits and reason codes', () => {
		expect(table).toEqual([
			['1004', 'A1', 'full_credit', '2', 'MET_DURATION_THRESHOLD'],
			['1005', 'B1', 'no_credit', '0', 'ARRIVED_LATE LEFT_EARLY BELOW_MINIMUM_CREDIT'],
			['1008', 'A1', 'full_credit', '2', 'MANUAL_CONFIRMATION_APPLIED MET_DURATION_THRESHOLD'],
			[
				'1009',
				'B1',
				'partial_credit',
				'1.2',
				'MANUAL_CONFIRMATION_APPLIED LEFT_EARLY PARTIAL_DURATION_CREDIT',
			],
			[
				'ada@example.com',
				'KEY',
				'full_credit',
				'1',
				'EARLY_DEPARTURE_GRACE_APPLIED MET_DURATION_THRESHOLD',
			],
			['ada@example.com', 'A1', 'full_credit', '2', 'DUPLICATE_SIGNALS MET_DURATION_THRESHOLD'],
			[
				'ada@example.com',
				'W1',
				'partial_credit',
				'1.8',
				'PARTIAL_DURATION_CREDIT POLLING_REQUIREMENT_MET',
			],
			[
				'ada@example.com',
				'H1',
				'full_credit',
				'1.4',
				'DELIVERY_METHOD_FROM_ATTENDANCE MET_DURATION_THRESHOLD',
			],
			[
				'ada@example.com',
				'LIGHTNING',
				'partial_credit',
				'1.4',
				'ARRIVED_LATE LEFT_EARLY PROGRAM_AGGREGATED PARTIAL_DURATION_CREDIT',
			],
			[
				'alan@example.com',
				'A1',
				'needs_review',
				'0',
				'MISSING_CHECKOUT NO_PRESENCE_DURING_CONTENT',
			],
			[
				'alan@example.com',
				'B1',
				'needs_review',
				'0',
				'CHECK_OUT_WITHOUT_CHECK_IN NO_PRESENCE_DURING_CONTENT',
			],
			['grace@example.com', 'KEY', 'no_credit', '0', 'ARRIVED_LATE BELOW_ATTENDANCE_MINIMUM'],
			[
				'grace@example.com',
				'A1',
				'needs_review',
				'0',
				'ATTENDED_OVERLAPPING_SESSIONS ARRIVED_LATE LEFT_EARLY BELOW_MINIMUM_CREDIT',
			],
			[
				'grace@example.com',
				'B1',
				'needs_review',
				'1.4',
				'ATTENDED_OVERLAPPING_SESSIONS ARRIVED_LATE PARTIAL_DURATION_CREDIT',
			],
			[
				'grace@example.com',
				'H1',
				'partial_credit',
				'1',
				'ARRIVED_LATE LEFT_EARLY DELIVERY_METHOD_FROM_ATTENDANCE PARTIAL_DURATION_CREDIT',
			],
			[
				'grace@example.com',
				'LIGHTNING',
				'no_credit',
				'0',
				'ARRIVED_LATE PROGRAM_AGGREGATED BELOW_MINIMUM_CREDIT',
			],
			[
				'katherine@example.com',
				'W1',
				'no_credit',
				'0',
				'CLOCK_SKEW_TOLERATED LEFT_EARLY PARTIAL_DURATION_CREDIT POLLING_BELOW_MINIMUM',
			],
			[
				'katherine@example.com',
				'H1',
				'partial_credit',
				'1',
				'DELIVERY_METHOD_FROM_ATTENDANCE MET_DURATION_THRESHOLD POLLING_LIMITED_CREDIT',
			],
			[
				'name:guest viewer',
				'W1',
				'needs_review',
				'0',
				'IDENTITY_FROM_NAME_ONLY ARRIVED_LATE LEFT_EARLY PARTIAL_DURATION_CREDIT POLLING_BELOW_MINIMUM',
			],
		]);
	});

	it('gives each attendee their own delivery method in the hybrid panel', () => {
		const h1 = result.decisions
			.filter((d) => d.subject.sessionId === 'H1')
			.map((d) => [d.subject.attendeeId, d.deliveryMethod]);
		expect(h1).toEqual([
			['ada@example.com', 'group-live'],
			['grace@example.com', 'group-live'],
			['katherine@example.com', 'group-internet'],
		]);
	});

	it('produces decisions that satisfy the published schema and sum exactly', () => {
		for (const decision of result.decisions)
			expect(CreditDecisionSchema.safeParse(decision).success).toBe(true);
		const adaCredits = result.decisions
			.filter((d) => d.subject.attendeeId === 'ada@example.com')
			.map((d) => d.credits);
		expect(sumCredits(adaCredits)).toBe('7.6');
		expect(result.invalidSignals).toEqual([]);
		// Identical parts are shared and frozen; a JSON copy is an ordinary, equal value.
		const ada = result.decisions.find(
			(d) => d.subject.attendeeId === 'ada@example.com' && d.subject.sessionId === 'A1',
		);
		expect([Object.isFrozen(ada?.dataPoints), Object.isFrozen(ada?.subject.sessionIds)]).toEqual([
			true,
			true,
		]);
		expect(JSON.parse(JSON.stringify(result.decisions))).toEqual(result.decisions);
		expect(result.unassignedSignals).toEqual([]);
	});
});
