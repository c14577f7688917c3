import { ATTENDANCE_FINDINGS } from '../../../nodes/core/domain/attendance';
import {
	CREDIT_REASON_CODES,
	creditOutcome,
	type CreditReasonCode,
} from '../../../nodes/core/domain/credit';

describe('credit reason-code catalogue', () => {
	it('has stable UPPER_SNAKE codes, each with a description, including every attendance finding', () => {
		for (const [code, info] of Object.entries(CREDIT_REASON_CODES)) {
			expect([code, /^[A-Z][A-Z0-9_]*$/.test(code), info.description.length > 20]).toEqual([
				code,
				true,
				true,
			]);
		}
		for (const code of Object.keys(ATTENDANCE_FINDINGS))
			expect(Object.keys(CREDIT_REASON_CODES)).toContain(code);
	});

	it('lists exactly the codes that send a decision to review', () => {
		const review = Object.entries(CREDIT_REASON_CODES)
			.filter(([, info]) => info.review)
			.map(([code]) => code)
			.sort();
		expect(review).toEqual([
			'ATTENDED_OVERLAPPING_SESSIONS',
			'CHECK_OUT_WITHOUT_CHECK_IN',
			'CONFLICTING_SOURCES',
			'IDENTITY_FROM_NAME_ONLY',
			'LOCAL_TIME_AMBIGUOUS_DST',
			'LOCAL_TIME_IN_DST_GAP',
			'MISSING_CHECKOUT',
			'NANO_LENGTH_OUT_OF_RANGE',
			'POLLING_BELOW_FULL_CREDIT_PERCENT',
			'SESSION_ASSIGNMENT_AMBIGUOUS',
		]);
	});

	it('derives the outcome: review first, then credits against the maximum', () => {
		const reason = (code: CreditReasonCode) => ({ code, detail: '' });
		expect(creditOutcome([reason('MET_DURATION_THRESHOLD')], '2', '2')).toBe('full_credit');
		expect(creditOutcome([reason('PARTIAL_DURATION_CREDIT')], '1.4', '2')).toBe('partial_credit');
		expect(creditOutcome([reason('BELOW_MINIMUM_CREDIT')], '0', '2')).toBe('no_credit');
		expect(
			creditOutcome([reason('MET_DURATION_THRESHOLD'), reason('CONFLICTING_SOURCES')], '2', '2'),
		).toBe('needs_review');
	});
});
