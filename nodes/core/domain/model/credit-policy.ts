import { z } from 'zod';

import { RuleIdSchema, RuleVersionSchema } from './completion-rule-set';
import { DecimalTextSchema, PositiveDecimalTextSchema } from './decimal-text';
import { cappedText } from './limits';
import { DeliveryMethodSchema } from './schedule';

const MinutesSchema = z.number().finite().min(0).max(1440);
const PercentSchema = z.number().finite().min(0).max(100);

/**
 * What to do with imperfect evidence. Defaults are strict (no grace, review open intervals):
 * NASBA R9 wants late arrivals and early departures reflected, so any grace is the sponsor's
 * documented choice, not the library's.
 */
export const GraceSchema = z
	.object({
		/** First presence within this many minutes after the start counts from the start. */
		lateArrivalMinutes: MinutesSchema.default(0),
		/** Last presence within this many minutes before the end counts to the end. */
		earlyDepartureMinutes: MinutesSchema.default(0),
		/** An entry without exit: count to the session end, send to review, or count nothing. */
		missingCheckout: z.enum(['session_end', 'needs_review', 'not_counted']).default('needs_review'),
		/** An exit without entry: count from the session start, send to review, or count nothing. */
		missingCheckIn: z
			.enum(['session_start', 'needs_review', 'not_counted'])
			.default('needs_review'),
	})
	.strict();
export type Grace = z.output<typeof GraceSchema>;

/**
 * Attendance polling for virtual attendees. per_credit is the strict reading of NASBA R11
 * (three answered polls per credit, rounded down like time; NASBA states no formula for missed
 * polls, so this reading is inferred); percent follows sponsors' own published thresholds (e.g.
 * 75 % answered for full credit; sponsor examples, not NASBA rules), with an optional review band.
 */
export const PollingSchema = z.discriminatedUnion('mode', [
	z.object({ mode: z.literal('none') }).strict(),
	z
		.object({
			mode: z.literal('per_credit'),
			answersPerCredit: z.number().int().min(1).max(100).default(3),
		})
		.strict(),
	z
		.object({
			mode: z.literal('percent'),
			fullCreditPercent: PercentSchema,
			/** At or above this (but below full) the decision goes to review instead of no credit. */
			reviewPercent: PercentSchema.optional(),
		})
		.strict(),
]);
export type Polling = z.output<typeof PollingSchema>;

const RoundingSchema = z.enum(['down', 'nearest']);

const common = {
	id: RuleIdSchema,
	version: RuleVersionSchema,
	description: cappedText('text', { allowEmpty: true }).optional(),
	grace: GraceSchema.default({}),
};

/** NASBA group programs, self study and nano (Standard No. 16, R1-R7, R11). 50-minute credit. */
export const NasbaPolicySchema = z
	.object({
		type: z.literal('nasba'),
		...common,
		/** R6: one increment per program, never mixed. */
		increment: z.enum(['fifths', 'halves']).default('fifths'),
		/** Overrides the session's method; hybrid sessions otherwise credit each attendee by theirs. */
		deliveryMethod: DeliveryMethodSchema.optional(),
		polling: PollingSchema.default({ mode: 'per_credit', answersPerCredit: 3 }),
	})
	.strict();

/** IACET CEU: 1 CEU = 10 contact hours of 60 minutes, nearest tenth, minimum 0.1. */
export const IacetPolicySchema = z
	.object({ type: z.literal('iacet'), ...common, minimumPercent: PercentSchema.optional() })
	.strict();

/**
 * CLE varies by jurisdiction, so each state is its own profile (an inference from the survey of
 * state rules); NY: 50 minutes, 0.5 steps, rounded down, sessions of 25 minutes or more.
 */
export const ClePolicySchema = z
	.object({
		type: z.literal('cle'),
		...common,
		minutesPerCredit: PositiveDecimalTextSchema.default('60'),
		increment: PositiveDecimalTextSchema.default('0.25'),
		rounding: RoundingSchema.default('down'),
		minimumCredits: DecimalTextSchema.optional(),
		/** Sessions shorter than this carry no credit (NY: 25 minutes). */
		minimumSessionMinutes: MinutesSchema.optional(),
		minimumPercent: PercentSchema.optional(),
	})
	.strict();

/** AMA PRA Category 1: 60 minutes = 1 credit, quarter steps, nearest quarter, minimum 0.25. */
export const CmePolicySchema = z
	.object({
		type: z.literal('cme'),
		...common,
		increment: PositiveDecimalTextSchema.default('0.25'),
		rounding: RoundingSchema.default('nearest'),
		minimumCredits: DecimalTextSchema.default('0.25'),
		minimumPercent: PercentSchema.optional(),
	})
	.strict();

/**
 * All-or-nothing by attendance share: e.g. 80 % of a 60-minute session earns its credit; a
 * keynote that needs the full duration is minimumPercent 100 (usually with a small grace).
 */
export const ThresholdPolicySchema = z
	.object({
		type: z.literal('threshold'),
		...common,
		minimumPercent: PercentSchema.default(80),
		/** Fixed credit per session; else the session length in credits. */
		credits: PositiveDecimalTextSchema.optional(),
		minutesPerCredit: PositiveDecimalTextSchema.default('60'),
		increment: PositiveDecimalTextSchema.default('0.25'),
		rounding: RoundingSchema.default('down'),
		/** Below the threshold, award time-based credit instead of none. */
		partialCredit: z.boolean().default(false),
	})
	.strict();

/** Every knob of the credit engine, for rules the presets do not cover. */
export const CustomPolicySchema = z
	.object({
		type: z.literal('custom'),
		...common,
		minutesPerCredit: PositiveDecimalTextSchema,
		increment: PositiveDecimalTextSchema,
		rounding: RoundingSchema.default('down'),
		/** A result below this becomes 0. */
		minimumCredits: DecimalTextSchema.default('0'),
		/** Caps every session and program. */
		maximumCredits: DecimalTextSchema.optional(),
		minimumPercent: PercentSchema.optional(),
		/** At or above this share the session maximum is awarded. */
		fullCreditPercent: PercentSchema.optional(),
		partialCredit: z.boolean().default(true),
		minimumSessionMinutes: MinutesSchema.optional(),
		polling: PollingSchema.default({ mode: 'none' }),
	})
	.strict();

export const CREDIT_POLICY_SCHEMAS = {
	nasba: NasbaPolicySchema,
	iacet: IacetPolicySchema,
	cle: ClePolicySchema,
	cme: CmePolicySchema,
	threshold: ThresholdPolicySchema,
	custom: CustomPolicySchema,
} as const;
export type CreditPolicyType = keyof typeof CREDIT_POLICY_SCHEMAS;

export const CreditPolicySchema = z.discriminatedUnion('type', [
	NasbaPolicySchema,
	IacetPolicySchema,
	ClePolicySchema,
	CmePolicySchema,
	ThresholdPolicySchema,
	CustomPolicySchema,
]);
/** A validated policy with defaults filled in; its hash identifies the rules as applied. */
export type CreditPolicy = z.output<typeof CreditPolicySchema>;
export type CreditPolicyInput = z.input<typeof CreditPolicySchema>;
