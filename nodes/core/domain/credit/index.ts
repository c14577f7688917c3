export { computeCredits } from './compute';
export type { CreditComputation, CreditComputationInput } from './compute';
export {
	parseCreditPolicies,
	parseCreditPolicy,
	parseCreditPolicyText,
	policyHash,
} from './parse-policy';
export type {
	CreditPoliciesParseResult,
	CreditPolicyParseResult,
	ParsedCreditPolicy,
} from './parse-policy';
export { planCreditUnits } from './units';
export type { CreditSetup, UnitPlan } from './units';
export { creditRuleFor } from './credit-rule';
export type { CreditRule } from './credit-rule';
export { creditsForMinutes, minimumPollsFor } from './credits-for-minutes';
export type { MinutesOptions } from './credits-for-minutes';
export { CREDIT_REASON_CODES, creditOutcome } from './reason-codes';
export type { CreditReason, CreditReasonCode, CreditReasonInfo } from './reason-codes';
export { formatCredits, minCredits, sumCredits } from './decimal';
export {
	attendeeNameOf,
	groupByAttendee,
	rollUpAttendee,
	rollUpByAttendee,
} from './attendee-rollup';
export type { AttendeeRollUp, SessionCreditLine, UncreditedSession } from './attendee-rollup';
export {
	approvalRange,
	approvedCredits,
	reviewCreditLimits,
	ReviewCreditError,
	CREDITS_FIELD,
} from './review-approval';
export type { ApprovedCredits, ReviewCreditLimits } from './review-approval';
