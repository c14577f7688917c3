export { parseCompletionRuleSet, parseCompletionRuleSetText, ruleSetHash } from './parse-rule-set';
export type { ParsedCompletionRuleSet, RuleSetParseResult } from './parse-rule-set';
export {
	ApprovalStatusSchema,
	LmsLookupSchema,
	parseVerificationInput,
	PrerequisiteEvidenceSchema,
	PrerequisiteStatusSchema,
	VerificationInputSchema,
} from './verification-input';
export type {
	ApprovalStatus,
	LmsLookup,
	PrerequisiteEvidence,
	PrerequisiteRecord,
	PrerequisiteStatus,
	VerificationInput,
	VerificationInputParseResult,
} from './verification-input';
export { verifyCompletion } from './verify-completion';
export { parsePrerequisiteRecords } from './prerequisite-records';
export type { VerifyOptions } from './verify-completion';
export { outcomeOf, REASON_CODES } from './reason-codes';
export type { ReasonCode, ReasonCodeInfo, ReasonOutcome } from './reason-codes';
export { levenshtein, nameDistance, normalizeName } from './name-distance';
export { normalizeTimestamp } from './timestamps';
export type { TimestampResult } from './timestamps';
export { formatPath } from './issues';
export type { ValidationIssue } from './issues';
export { checkRuleCoverage, ruleCoverageMessage } from './rule-coverage';
export type {
	CompletedCourse,
	DriftFinding,
	DriftKind,
	ListedCourse,
	RuleCoverage,
	RuleCoverageInput,
} from './rule-coverage';
