import { z } from 'zod';

import { UtcTimestampSchema } from './completion-event';
import { DecimalTextSchema } from './decimal-text';
import { DataPointValueSchema, ReasonSchema } from './decision';
import { cappedText } from './limits';
import { DeliveryMethodSchema } from './schedule';

export const CreditOutcomeSchema = z.enum([
	'full_credit',
	'partial_credit',
	'no_credit',
	'needs_review',
]);
export type CreditOutcome = z.infer<typeof CreditOutcomeSchema>;

/** A stretch of presence that counted, inside the learning content, with who reported it. */
export const CreditWindowSchema = z.object({
	sessionId: cappedText('id'),
	start: UtcTimestampSchema,
	end: UtcTimestampSchema,
	sources: z.array(cappedText('id')).min(1),
});
export type CreditWindow = z.infer<typeof CreditWindowSchema>;

/** Per-session attendance behind a program decision. */
export const SessionAttendanceSchema = z.object({
	sessionId: cappedText('id'),
	contentMinutes: z.number().min(0),
	attendedMinutes: z.number().min(0),
});
export type SessionAttendance = z.infer<typeof SessionAttendanceSchema>;

/**
 * The explained credit of one attendee for one session (or one program of combined sessions,
 * NASBA R7). Shares reasons, dataPoints, ruleSetId/ruleVersion/ruleHash and decidedAt with the
 * completion Decision, so ledgers and reports read both alike; ruleSetId is the policy id.
 * Credits are exact decimal text ("2.8"): sum them with sumCredits, never with +.
 */
export const CreditDecisionSchema = z.object({
	subject: z.object({
		attendeeId: cappedText('id'),
		/** The session id, or the programId when sessions are credited together. */
		sessionId: cappedText('id'),
		sessionIds: z.array(cappedText('id')).min(1),
	}),
	outcome: CreditOutcomeSchema,
	credits: DecimalTextSchema,
	maxCredits: DecimalTextSchema,
	/** Minutes are cut (not rounded) to 2 decimals for display; credits use exact milliseconds. */
	attendedMinutes: z.number().min(0),
	contentMinutes: z.number().min(0),
	/** Attended share of the content, cut to 2 decimals so 79.999 never shows as 80. */
	attendedPercent: z.number().min(0).max(100),
	deliveryMethod: DeliveryMethodSchema,
	fieldOfStudy: cappedText('name', { allowEmpty: true }).optional(),
	windowsUsed: z.array(CreditWindowSchema),
	/** Programs only: the attendance behind the combined credit, per session. */
	sessions: z.array(SessionAttendanceSchema).min(1).optional(),
	reasons: z.array(ReasonSchema).min(1),
	dataPoints: z.record(cappedText('id', { allowEmpty: true }), DataPointValueSchema),
	ruleSetId: cappedText('id'),
	ruleVersion: cappedText('id'),
	ruleHash: z.string().regex(/^[0-9a-f]{64}$/),
	decidedAt: UtcTimestampSchema,
});
export type CreditDecision = z.infer<typeof CreditDecisionSchema>;
