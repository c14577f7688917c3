import { z } from 'zod';

import { cappedText } from './limits';

// Canonical UTC form written by the input parser: Date#toISOString() shape, milliseconds optional.
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
// ISO-8601 / RFC 3339 instant that names its offset. Naive local times are ambiguous: the same
// text means a different instant per server time zone (the classic off-by-one certificate date).
const OFFSET_ISO =
	/^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

/**
 * Milliseconds since the epoch for an ISO-8601 instant with Z or an offset (+02:00, +0200, +02),
 * "T" or a space between date and time, seconds and fractions optional (cut to milliseconds).
 * Undefined for naive times, impossible dates (2024-02-30, 24:00) and years outside 1970..9999.
 */
export function parseIsoInstant(text: string): number | undefined {
	const m = OFFSET_ISO.exec(text.trim());
	if (!m) return undefined;
	const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
	const second = m[6] === undefined ? 0 : Number(m[6]);
	const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
	const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
	const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
	if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
		return undefined;
	}
	const sign = m[9] === '-' ? -1 : 1;
	const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
	return local - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** An ISO-8601 instant in UTC ("Z"), e.g. 2024-06-03T14:20:10.000Z, that names a real calendar date. */
export const UtcTimestampSchema = z
	.string()
	.regex(UTC_ISO, 'expected an ISO-8601 UTC timestamp such as 2024-06-03T14:20:10.000Z')
	.refine(isRealUtcInstant, 'expected a real calendar date and time');

export const ModuleStatusSchema = z.enum(['completed', 'incomplete', 'exempt']);
export type ModuleStatus = z.infer<typeof ModuleStatusSchema>;

export const ModuleProgressSchema = z.object({
	id: cappedText('id'),
	status: ModuleStatusSchema,
});
export type ModuleProgress = z.infer<typeof ModuleProgressSchema>;

export const LearnerSchema = z.object({
	id: cappedText('id'),
	email: cappedText('email').optional(),
	name: cappedText('name').optional(),
});

export const CourseRefSchema = z.object({
	id: cappedText('id'),
	name: cappedText('name').optional(),
});

/** A score as the source gave it, before it was put on the 0-100 scale. */
export const ScoreOriginalSchema = z.object({
	value: z.number().finite(),
	min: z.number().finite(),
	max: z.number().finite(),
	/** The text the source sent when it was not a bare number, e.g. "85.00 %" or "B+ (87)". */
	text: cappedText('text', { allowEmpty: true }).optional(),
});
export type ScoreOriginal = z.infer<typeof ScoreOriginalSchema>;

/**
 * Another course the LMS says must be completed first, and whether it is. Same courseId/status
 * shape as Verify Completion's prerequisite evidence, so an enriched event is judged as is.
 */
export const PrerequisiteSchema = z.object({
	courseId: cappedText('id'),
	status: z.enum(['completed', 'incomplete']),
	name: cappedText('name').optional(),
	completedAt: UtcTimestampSchema.optional(),
});
export type Prerequisite = z.infer<typeof PrerequisiteSchema>;

/** What the optional LMS API lookup added, so a reviewer can tell sent data from fetched data. */
export const EnrichmentSchema = z.object({
	status: z.enum(['enriched', 'partial', 'failed']),
	/** The API that was asked, e.g. "moodle web services". */
	source: cappedText('name'),
	/** CompletionEvent fields the lookup filled in, e.g. ["learner.email", "score"]. */
	fields: z.array(cappedText('id', { allowEmpty: true })),
	/**
	 * What the lookup returned for values the event already carried (the event's value wins),
	 * so Verify Completion can hold a completion whose two systems disagree.
	 */
	lookup: z
		.object({
			/** On the 0-100 scale. */
			score: z.number().finite().min(0).optional(),
			email: cappedText('email').optional(),
		})
		.optional(),
	/** One entry per lookup step that failed; the event is still emitted (nothing is dropped). */
	errors: z
		.array(
			z.object({
				step: cappedText('id', { allowEmpty: true }),
				message: cappedText('text', { allowEmpty: true }),
			}),
		)
		.optional(),
});
export type Enrichment = z.infer<typeof EnrichmentSchema>;

/**
 * One learner finishing one course, as reported by a source (LMS webhook, poll, CSV...).
 * Normalised: ids are strings, numbers are numbers, completedAt is UTC; the value the
 * source actually sent is kept in completedAtOriginal for audits of off-by-one dates.
 */
export const CompletionEventSchema = z.object({
	source: cappedText('id'),
	sourceEventId: cappedText('id').optional(),
	learner: LearnerSchema,
	course: CourseRefSchema,
	completedAt: UtcTimestampSchema,
	completedAtOriginal: z.union([cappedText('text', { allowEmpty: true }), z.number()]).optional(),
	/** Points, or a percentage when the source gives one (LMS events: always 0-100, see scoreOriginal). */
	score: z.number().finite().min(0).optional(),
	maxScore: z.number().finite().positive().optional(),
	scoreOriginal: ScoreOriginalSchema.optional(),
	timeSpentMinutes: z.number().finite().min(0).optional(),
	modules: z.array(ModuleProgressSchema).optional(),
	prerequisites: z.array(PrerequisiteSchema).optional(),
	enrichment: EnrichmentSchema.optional(),
	raw: z.unknown().optional(),
});
export type CompletionEvent = z.infer<typeof CompletionEventSchema>;

export interface CompletionKeyFields {
	source: string;
	learner: { id: string };
	course: { id: string };
	completedAt: string;
}

/**
 * Stable, readable identity of a completion: `source|learnerId|courseId|completedAtUTC`.
 * Deliberately not the delivery id: platforms re-send the same completion under new ids.
 * - source is trimmed and lower-cased (a platform name, not data); ids are kept as sent.
 * - the instant is cut to whole seconds: webhook and API copies of one completion can differ
 *   in sub-second precision, while two real completions within one second do not happen.
 * - "\" and "|" inside a part are escaped so the key can always be split back unambiguously.
 * Throws a TypeError when completedAt is not an ISO-8601 instant with Z or an offset.
 */
export function completionBusinessKey(event: CompletionKeyFields): string {
	const instant = parseIsoInstant(event.completedAt);
	if (instant === undefined) {
		throw new TypeError(
			`completionBusinessKey: completedAt ${JSON.stringify(event.completedAt)} is not an ISO-8601 instant with Z or an offset`,
		);
	}
	const utcSeconds = new Date(instant).toISOString().slice(0, 19) + 'Z';
	return [event.source.trim().toLowerCase(), event.learner.id, event.course.id, utcSeconds]
		.map(escapeKeyPart)
		.join('|');
}

/**
 * The completion instant (UTC, whole seconds) of a business key, or undefined when the text is
 * not one: the inverse of completionBusinessKey for its last part.
 */
export function completedAtOfBusinessKey(businessKey: string): string | undefined {
	const parts: string[] = [''];
	for (let i = 0; i < businessKey.length; i++) {
		const char = businessKey[i];
		if (char === '\\' && i + 1 < businessKey.length) parts[parts.length - 1] += businessKey[++i];
		else if (char === '|') parts.push('');
		else parts[parts.length - 1] += char;
	}
	const instant = parts.length === 4 ? parts[3] : '';
	return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(instant) && isRealUtcInstant(instant)
		? instant
		: undefined;
}

function escapeKeyPart(part: string): string {
	return part.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

function isRealUtcInstant(text: string): boolean {
	return parseIsoInstant(text) !== undefined;
}
