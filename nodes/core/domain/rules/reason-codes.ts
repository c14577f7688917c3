import type { Outcome } from '../model';

export interface ReasonCodeInfo {
	/**
	 * The outcome this reason forces at least (a rule-set setting may make it stricter, see
	 * ReasonOutcome); 'verified' reasons are informational.
	 */
	outcome: Outcome;
	description: string;
}

/**
 * Every reason a completion decision can carry. Codes are a stable public interface (they are
 * published in docs/nodes/VerifyCompletion.md and filtered on in workflows): add new codes, never
 * rename or reuse. The decision outcome is derived from this table, so it is the single source
 * of truth.
 */
export const REASON_CODES = Object.freeze({
	ALL_CRITERIA_MET: {
		outcome: 'verified',
		description: 'Every criterion of the course rule is met.',
	},
	SCORE_MET: {
		outcome: 'verified',
		description: 'The score percentage is at or above the passing score.',
	},
	SCORE_NEAR_THRESHOLD: {
		outcome: 'needs_review',
		description: 'The score is below the passing score but within the review margin.',
	},
	SCORE_BELOW_THRESHOLD: {
		outcome: 'not_eligible',
		description: 'The score is below the passing score by more than the review margin.',
	},
	SCORE_MISSING: {
		outcome: 'needs_review',
		description: 'The course requires a passing score but no score was received.',
	},
	TIME_MET: { outcome: 'verified', description: 'Time on task is above the required minimum.' },
	TIME_AT_MINIMUM: {
		outcome: 'needs_review',
		description:
			'Time on task equals the minimum exactly, which is often an LMS cap or default value.',
	},
	TIME_BELOW_MINIMUM: {
		outcome: 'needs_review',
		description:
			'Time on task is below the required minimum; Not Eligible instead when the rule set sets timeBelowMinimum: not_eligible.',
	},
	TIME_MISSING: {
		outcome: 'needs_review',
		description: 'The course requires a minimum time on task but none was received.',
	},
	MODULES_COMPLETE: { outcome: 'verified', description: 'Every required module is completed.' },
	MODULES_INCOMPLETE: {
		outcome: 'not_eligible',
		description: 'One or more required modules are missing or incomplete.',
	},
	MODULE_EXEMPT: {
		outcome: 'needs_review',
		description: 'One or more required modules are marked exempt instead of completed.',
	},
	PREREQUISITES_MET: {
		outcome: 'verified',
		description: 'Every prerequisite course is completed.',
	},
	PREREQUISITE_IN_APPEAL: {
		outcome: 'needs_review',
		description: 'A prerequisite course result is under appeal.',
	},
	PREREQUISITE_MISSING: {
		outcome: 'not_eligible',
		description: 'A prerequisite course is not completed or has no record.',
	},
	IDENTITY_MATCH: {
		outcome: 'verified',
		description: 'The recipient name matches the learner name within the tolerance.',
	},
	NAME_MISMATCH: {
		outcome: 'needs_review',
		description: 'The recipient name differs from the learner name by more than the tolerance.',
	},
	SCORE_MISMATCH: {
		outcome: 'needs_review',
		description:
			"The event's score and the LMS lookup's score differ by more than the rule set's scoreMismatchTolerance (default 5 percentage points).",
	},
	EMAIL_MISMATCH: {
		outcome: 'needs_review',
		description:
			'The e-mail addresses of the event, the LMS profile and the recipient differ (case and surrounding spaces aside).',
	},
	INTEGRITY_HOLD: {
		outcome: 'needs_review',
		description: 'An academic integrity hold is active for the learner.',
	},
	INVESTIGATION_ACTIVE: {
		outcome: 'needs_review',
		description: 'An investigation concerning the learner is active.',
	},
	APPROVAL_GRANTED: { outcome: 'verified', description: 'A subjective criterion was approved.' },
	APPROVAL_REJECTED: {
		outcome: 'not_eligible',
		description: 'A subjective criterion was rejected.',
	},
	APPROVAL_PENDING: {
		outcome: 'needs_review',
		description: 'A subjective criterion has no approval yet or is pending.',
	},
	COURSE_RULE_MISSING: {
		outcome: 'needs_review',
		description:
			'The rule set has no rule for the course (configuration drift); no other checks ran.',
	},
} as const satisfies Record<string, ReasonCodeInfo>);

export type ReasonCode = keyof typeof REASON_CODES;

const SEVERITY: Record<Outcome, number> = { verified: 0, needs_review: 1, not_eligible: 2 };

/** A reason whose rule set asks for a stricter outcome than the code's catalogued one. */
export interface ReasonOutcome {
	code: ReasonCode;
	outcome?: Outcome;
}

/**
 * not_eligible if any reason says so, else needs_review if any does, else verified. A reason's
 * own outcome can only make it stricter than its catalogued one, never milder.
 */
export function outcomeOf(reasons: Iterable<ReasonCode | ReasonOutcome>): Outcome {
	let worst: Outcome = 'verified';
	for (const reason of reasons) {
		const { code, outcome: own } = typeof reason === 'string' ? { code: reason } : reason;
		for (const outcome of [REASON_CODES[code].outcome, own ?? 'verified']) {
			if (SEVERITY[outcome] > SEVERITY[worst]) worst = outcome;
		}
	}
	return worst;
}
