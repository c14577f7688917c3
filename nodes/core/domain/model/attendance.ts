import { z } from 'zod';

import { UtcTimestampSchema } from './completion-event';
import { cappedText } from './limits';

/**
 * What a signal says happened. scan is a door scan without a direction (in and out alternate);
 * manual is a moderator's confirmation; poll_answer is one attendance poll, answered or not.
 */
export const SignalKindSchema = z.enum([
	'check_in',
	'check_out',
	'scan',
	'join',
	'leave',
	'heartbeat',
	'poll_answer',
	'manual',
]);
export type SignalKind = z.infer<typeof SignalKindSchema>;

/** How the attendee id was found; names alone collide, so they send a decision to review. */
export const IdentityBasisSchema = z.enum(['id', 'email', 'registrant', 'name']);
export type IdentityBasis = z.infer<typeof IdentityBasisSchema>;

/**
 * A local time that the DST change makes ambiguous (the repeated hour: the earlier instant is
 * used) or impossible (the skipped hour: moved forward by the gap), as Temporal's
 * "compatible" disambiguation does.
 */
export const LocalTimeNoteSchema = z.enum(['dst_ambiguous', 'dst_gap']);
export type LocalTimeNote = z.infer<typeof LocalTimeNoteSchema>;

/**
 * One piece of attendance evidence, normalised. Every signal is kept, including duplicates and
 * contradictions; the timeline and the decision say which signals they used and why.
 */
export const AttendanceSignalSchema = z.object({
	attendeeId: cappedText('id'),
	/** Absent when the source has no session column and the time and room match no session. */
	sessionId: cappedText('id').optional(),
	kind: SignalKindSchema,
	at: UtcTimestampSchema,
	/** Where it came from: badge, kiosk, zoom_report, zoom_webhook, heartbeat, poll, manual... */
	source: cappedText('id'),
	/** How far the source is trusted, 0..1; shown to reviewers, never used to delete evidence. */
	confidence: z.number().min(0).max(1),
	/** Pairs the join and leave of one Zoom report row, or the in and out of one scan row. */
	segmentId: cappedText('id').optional(),
	/** End of a manually confirmed window; a manual signal without from/until covers the session. */
	from: UtcTimestampSchema.optional(),
	until: UtcTimestampSchema.optional(),
	pollId: cappedText('id').optional(),
	/** false records a poll the attendee did not answer (R13 asks for non-responses too). */
	answered: z.boolean().optional(),
	room: cappedText('name').optional(),
	identity: IdentityBasisSchema.optional(),
	/** Sessions a scan without session id could belong to when their times overlap. */
	candidateSessionIds: z.array(cappedText('id')).optional(),
	timeNote: LocalTimeNoteSchema.optional(),
	/** 1-based data row (or item index) of the input, for disputes. */
	row: z.number().int().min(1).optional(),
	raw: z.unknown().optional(),
});
export type AttendanceSignal = z.infer<typeof AttendanceSignalSchema>;

/** A row that could not become a signal: where, and what is wrong, so other rows go on. */
export interface RowError {
	/** 1-based data row (header excluded) or item index + 1. */
	row: number;
	/** The column as written in the input, or the field name when there is no such column. */
	column: string;
	message: string;
}
