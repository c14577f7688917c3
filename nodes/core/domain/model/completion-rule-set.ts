import { z } from 'zod';

import { cappedText, withinLimit } from './limits';

/**
 * Identifiers (rule set, course, module, criterion ids) must be non-empty and carry no
 * surrounding spaces: "C-101 " would silently never match the LMS's "C-101".
 */
export const RuleIdSchema = z
	.string()
	.min(1)
	.superRefine(withinLimit('id'))
	.superRefine((value, ctx) => {
		if (value.length > 0 && value.trim() !== value) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `received ${JSON.stringify(value)}; expected an id without leading or trailing spaces`,
			});
		}
	});

/**
 * version is text. A bare number (YAML `version: 2026.1`, JSON `"version": 2026.1`) is accepted
 * and turned into text so authors need not quote it. Text parsing keeps the literal as written
 * (2026.10 stays "2026.10"); an already-parsed object only has the number, so 2026.10 arrives as
 * 2026.1 there. Quote versions whose trailing zeros matter.
 */
export const RuleVersionSchema = z.preprocess(
	(value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value),
	RuleIdSchema,
);

/** Refuses repeated values, pointing at the later copy so the author can delete it. */
function uniqueBy<T>(idOf: (item: T) => string, pathInItem: Array<string | number>) {
	return (items: T[], ctx: z.RefinementCtx): void => {
		const firstIndex = new Map<string, number>();
		items.forEach((item, index) => {
			const id = idOf(item);
			const earlier = firstIndex.get(id);
			if (earlier === undefined) {
				firstIndex.set(id, index);
				return;
			}
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: [index, ...pathInItem],
				message: `received ${JSON.stringify(id)} again; expected unique values (first at [${earlier}])`,
			});
		});
	};
}

export const SubjectiveCriterionSchema = z
	.object({
		id: RuleIdSchema,
		label: cappedText('name', { allowEmpty: true }).optional(),
	})
	.strict();
export type SubjectiveCriterion = z.infer<typeof SubjectiveCriterionSchema>;

/**
 * What a time on task below minTimeOnTaskMinutes leads to (named after its outcome, like the
 * credit policy's missingCheckout). Review by default: a short time is often an LMS that counts
 * only active minutes or lost a session, which a person can judge from the learner's record.
 */
export const TimeBelowMinimumSchema = z.enum(['needs_review', 'not_eligible']);
export type TimeBelowMinimum = z.infer<typeof TimeBelowMinimumSchema>;
export const DEFAULT_TIME_BELOW_MINIMUM: TimeBelowMinimum = 'needs_review';

/** Percentage points the event's score and the LMS lookup's score may differ (playbook: 5 %). */
export const DEFAULT_SCORE_MISMATCH_TOLERANCE = 5;

export const RuleDefaultsSchema = z
	.object({
		reviewMargin: z.number().finite().min(0).default(2),
		nameTolerance: z.number().int().min(0).default(2),
		/** Not filled in when absent (see CompletionRuleSetSchema): DEFAULT_TIME_BELOW_MINIMUM applies. */
		timeBelowMinimum: TimeBelowMinimumSchema.optional(),
		/**
		 * Not filled in when absent, so rule sets written before it keep their hash:
		 * DEFAULT_SCORE_MISMATCH_TOLERANCE applies.
		 */
		scoreMismatchTolerance: z.number().finite().min(0).max(100).optional(),
	})
	.strict();

export const CourseRuleSchema = z
	.object({
		name: cappedText('name', { allowEmpty: true }).optional(),
		/** Percent of maxScore, 0..100. */
		passingScore: z.number().finite().min(0).max(100).optional(),
		/** Percentage points below passingScore that go to review instead of refusal. */
		reviewMargin: z.number().finite().min(0).optional(),
		minTimeOnTaskMinutes: z.number().finite().positive().optional(),
		/** Overrides defaults.timeBelowMinimum for this course. */
		timeBelowMinimum: TimeBelowMinimumSchema.optional(),
		requiredModules: z
			.array(RuleIdSchema)
			.min(1)
			.superRefine(uniqueBy((id: string) => id, []))
			.optional(),
		/** Course ids that must be completed first. */
		prerequisites: z
			.array(RuleIdSchema)
			.superRefine(uniqueBy((id: string) => id, []))
			.optional(),
		identityCheck: z.boolean().default(true),
		/** Edit distance allowed between the recipient name and the learner name. */
		nameTolerance: z.number().int().min(0).optional(),
		/** Human judgements (capstone, practical) that need an explicit approval. */
		subjectiveCriteria: z
			.array(SubjectiveCriterionSchema)
			.superRefine(uniqueBy((criterion: SubjectiveCriterion) => criterion.id, ['id']))
			.optional(),
	})
	.strict();
export type CourseRule = z.infer<typeof CourseRuleSchema>;

export const CoursesSchema = z
	.record(RuleIdSchema, CourseRuleSchema)
	.superRefine((courses, ctx) => {
		const ids = Object.keys(courses);
		if (ids.length === 0) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: 'received no courses; expected at least one course rule',
			});
		}
		for (const id of ids) {
			const index = courses[id].prerequisites?.indexOf(id) ?? -1;
			if (index >= 0) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: [id, 'prerequisites', index],
					message: `received ${JSON.stringify(id)}; a course cannot be its own prerequisite`,
				});
			}
		}
	});

/**
 * A versioned set of completion rules, one entry per course id. Unknown keys are refused
 * everywhere (a typo such as `passingscore` must not silently disable a check). The parsed
 * value has defaults filled in (defaults.reviewMargin 2, defaults.nameTolerance 2,
 * identityCheck true), so the rule hash identifies the rules as actually applied.
 * timeBelowMinimum came later: it is left out when it equals its default (parseCompletionRuleSet
 * drops it), so the hashes of rule sets written before it existed stay the same.
 */
export const CompletionRuleSetSchema = z
	.object({
		id: RuleIdSchema,
		version: RuleVersionSchema,
		description: cappedText('text', { allowEmpty: true }).optional(),
		defaults: RuleDefaultsSchema.default({}),
		courses: CoursesSchema,
	})
	.strict();

/** A validated rule set, defaults filled in. */
export type CompletionRuleSet = z.output<typeof CompletionRuleSetSchema>;
/** What authors may write: optional fields with defaults may be left out. */
export type CompletionRuleSetInput = z.input<typeof CompletionRuleSetSchema>;
