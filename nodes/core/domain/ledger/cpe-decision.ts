import { z } from 'zod';

import { canonicalJson, sha256Hex } from '../canonical';
import { sumCredits } from '../credit/decimal';
import { CreditOutcomeSchema } from '../model/credit-decision';
import { UtcTimestampSchema } from '../model/completion-event';
import { DecimalTextSchema } from '../model/decimal-text';
import { cappedText } from '../model/limits';
import { DeliveryMethodSchema } from '../model/schedule';
import { EMAIL_LIKE } from './email-like';
import { Sha256HexSchema } from './entry';
import { invalidInput, parseOrThrow } from './errors';
import type { JsonObject } from './json';

const IdSchema = cappedText('id');
const NameSchema = cappedText('name', { allowEmpty: true });

/** One credited session (or combined program) of an attendee roll-up, as CPE Credit writes it. */
const SessionCreditSchema = z
	.object({
		sessionId: IdSchema,
		credits: DecimalTextSchema,
		outcome: CreditOutcomeSchema.optional(),
		deliveryMethod: DeliveryMethodSchema.optional(),
		fieldOfStudy: NameSchema.optional(),
		ruleHash: Sha256HexSchema.optional(),
	})
	.passthrough();

/**
 * A CPE Credit decision as the ledger accepts it: one session's decision or one attendee's
 * roll-up for the event. `subject.attendeeId` may be an e-mail address (conferences key
 * attendees by their badge e-mail); it never reaches the public chain in that case.
 */
export const CpeLedgerDecisionSchema = z
	.object({
		subject: z
			.object({
				attendeeId: IdSchema,
				eventId: IdSchema,
				sessionId: IdSchema.optional(),
				sessionIds: z.array(IdSchema).min(1).optional(),
			})
			.passthrough(),
		outcome: CreditOutcomeSchema,
		credits: DecimalTextSchema,
		deliveryMethod: DeliveryMethodSchema.optional(),
		fieldOfStudy: NameSchema.optional(),
		sessionCredits: z.array(SessionCreditSchema).optional(),
		reasons: z.array(z.object({ code: IdSchema }).passthrough()).optional(),
		ruleSetId: IdSchema,
		ruleVersion: IdSchema,
		ruleHash: Sha256HexSchema,
		decidedAt: UtcTimestampSchema,
		/** sha256 of the canonical JSON of the source signals, when the item no longer carries them. */
		evidenceDigest: Sha256HexSchema.optional(),
		evidence: z.array(z.unknown()).optional(),
	})
	.passthrough();

/** A decision is a CPE decision when its subject names an attendee rather than a learner. */
export function isCpeDecision(decision: unknown): boolean {
	const subject = (decision as { subject?: unknown } | null)?.subject;
	return typeof subject === 'object' && subject !== null && 'attendeeId' in subject;
}

/** sha256 of the evidence's canonical JSON: what a decision item carries instead of the signals. */
export function evidenceDigestOf(evidence: unknown): string {
	return sha256Hex(canonicalJson(evidence));
}

/**
 * The public form of a CPE decision: what was decided (event, sessions, credits, policy, reason
 * codes, evidence digest), never the signals, reason details or an e-mail used as attendee id.
 * The subject maps onto the ledger's learner/course fields, so Status and exports read it alike.
 */
export function publicCpeDecision(decision: unknown, field = 'decision'): JsonObject {
	const checked = parseOrThrow(CpeLedgerDecisionSchema, decision, 'CPE decision', field);
	const { subject } = checked;
	if (checked.sessionCredits) {
		const total = sumCredits(checked.sessionCredits.map((line) => line.credits));
		if (total !== checked.credits) {
			throw invalidInput(
				'CPE decision',
				[
					{
						path: 'credits',
						message: `received ${JSON.stringify(checked.credits)}; expected the sum of sessionCredits, ${JSON.stringify(total)}`,
					},
				],
				field,
			);
		}
	}
	const digest =
		checked.evidenceDigest ??
		(checked.evidence !== undefined ? evidenceDigestOf(checked.evidence) : undefined);
	// The same test as the public-data check: an attendee id shaped like an e-mail stays private.
	const attendeeIsEmail = EMAIL_LIKE.test(subject.attendeeId);
	const result = {
		subject: {
			learnerId: attendeeIsEmail ? undefined : subject.attendeeId,
			courseId: subject.eventId,
			eventId: subject.eventId,
			sessionId: subject.sessionId,
			sessionIds: subject.sessionIds,
		},
		outcome: checked.outcome,
		credits: checked.credits,
		deliveryMethod: checked.deliveryMethod,
		fieldOfStudy: checked.fieldOfStudy,
		sessionCredits: checked.sessionCredits?.map((line) => ({
			sessionId: line.sessionId,
			credits: line.credits,
			outcome: line.outcome,
			deliveryMethod: line.deliveryMethod,
			fieldOfStudy: line.fieldOfStudy,
			ruleHash: line.ruleHash,
		})),
		reasons: checked.reasons?.map((reason) => ({ code: reason.code })),
		ruleSetId: checked.ruleSetId,
		ruleVersion: checked.ruleVersion,
		ruleHash: checked.ruleHash,
		decidedAt: checked.decidedAt,
		evidenceDigest: digest,
	};
	// canonical JSON drops the undefined fields, so optional parts leave no nulls on the chain.
	return JSON.parse(canonicalJson(result)) as JsonObject;
}
