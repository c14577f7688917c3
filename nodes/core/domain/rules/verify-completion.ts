import { completionBusinessKey, type DataPointValue, type Decision } from '../model';
import { CHECKS, type CheckReason, type CheckResult } from './checks';
import type { ParsedCompletionRuleSet } from './parse-rule-set';
import { outcomeOf } from './reason-codes';
import type { PrerequisiteRecord, VerificationInput } from './verification-input';

export interface VerifyOptions {
	/** Decision time; defaults to the current time. */
	now?: Date;
	/** Prerequisite results known outside the event; only records of this learner are used. */
	prerequisiteRecords?: readonly PrerequisiteRecord[];
}

/**
 * Judges one completion against a validated rule set. Every applicable check runs and adds its
 * reasons, so a reviewer sees all problems at once; the outcome is the most severe of them.
 * Pure: same input, rule set and `now` give the same decision.
 */
export function verifyCompletion(
	input: VerificationInput,
	ruleSet: ParsedCompletionRuleSet,
	options: VerifyOptions = {},
): Decision {
	const now = options.now ?? new Date();
	if (Number.isNaN(now.getTime()))
		throw new RangeError('verifyCompletion: options.now is an invalid Date');
	const rules = ruleSet.ruleSet;
	const courseId = input.course.id;

	// Own-property lookup: a course id such as "constructor" must not find Object.prototype.
	const course = Object.prototype.hasOwnProperty.call(rules.courses, courseId)
		? rules.courses[courseId]
		: undefined;
	const results: CheckResult[] = course
		? [
				{ reasons: [], dataPoints: { courseRuleFound: true } },
				...CHECKS.map((check) =>
					check({
						input,
						course,
						ruleSet: rules,
						prerequisiteRecords: options.prerequisiteRecords ?? [],
					}),
				),
			]
		: [
				{
					reasons: [
						{
							code: 'COURSE_RULE_MISSING',
							detail: `rule set "${rules.id}" version ${rules.version} has no rule for course "${courseId}"`,
						},
					],
					dataPoints: { courseRuleFound: false },
				},
			];

	const reasons: CheckReason[] = results.flatMap((result) => result.reasons);
	const dataPoints: Record<string, DataPointValue> = Object.assign(
		{},
		...results.map((r) => r.dataPoints),
	);
	const outcome = outcomeOf(reasons);
	// A reason's own outcome only feeds the decision outcome; decisions keep {code, detail}.
	const publicReasons = reasons.map(({ code, detail }) => ({ code, detail }));
	if (outcome === 'verified') {
		publicReasons.push({
			code: 'ALL_CRITERIA_MET',
			detail: `all criteria of the rule for course "${courseId}" are met`,
		});
	}

	return {
		subject: {
			learnerId: input.learner.id,
			courseId,
			source: input.source,
			businessKey: completionBusinessKey(input),
		},
		outcome,
		reasons: publicReasons,
		dataPoints,
		ruleSetId: rules.id,
		ruleVersion: rules.version,
		ruleHash: ruleSet.ruleHash,
		decidedAt: now.toISOString(),
	};
}
