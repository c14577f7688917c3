import { ATTENDANCE_FINDINGS } from '../attendance/findings';
import type { CreditOutcome } from '../model';

export interface CreditReasonInfo {
	/** A review reason sends the decision to needs_review whatever the credits. */
	review: boolean;
	description: string;
}

/**
 * Every reason a credit decision can carry: the attendance findings plus the policy's own.
 * Codes are a stable public interface (filtered on in workflows, shown to auditors): add new
 * codes, never rename or reuse one.
 */
export const CREDIT_REASON_CODES = Object.freeze({
	...ATTENDANCE_FINDINGS,
	MET_DURATION_THRESHOLD: {
		review: false,
		description:
			'Attendance meets the policy in full: the maximum credit for the session or program is awarded.',
	},
	PARTIAL_DURATION_CREDIT: {
		review: false,
		description: 'Credit for the minutes attended, rounded as the policy says; below the maximum.',
	},
	BELOW_ATTENDANCE_MINIMUM: {
		review: false,
		description: "The attended share is below the policy's minimum percentage: no credit.",
	},
	BELOW_MINIMUM_CREDIT: {
		review: false,
		description:
			'The attended time is worth less than the minimum award (NASBA group programs: 1.0): no credit.',
	},
	SESSION_BELOW_MINIMUM_CREDIT: {
		review: false,
		description:
			'The session alone is too short to carry credit; give such sessions a programId to combine them (NASBA R7).',
	},
	NO_ATTENDANCE_RECORDED: {
		review: false,
		description: 'No presence evidence for the attendee in the session: no credit.',
	},
	NO_PRESENCE_DURING_CONTENT: {
		review: false,
		description:
			'There is evidence, but no presence inside the learning content counts (only an unmatched check-in, or times outside the content).',
	},
	ARRIVED_LATE: {
		review: false,
		description: 'Presence starts after the content start (beyond any grace).',
	},
	LEFT_EARLY: {
		review: false,
		description: 'Presence ends before the content end (beyond any grace).',
	},
	LATE_ARRIVAL_GRACE_APPLIED: {
		review: false,
		description: "A late arrival within the policy's grace counts from the content start.",
	},
	EARLY_DEPARTURE_GRACE_APPLIED: {
		review: false,
		description: "An early departure within the policy's grace counts to the content end.",
	},
	MISSING_CHECKOUT_GRACE_APPLIED: {
		review: false,
		description:
			'An entry without exit counts to the content end (or to the next presence elsewhere), as the policy allows.',
	},
	MISSING_CHECKOUT_NOT_COUNTED: {
		review: false,
		description: 'An entry without exit counts nothing after the entry, as the policy says.',
	},
	MISSING_CHECKIN_GRACE_APPLIED: {
		review: false,
		description:
			'An exit without entry counts from the content start (or the previous presence elsewhere), as the policy allows.',
	},
	MISSING_CHECKIN_NOT_COUNTED: {
		review: false,
		description: 'An exit without entry counts nothing before the exit, as the policy says.',
	},
	POLLING_REQUIREMENT_MET: {
		review: false,
		description: 'Enough attendance polls were answered for the time-based credit.',
	},
	POLLING_LIMITED_CREDIT: {
		review: false,
		description:
			'Answered polls support less credit than the time attended (NASBA R11: three per credit); the lower value is awarded.',
	},
	POLLING_BELOW_MINIMUM: {
		review: false,
		description: 'Too few attendance polls were answered for any credit.',
	},
	POLLING_BELOW_FULL_CREDIT_PERCENT: {
		review: true,
		description: "The share of polls answered is in the policy's review band, below full credit.",
	},
	COMPLETION_CONFIRMED: {
		review: false,
		description:
			'Self study or nano learning: completion is confirmed, the designated credit is awarded.',
	},
	COMPLETION_NOT_CONFIRMED: {
		review: false,
		description: 'Self study or nano learning without a completion confirmation: no credit.',
	},
	NANO_LENGTH_OUT_OF_RANGE: {
		review: true,
		description: 'A nano program must last at least 10 and less than 20 minutes (NASBA R4, R16).',
	},
	PROGRAM_AGGREGATED: {
		review: false,
		description:
			'Sessions sharing a programId are credited together, overlapping time counted once (NASBA R7).',
	},
	DELIVERY_METHOD_FROM_ATTENDANCE: {
		review: false,
		description:
			'Hybrid session: the delivery method is the one the attendee used (room scans: group live; online: group internet based).',
	},
} as const satisfies Record<string, CreditReasonInfo>);

export type CreditReasonCode = keyof typeof CREDIT_REASON_CODES;

export interface CreditReason {
	code: CreditReasonCode;
	detail: string;
}

/** needs_review if any reason asks for it, else by credits against the maximum. */
export function creditOutcome(
	reasons: readonly CreditReason[],
	credits: string,
	maxCredits: string,
): CreditOutcome {
	for (const reason of reasons) if (CREDIT_REASON_CODES[reason.code].review) return 'needs_review';
	if (credits === '0') return 'no_credit';
	return credits === maxCredits ? 'full_credit' : 'partial_credit';
}
