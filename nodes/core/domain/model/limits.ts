import { z } from 'zod';

/**
 * Longest text each kind of field may hold, in UTF-16 code units (what String#length counts).
 * Every webhook, file and node parameter lands in a schema, so one oversized value is refused
 * there with its path instead of reaching matching code; the limits are generous for real data
 * and small enough that no later step (name distance, key building, e-mail checks, logs) can be
 * made to work for seconds on one field.
 */
export const TEXT_LIMITS = {
	/**
	 * Learner, course, session, module, rule and credential ids. LMS ids are numbers, UUIDs, SIS
	 * ids or logins (a few dozen characters); 256 leaves room for composite and prefixed ids.
	 */
	id: 256,
	/** People's and courses' names, titles, rooms, speakers, labels: long titles run to ~200. */
	name: 512,
	/** RFC 5321 path limit: a 64-character local part, "@" and a 255-character domain. */
	email: 320,
	/**
	 * A completion's business key joins source, learner id, course id and the instant, with "\\"
	 * and "|" escaped (each part at most twice its length): 4 x 512 covers the longest.
	 */
	businessKey: 2048,
	/** Credential and evidence URLs; 2,048 is the de-facto limit of browsers and platforms. */
	url: 2048,
	/** Decimal numbers written as text (credits, steps): far beyond any real precision. */
	decimal: 64,
	/** Free text: descriptions, reason details, error messages, original values as sent. */
	text: 4096,
} as const;

export type TextKind = keyof typeof TEXT_LIMITS;

/** "is 4,200 characters long; the limit is 256" (callers put the field's path in front). */
export function tooLongMessage(length: number, limit: number): string {
	return `is ${length.toLocaleString('en-US')} characters long; the limit is ${limit.toLocaleString('en-US')}`;
}

/**
 * A refinement that refuses text longer than the limit of its kind. It only reads the length,
 * so it is cheap on any input.
 */
export function withinLimit(kind: TextKind) {
	const limit = TEXT_LIMITS[kind];
	return (value: string, ctx: z.RefinementCtx): void => {
		if (value.length > limit) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: tooLongMessage(value.length, limit) });
		}
	};
}

/** Text of one kind: non-empty unless `allowEmpty`, at most the kind's limit. */
export function cappedText(kind: TextKind, { allowEmpty = false } = {}) {
	return (allowEmpty ? z.string() : z.string().min(1)).superRefine(withinLimit(kind));
}
