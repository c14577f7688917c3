import { z } from 'zod';

import { UtcTimestampSchema } from './completion-event';
import { cappedText, withinLimit } from './limits';

export const OutcomeSchema = z.enum(['verified', 'needs_review', 'not_eligible']);
export type Outcome = z.infer<typeof OutcomeSchema>;

/** Codes are SCREAMING_SNAKE_CASE and part of the public interface (see the reason-code catalogue). */
export const ReasonSchema = z.object({
	code: z
		.string()
		.regex(/^[A-Z][A-Z0-9_]*$/)
		.superRefine(withinLimit('id')),
	detail: cappedText('text', { allowEmpty: true }),
});
export type Reason = z.infer<typeof ReasonSchema>;

const DataPointTextSchema = cappedText('text', { allowEmpty: true });

export const DataPointValueSchema = z.union([
	DataPointTextSchema,
	z.number(),
	z.boolean(),
	z.null(),
	z.array(DataPointTextSchema),
]);
export type DataPointValue = z.infer<typeof DataPointValueSchema>;

export const DecisionSubjectSchema = z.object({
	learnerId: cappedText('id'),
	courseId: cappedText('id'),
	source: cappedText('id'),
	businessKey: cappedText('businessKey'),
});

/**
 * The explained result of judging one subject against one versioned rule set.
 * Written to audit ledgers, so dataPoints hold the values used, never names or emails.
 */
export const DecisionSchema = z.object({
	subject: DecisionSubjectSchema,
	outcome: OutcomeSchema,
	reasons: z.array(ReasonSchema).min(1),
	dataPoints: z.record(cappedText('id', { allowEmpty: true }), DataPointValueSchema),
	ruleSetId: cappedText('id'),
	ruleVersion: cappedText('id'),
	ruleHash: z.string().regex(/^[0-9a-f]{64}$/),
	decidedAt: UtcTimestampSchema,
});
export type Decision = z.infer<typeof DecisionSchema>;
