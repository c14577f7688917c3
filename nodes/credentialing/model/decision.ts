import { z } from 'zod';

import { UtcTimestampSchema } from './completion-event';

export const OutcomeSchema = z.enum(['verified', 'needs_review', 'not_eligible']);
export type Outcome = z.infer<typeof OutcomeSchema>;

/** Codes are SCREAMING_SNAKE_CASE and part of the public interface (see the reason-code catalogue). */
export const ReasonSchema = z.object({
	code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
	detail: z.string(),
});
export type Reason = z.infer<typeof ReasonSchema>;

export const DataPointValueSchema = z.union([
	z.string(),
	z.number(),
	z.boolean(),
	z.null(),
	z.array(z.string()),
]);
export type DataPointValue = z.infer<typeof DataPointValueSchema>;

export const DecisionSubjectSchema = z.object({
	learnerId: z.string().min(1),
	courseId: z.string().min(1),
	source: z.string().min(1),
	businessKey: z.string().min(1),
});

/**
 * The explained result of judging one subject against one versioned rule set.
 * Written to audit ledgers, so dataPoints hold the values used, never names or emails.
 */
export const DecisionSchema = z.object({
	subject: DecisionSubjectSchema,
	outcome: OutcomeSchema,
	reasons: z.array(ReasonSchema).min(1),
	dataPoints: z.record(z.string(), DataPointValueSchema),
	ruleSetId: z.string().min(1),
	ruleVersion: z.string().min(1),
	ruleHash: z.string().regex(/^[0-9a-f]{64}$/),
	decidedAt: UtcTimestampSchema,
});
export type Decision = z.infer<typeof DecisionSchema>;
