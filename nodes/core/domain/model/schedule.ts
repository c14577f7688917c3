import { z } from 'zod';

import { RuleIdSchema } from './completion-rule-set';
import { DecimalTextSchema } from './decimal-text';
import { cappedText, withinLimit } from './limits';

/** NASBA's delivery methods (A1.1). There is no "hybrid" method: hybrid is a modality. */
export const DeliveryMethodSchema = z.enum([
	'group-live',
	'group-internet',
	'self-study',
	'nano',
	'blended',
]);
export type DeliveryMethod = z.infer<typeof DeliveryMethodSchema>;

/** How people can take part; a hybrid session credits each attendee by the method they used. */
export const ModalitySchema = z.enum(['in-person', 'virtual', 'hybrid']);
export type Modality = z.infer<typeof ModalitySchema>;

/** True when the runtime knows the IANA zone name (Europe/Berlin, America/New_York, UTC). */
export function isValidTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

export const TimeZoneSchema = z
	.string()
	.superRefine(withinLimit('id'))
	.refine(isValidTimeZone, (zone) => ({
	message: `received ${JSON.stringify(zone)}; expected an IANA time zone such as Europe/Berlin or UTC`,
}));

/**
 * A local wall time in the session's zone ("2026-05-14 09:00", "2026-05-14T09:00:00") or an
 * instant with Z or an offset. Local times are read DST-correctly in the session's zone.
 */
const ScheduleTimeSchema = cappedText('id');

/** Time inside a session that is not learning content (R8: breaks, meals, housekeeping). */
export const ExcludedBlockSchema = z
	.object({
		start: ScheduleTimeSchema,
		end: ScheduleTimeSchema,
		label: cappedText('name', { allowEmpty: true }).optional(),
	})
	.strict();
export type ExcludedBlock = z.infer<typeof ExcludedBlockSchema>;

export const SessionSchema = z
	.object({
		id: RuleIdSchema,
		title: cappedText('name'),
		start: ScheduleTimeSchema,
		end: ScheduleTimeSchema,
		/** IANA zone of the local times; defaults to the schedule's zone, else UTC. */
		timezone: TimeZoneSchema.optional(),
		/** Id of the credit policy; defaults to the schedule's defaultPolicy. */
		creditPolicy: RuleIdSchema.optional(),
		fieldOfStudy: cappedText('name').optional(),
		deliveryMethod: DeliveryMethodSchema.default('group-live'),
		modality: ModalitySchema.optional(),
		speaker: cappedText('name', { allowEmpty: true }).optional(),
		/** Room or location; lets door scans without a session id find their session. */
		room: cappedText('name').optional(),
		/**
		 * Sessions sharing a programId are credited together (R7: conference segments shorter
		 * than one credit are combined), so an attendee gets one decision for the program.
		 * Combining each attendee's own partial attendance this way is inferred (A3 example 9).
		 */
		programId: RuleIdSchema.optional(),
		breaks: z.array(ExcludedBlockSchema).default([]),
		/** Number of attendance polls launched; else counted from the poll ids seen. */
		pollsScheduled: z.number().int().min(0).optional(),
		/** Designated credits, used as the session maximum instead of the length-based value. */
		credits: DecimalTextSchema.optional(),
	})
	.strict();
export type Session = z.output<typeof SessionSchema>;
export type SessionInput = z.input<typeof SessionSchema>;

export const ScheduleSchema = z
	.object({
		eventId: RuleIdSchema.optional(),
		title: cappedText('name', { allowEmpty: true }).optional(),
		timezone: TimeZoneSchema.default('UTC'),
		defaultPolicy: RuleIdSchema.optional(),
		sessions: z
			.array(SessionSchema)
			.min(1)
			.superRefine((sessions, ctx) => {
				const first = new Map<string, number>();
				sessions.forEach((session, index) => {
					const earlier = first.get(session.id);
					if (earlier === undefined) first.set(session.id, index);
					else {
						ctx.addIssue({
							code: z.ZodIssueCode.custom,
							path: [index, 'id'],
							message: `received ${JSON.stringify(session.id)} again; expected unique session ids (first at [${earlier}])`,
						});
					}
				});
			}),
	})
	.strict();
export type Schedule = z.output<typeof ScheduleSchema>;
export type ScheduleInput = z.input<typeof ScheduleSchema>;
