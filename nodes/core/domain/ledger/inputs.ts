import { z } from 'zod';

import { canonicalJson } from '../canonical';
import { UtcTimestampSchema } from '../model/completion-event';
import { cappedText, withinLimit } from '../model/limits';
import { formatPath, type PathSegment, type ValidationIssue } from '../rules/issues';
import { isCpeDecision, publicCpeDecision } from './cpe-decision';
import { EMAIL_LIKE } from './email-like';
import { ActorSchema, IdempotencyKeySchema, Sha256HexSchema } from './entry';
import { invalidInput, parseOrThrow } from './errors';
import { JsonObjectSchema, isPlainObject, type JsonObject } from './json';
import { REVOCATION_CATEGORIES } from './public-view';

const IdSchema = cappedText('id');

/**
 * The decision a reservation is made for, as the Verify Completion and credit nodes produce it.
 * It is written to the public chain, so it must name the learner by id only (never by name or
 * email); personal data travels as `evidence`, which is stored apart and can be erased.
 */
export const LedgerDecisionSchema = z
	.object({
		subject: z
			.object({ learnerId: IdSchema, courseId: IdSchema.optional() })
			.passthrough(),
		outcome: IdSchema,
		ruleSetId: IdSchema,
		ruleVersion: IdSchema,
		ruleHash: Sha256HexSchema,
		decidedAt: UtcTimestampSchema,
		reasons: z.array(z.object({ code: IdSchema }).passthrough()).optional(),
		dataPoints: JsonObjectSchema.optional(),
	})
	.passthrough();
export type LedgerDecision = z.infer<typeof LedgerDecisionSchema> & JsonObject;

/**
 * A decision as the public chain may hold it: shaped like LedgerDecisionSchema, no emails. A CPE
 * decision (subject.attendeeId) is reduced to its public form first.
 */
export function checkLedgerDecision(decision: unknown, field = 'decision'): JsonObject {
	const checked = isCpeDecision(decision)
		? publicCpeDecision(decision, field)
		: (parseOrThrow(LedgerDecisionSchema, decision, 'decision', field) as JsonObject);
	requirePublic(checked, 'decision', field);
	return checked;
}

const AttemptSchema = z.number().int().positive();
const UrlSchema = z.string().url().superRefine(withinLimit('url'));
const ReasonTextSchema = z.string().trim().min(1).max(2000);

export const RECORD_KINDS = [
	'issued',
	'failed',
	'delivered',
	'claimed',
	'review',
	'override',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Public details per recorded outcome. `attributes` carries any further public facts. */
export const RecordDetailsSchemas = {
	issued: z
		.object({
			platform: IdSchema,
			externalId: IdSchema,
			url: UrlSchema.optional(),
			issuedOn: UtcTimestampSchema.optional(),
			attempt: AttemptSchema.optional(),
			reconciled: z.boolean().optional(),
			/**
			 * The workflow emails the learner after recording this: only then may the queue send a
			 * credential whose email never went out (a workflow that never mails would have all of
			 * its credentials mailed by the queue otherwise).
			 */
			emailFollows: z.boolean().optional(),
			attributes: JsonObjectSchema.optional(),
		})
		.strict(),
	failed: z
		.object({
			error: z.string().min(1).max(2000),
			retryable: z.boolean(),
			attempt: AttemptSchema.optional(),
			statusCode: z.number().int().optional(),
			attributes: JsonObjectSchema.optional(),
		})
		.strict(),
	delivered: z
		.object({
			channel: IdSchema,
			messageId: IdSchema.optional(),
			attributes: JsonObjectSchema.optional(),
		})
		.strict(),
	claimed: z
		.object({
			claimedAt: UtcTimestampSchema.optional(),
			url: UrlSchema.optional(),
			attributes: JsonObjectSchema.optional(),
		})
		.strict(),
	review: z.object({ reason: ReasonTextSchema, attributes: JsonObjectSchema.optional() }).strict(),
	override: z
		.object({
			reason: ReasonTextSchema,
			action: IdSchema.optional(),
			attributes: JsonObjectSchema.optional(),
		})
		.strict(),
} satisfies Record<RecordKind, z.ZodTypeAny>;

export const RevokeRequestSchema = z
	.object({
		reason: ReasonTextSchema,
		operator: ActorSchema,
		at: UtcTimestampSchema.optional(),
		/** The public reason, shown on the verification page instead of the free text. */
		category: z.enum(REVOCATION_CATEGORIES).optional(),
	})
	.strict();

export const CredentialRefSchema = z
	.object({ platform: IdSchema, externalId: IdSchema, url: UrlSchema.optional() })
	.strict();

export const SupersedeRequestSchema = z
	.object({
		newKey: IdempotencyKeySchema.optional(),
		newCredential: CredentialRefSchema.optional(),
		reason: ReasonTextSchema,
		operator: ActorSchema,
		at: UtcTimestampSchema.optional(),
	})
	.strict()
	.refine((request) => (request.newKey === undefined) !== (request.newCredential === undefined), {
		message: 'give exactly one of newKey (a credential already in the ledger) or newCredential',
		path: ['newKey'],
	});

export function checkKey(key: unknown, field = 'key'): string {
	return parseOrThrow(IdempotencyKeySchema, key, 'idempotency key', field);
}

export function checkActor(actor: unknown, field = 'actor'): string {
	return parseOrThrow(ActorSchema, actor, 'actor', field);
}

/** "now" as ISO UTC from a Date, an ISO string or the clock. */
export function instantOf(
	now: Date | string | undefined,
	clock: () => Date,
	field = 'now',
): string {
	const date = now === undefined ? clock() : typeof now === 'string' ? new Date(now) : now;
	if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
		throw invalidInput('time', [
			{ path: field, message: 'expected an ISO-8601 UTC timestamp or a Date' },
		]);
	}
	return date.toISOString();
}

const ALLOWED_IDENTITY_FIELDS = new Set(['operator']);

/** Refuses JSON that cannot be hashed faithfully or that carries email addresses. */
export function publicDataIssues(value: unknown, path: PathSegment[] = []): ValidationIssue[] {
	try {
		canonicalJson(value);
	} catch (error) {
		return [
			{ path: formatPath(path), message: (error as Error).message.replace(/^canonicalJson: /, '') },
		];
	}
	const issues: ValidationIssue[] = [];
	const walk = (item: unknown, at: PathSegment[]) => {
		if (typeof item === 'string') {
			const field = at[at.length - 1];
			if (
				EMAIL_LIKE.test(item) &&
				!(typeof field === 'string' && ALLOWED_IDENTITY_FIELDS.has(field))
			) {
				issues.push({
					path: formatPath(at),
					message:
						'looks like an email address; the public ledger cannot be erased, so pass personal data as evidence',
				});
			}
		} else if (Array.isArray(item)) item.forEach((child, i) => walk(child, [...at, i]));
		else if (isPlainObject(item))
			for (const [k, child] of Object.entries(item)) walk(child, [...at, k]);
	};
	walk(value, path);
	return issues;
}

export function requirePublic(value: unknown, what: string, where: string): void {
	const issues = publicDataIssues(value);
	if (issues.length > 0) throw invalidInput(what, issues, where);
}
