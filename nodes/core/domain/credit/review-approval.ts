import { z } from 'zod';

import { canonicalDecimalText, DecimalTextSchema, DeliveryMethodSchema } from '../model';
import { cappedText } from '../model/limits';
import { subtract } from '../rules/exact-decimal';
import type { SessionCreditLine } from './attendee-rollup';
import { compare, formatDecimal, parseDecimal, sumCredits } from './decimal';
import { stepsIn } from './steps';

/** The form field a reviewer types the credit amount into; every refusal names it. */
export const CREDITS_FIELD = 'Credits';

/** An amount the rule does not allow: the message names the field and what to enter. */
export class ReviewCreditError extends Error {
	readonly field = CREDITS_FIELD;
}

const IdSchema = cappedText('id');
const ReviewSchema = z.object({
	sessionIds: z.array(IdSchema).min(1),
	date: z.string(),
	deliveryMethod: DeliveryMethodSchema,
	fieldOfStudy: z.string().optional(),
	ruleSetId: IdSchema,
	ruleVersion: IdSchema,
	ruleHash: z.string(),
	maxCredits: DecimalTextSchema,
	increment: DecimalTextSchema,
});
const RollUpInReviewSchema = z.object({
	credits: DecimalTextSchema,
	sessionCredits: z.array(
		z.object({ sessionId: IdSchema, credits: DecimalTextSchema }).passthrough(),
	),
	uncreditedSessions: z.array(
		z.object({ sessionId: IdSchema, title: z.string(), review: ReviewSchema.optional() }),
	),
});
type SessionInReview = { sessionId: string; title: string; review: z.output<typeof ReviewSchema> };

/** What an approval may grant: the computed credit up to every session in review in full. */
export interface ReviewCreditLimits {
	/** What the attendance earned without the sessions in review: an empty field's amount. */
	computed: string;
	/** The computed credit plus each session in review at the rule's maximum. */
	maximum: string;
	/** "from 1 (the computed credit) to 3 (A1 at most 2 in steps of 0.2 added)", as a reviewer reads it. */
	range: string;
}

/** An attendee roll-up with at least one session in review; undefined for anything else. */
function readRollUp(value: unknown) {
	const parsed = RollUpInReviewSchema.safeParse(value);
	if (!parsed.success) return undefined;
	const inReview = parsed.data.uncreditedSessions.filter(
		(s): s is SessionInReview => s.review !== undefined,
	);
	return inReview.length > 0 ? { ...parsed.data, inReview } : undefined;
}

function parseRollUp(value: unknown) {
	const rollUp = readRollUp(value);
	if (rollUp) return rollUp;
	throw new ReviewCreditError(
		"The item is not a CPE Credit attendee item with a session in review: pass the item of CPE Credit's Needs Review output (One Item per Attendee) unchanged",
	);
}

/** What an approval may grant, as a reviewer reads it; undefined for an item not in review. */
export function approvalRange(rollUp: unknown): string | undefined {
	return readRollUp(rollUp) ? reviewCreditLimits(rollUp).range : undefined;
}

export function reviewCreditLimits(rollUp: unknown): ReviewCreditLimits {
	const { credits, inReview } = parseRollUp(rollUp);
	const maximum = sumCredits([credits, ...inReview.map((s) => s.review.maxCredits)]);
	const added = inReview
		.map((s) => `${s.sessionId} at most ${s.review.maxCredits} in steps of ${s.review.increment}`)
		.join(', ');
	return {
		computed: credits,
		maximum,
		range: `from ${credits} (the computed credit) to ${maximum} (${added} added)`,
	};
}

const minus = (a: string, b: string) => formatDecimal(subtract(parseDecimal(a), parseDecimal(b)));
const below = (a: string, b: string) => compare(parseDecimal(a), parseDecimal(b)) < 0;
const onStep = (credits: string, increment: string) =>
	stepsIn(credits, increment, 'floor') === stepsIn(credits, increment, 'ceil');

/** The reviewer's amount as exact text; undefined for an empty field. */
function enteredCredits(entered: unknown, computed: string): string | undefined {
	if (entered === undefined || entered === null) return undefined;
	const text = String(entered).trim();
	if (text === '') return undefined;
	const canonical = canonicalDecimalText(text);
	if (canonical !== undefined) return canonical;
	const problem = /^-\s*[\d.]/.test(text) ? 'cannot be negative' : 'is not a number of credits';
	throw new ReviewCreditError(
		`${CREDITS_FIELD} "${text}" ${problem}: enter credits as a decimal number such as 2.4 (a point, no unit), or leave ${CREDITS_FIELD} empty for the computed ${computed}`,
	);
}

export interface ApprovedCredits {
	credits: string;
	computedCredits: string;
	/** The certificate's lines: the credited sessions, then the sessions in review granted credit. */
	sessionCredits: Array<Pick<SessionCreditLine, 'sessionId' | 'credits'> & Record<string, unknown>>;
}

/**
 * The credit an approval grants. Empty: the computed credit (the credited sessions only).
 * Otherwise the attendee's new total: not below the computed credit (a review adds the sessions
 * in review; it does not take back what attendance earned), not above the computed credit plus
 * each session in review at the rule's maximum, the added part in whole increments of the rule.
 * The sessions in review get the added part in schedule order, each up to its maximum, so the
 * certificate lists them and its total is the granted credit.
 */
export function approvedCredits(rollUp: unknown, entered: unknown): ApprovedCredits {
	const parsed = parseRollUp(rollUp);
	const limits = reviewCreditLimits(rollUp);
	const credits = enteredCredits(entered, limits.computed) ?? limits.computed;
	const refuse = (problem: string, hint = '') =>
		new ReviewCreditError(
			`${CREDITS_FIELD} ${credits} ${problem}: enter a total ${limits.range}${hint}`,
		);
	if (below(credits, limits.computed))
		throw refuse(
			`is below the ${limits.computed} credits the attendance already earned`,
			'; to lower earned credits, refuse and correct the attendance data',
		);
	if (below(limits.maximum, credits)) throw refuse('is above the most the rule allows');
	let rest = minus(credits, limits.computed);
	const granted: ApprovedCredits['sessionCredits'] = [];
	for (const { sessionId, title, review } of parsed.inReview) {
		if (rest === '0') break;
		const share = below(rest, review.maxCredits) ? rest : review.maxCredits;
		if (!onStep(share, review.increment))
			throw refuse(
				`would give ${sessionId} ${share} credits, not whole steps of its rule's increment ${review.increment}`,
			);
		const { sessionIds, date, deliveryMethod, fieldOfStudy } = review;
		granted.push({
			sessionId,
			sessionIds,
			title,
			date,
			deliveryMethod,
			...(fieldOfStudy ? { fieldOfStudy } : {}),
			credits: share,
			outcome: share === review.maxCredits ? 'full_credit' : 'partial_credit',
			ruleSetId: review.ruleSetId,
			ruleVersion: review.ruleVersion,
			ruleHash: review.ruleHash,
		});
		rest = minus(rest, share);
	}
	return {
		credits,
		computedCredits: limits.computed,
		sessionCredits: [...parsed.sessionCredits, ...granted],
	};
}
