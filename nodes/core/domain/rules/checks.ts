import type { CompletionRuleSet, CourseRule, DataPointValue, Outcome } from '../model';
import { compare, multiply, subtract, toDecimal } from './exact-decimal';
import { nameDistance } from './name-distance';
import type { ReasonCode } from './reason-codes';
import { checkEmailAgreement, checkScoreAgreement } from './source-agreement';
import { timeBelowMinimumFor } from './time-below-minimum';
import type { PrerequisiteRecord, VerificationInput } from './verification-input';

export interface CheckReason {
	code: ReasonCode;
	detail: string;
	/** Set when a rule-set setting makes this reason stricter than its catalogued outcome. */
	outcome?: Outcome;
}

export interface CheckResult {
	reasons: CheckReason[];
	dataPoints: Record<string, DataPointValue>;
}

export interface CheckContext {
	input: VerificationInput;
	course: CourseRule;
	ruleSet: CompletionRuleSet;
	prerequisiteRecords: readonly PrerequisiteRecord[];
}

const NOT_APPLICABLE: CheckResult = { reasons: [], dataPoints: {} };
const HUNDRED = toDecimal(100);

/** Score as a percentage of maxScore (default 100) against passingScore, with a review band. */
export function checkScore({ input, course, ruleSet }: CheckContext): CheckResult {
	if (course.passingScore === undefined) return NOT_APPLICABLE;
	const passingScore = course.passingScore;
	const reviewMargin = course.reviewMargin ?? ruleSet.defaults.reviewMargin;
	const dataPoints: Record<string, DataPointValue> = { passingScore, reviewMargin };
	if (input.score === undefined) {
		dataPoints.scorePercent = null;
		const detail = `the course requires ${show(passingScore)}% to pass but no score was received`;
		return { reasons: [{ code: 'SCORE_MISSING', detail }], dataPoints };
	}
	const maxScore = input.maxScore ?? 100;
	const percent = show((input.score / maxScore) * 100);
	Object.assign(dataPoints, { score: input.score, maxScore, scorePercent: Number(percent) });

	// percent >= limit  <=>  score * 100 >= limit * maxScore (maxScore > 0), in exact decimals.
	const scaledScore = multiply(toDecimal(input.score), HUNDRED);
	const max = toDecimal(maxScore);
	const passing = toDecimal(passingScore);
	if (compare(scaledScore, multiply(passing, max)) >= 0) {
		const detail = `score ${percent}% meets the passing score of ${show(passingScore)}%`;
		return { reasons: [{ code: 'SCORE_MET', detail }], dataPoints };
	}
	const reviewFloor = subtract(passing, toDecimal(reviewMargin));
	if (compare(scaledScore, multiply(reviewFloor, max)) >= 0) {
		const detail = `score ${percent}% is below the passing score of ${show(passingScore)}% but within the review margin of ${show(reviewMargin)} points`;
		return { reasons: [{ code: 'SCORE_NEAR_THRESHOLD', detail }], dataPoints };
	}
	const detail = `score ${percent}% is below the passing score of ${show(passingScore)}% by more than the review margin of ${show(reviewMargin)} points`;
	return { reasons: [{ code: 'SCORE_BELOW_THRESHOLD', detail }], dataPoints };
}

/**
 * Time on task; an exact hit on the minimum is suspicious (LMS caps and defaults look like that).
 * Below the minimum goes to review unless the rule set says timeBelowMinimum: not_eligible.
 */
export function checkTimeOnTask({ input, course, ruleSet }: CheckContext): CheckResult {
	const minimum = course.minTimeOnTaskMinutes;
	if (minimum === undefined) return NOT_APPLICABLE;
	const spent = input.timeSpentMinutes;
	const dataPoints: Record<string, DataPointValue> = {
		minTimeOnTaskMinutes: minimum,
		timeSpentMinutes: spent ?? null,
	};
	const reason = (code: ReasonCode, detail: string): CheckResult => ({
		reasons: [{ code, detail }],
		dataPoints,
	});
	if (spent === undefined) {
		return reason(
			'TIME_MISSING',
			`the course requires more than ${show(minimum)} min on task but no time was received`,
		);
	}
	if (spent > minimum)
		return reason(
			'TIME_MET',
			`time on task ${show(spent)} min exceeds the minimum of ${show(minimum)} min`,
		);
	if (spent === minimum) {
		return reason(
			'TIME_AT_MINIMUM',
			`time on task is exactly the minimum of ${show(minimum)} min, often an LMS cap or default`,
		);
	}
	// The setting is recorded so the decision shows why it was held or refused.
	const outcome = timeBelowMinimumFor(course, ruleSet);
	dataPoints.timeBelowMinimum = outcome;
	const detail = `time on task ${show(spent)} min is below the minimum of ${show(minimum)} min`;
	const why = outcome === 'not_eligible' ? 'refused by the rule set' : 'held for review';
	return {
		reasons: [{ code: 'TIME_BELOW_MINIMUM', detail: `${detail} (${why})`, outcome }],
		dataPoints,
	};
}

/** Every required module completed; exempt modules need a human to confirm the exemption. */
export function checkModules({ input, course }: CheckContext): CheckResult {
	const required = course.requiredModules;
	if (!required) return NOT_APPLICABLE;
	const status = bestStatusById(input.modules ?? [], (m) => m.id, [
		'completed',
		'exempt',
		'incomplete',
	]);
	const completed = required.filter((id) => status.get(id) === 'completed');
	const exempt = required.filter((id) => status.get(id) === 'exempt');
	const incomplete = required.filter((id) => status.get(id) === 'incomplete');
	const missing = required.filter((id) => !status.has(id));
	const dataPoints = {
		requiredModules: [...required],
		completedModules: completed,
		exemptModules: exempt,
		incompleteModules: incomplete,
		missingModules: missing,
	};
	if (incomplete.length > 0 || missing.length > 0) {
		const detail = `required modules not completed: ${listWithState(incomplete, 'incomplete', missing, 'no record')}`;
		return { reasons: [{ code: 'MODULES_INCOMPLETE', detail }], dataPoints };
	}
	if (exempt.length > 0) {
		const detail = `required modules marked exempt instead of completed: ${exempt.join(', ')}`;
		return { reasons: [{ code: 'MODULE_EXEMPT', detail }], dataPoints };
	}
	const detail = `all ${required.length} required module(s) completed`;
	return { reasons: [{ code: 'MODULES_COMPLETE', detail }], dataPoints };
}

/** Prerequisites from the event and from records supplied by the caller for this learner. */
export function checkPrerequisites({
	input,
	course,
	prerequisiteRecords,
}: CheckContext): CheckResult {
	const required = course.prerequisites;
	if (!required || required.length === 0) return NOT_APPLICABLE;
	const evidence = [
		...(input.prerequisites ?? []),
		...prerequisiteRecords.filter((record) => record.learnerId === input.learner.id),
	];
	const status = bestStatusById(evidence, (p) => p.courseId, [
		'completed',
		'in_appeal',
		'incomplete',
	]);
	const completed = required.filter((id) => status.get(id) === 'completed');
	const inAppeal = required.filter((id) => status.get(id) === 'in_appeal');
	const incomplete = required.filter((id) => status.get(id) === 'incomplete');
	const missing = required.filter((id) => !status.has(id));
	const dataPoints = {
		prerequisitesRequired: [...required],
		prerequisitesCompleted: completed,
		prerequisitesInAppeal: inAppeal,
		prerequisitesMissing: [...incomplete, ...missing],
	};
	if (incomplete.length > 0 || missing.length > 0) {
		const detail = `prerequisites not completed: ${listWithState(incomplete, 'incomplete', missing, 'no record')}`;
		return { reasons: [{ code: 'PREREQUISITE_MISSING', detail }], dataPoints };
	}
	if (inAppeal.length > 0) {
		const detail = `prerequisites under appeal: ${inAppeal.join(', ')}`;
		return { reasons: [{ code: 'PREREQUISITE_IN_APPEAL', detail }], dataPoints };
	}
	const detail = `all ${required.length} prerequisite(s) completed`;
	return { reasons: [{ code: 'PREREQUISITES_MET', detail }], dataPoints };
}

/**
 * Name distances are exact up to this many edits (well past any useful tolerance) and
 * "more than" beyond, which keeps the comparison linear in the names' length.
 */
const NAME_DISTANCE_REPORTED_UP_TO = 32;

/** Recipient name vs learner name. Only the distance is recorded: decisions must not hold names. */
export function checkIdentity({ input, course, ruleSet }: CheckContext): CheckResult {
	const recipientName = input.recipientName;
	const learnerName = input.learner.name;
	if (!course.identityCheck || !recipientName || !learnerName) {
		return { reasons: [], dataPoints: { identityChecked: false } };
	}
	const tolerance = course.nameTolerance ?? ruleSet.defaults.nameTolerance;
	const limit = Math.max(tolerance, NAME_DISTANCE_REPORTED_UP_TO);
	const distance = nameDistance(recipientName, learnerName, limit);
	const dataPoints = { identityChecked: true, nameDistance: distance, nameTolerance: tolerance };
	if (distance > tolerance) {
		const edits = distance > limit ? `more than ${limit}` : `${distance}`;
		const detail = `recipient name differs from the learner name by ${edits} edit(s), more than the tolerance of ${tolerance}`;
		return { reasons: [{ code: 'NAME_MISMATCH', detail }], dataPoints };
	}
	const detail = `recipient name matches the learner name within ${distance} edit(s) (tolerance ${tolerance})`;
	return { reasons: [{ code: 'IDENTITY_MATCH', detail }], dataPoints };
}

export function checkIntegrity({ input }: CheckContext): CheckResult {
	const integrityHold = input.integrityHold === true;
	const investigationActive = input.investigationActive === true;
	const reasons: CheckReason[] = [];
	if (integrityHold)
		reasons.push({ code: 'INTEGRITY_HOLD', detail: 'an academic integrity hold is active' });
	if (investigationActive)
		reasons.push({ code: 'INVESTIGATION_ACTIVE', detail: 'an investigation is active' });
	return { reasons, dataPoints: { integrityHold, investigationActive } };
}

/** One reason per subjective criterion; silence counts as pending, never as approval. */
export function checkApprovals({ input, course }: CheckContext): CheckResult {
	const criteria = course.subjectiveCriteria ?? [];
	if (criteria.length === 0) return NOT_APPLICABLE;
	const approvals = input.approvals ?? {};
	const granted: string[] = [];
	const rejected: string[] = [];
	const pending: string[] = [];
	const reasons: CheckReason[] = [];
	for (const criterion of criteria) {
		const state = Object.prototype.hasOwnProperty.call(approvals, criterion.id)
			? approvals[criterion.id]
			: undefined;
		const name = criterion.label ? `"${criterion.id}" (${criterion.label})` : `"${criterion.id}"`;
		if (state === 'approved') {
			granted.push(criterion.id);
			reasons.push({ code: 'APPROVAL_GRANTED', detail: `criterion ${name} approved` });
		} else if (state === 'rejected') {
			rejected.push(criterion.id);
			reasons.push({ code: 'APPROVAL_REJECTED', detail: `criterion ${name} rejected` });
		} else {
			pending.push(criterion.id);
			const why = state === 'pending' ? 'is pending' : 'has no approval yet';
			reasons.push({ code: 'APPROVAL_PENDING', detail: `criterion ${name} ${why}` });
		}
	}
	return {
		reasons,
		dataPoints: {
			approvalsGranted: granted,
			approvalsRejected: rejected,
			approvalsPending: pending,
		},
	};
}

/** Run in this order; the order of reasons in a decision follows it. */
export const CHECKS: ReadonlyArray<(context: CheckContext) => CheckResult> = [
	checkScore,
	checkScoreAgreement,
	checkTimeOnTask,
	checkModules,
	checkPrerequisites,
	checkIdentity,
	checkEmailAgreement,
	checkIntegrity,
	checkApprovals,
];

/**
 * When an item is reported more than once (attempts, two sources), the best status wins:
 * completion is monotone, a later "incomplete" attempt does not undo an earlier completion.
 */
function bestStatusById<T, S extends string>(
	items: readonly T[],
	idOf: (item: T) => string,
	bestFirst: readonly S[],
): Map<string, S> {
	const best = new Map<string, S>();
	for (const item of items) {
		const status = (item as { status: S }).status;
		const current = best.get(idOf(item));
		if (current === undefined || bestFirst.indexOf(status) < bestFirst.indexOf(current)) {
			best.set(idOf(item), status);
		}
	}
	return best;
}

function listWithState(
	first: string[],
	firstState: string,
	second: string[],
	secondState: string,
): string {
	return [
		...first.map((id) => `${id} (${firstState})`),
		...second.map((id) => `${id} (${secondState})`),
	].join(', ');
}

/** Up to 6 decimals, no float noise: 28.999999999999996 prints as 29. */
function show(value: number): string {
	return String(Math.round(value * 1e6) / 1e6);
}
