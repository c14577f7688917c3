/**
 * What the evidence itself says about one attendee in one session, before any credit policy.
 * Codes are part of the public interface (shown in timelines and carried into credit decisions):
 * add new codes, never rename or reuse. `review` findings send a credit decision to review.
 */
export const ATTENDANCE_FINDINGS = Object.freeze({
	DUPLICATE_SIGNALS: {
		review: false,
		description: 'Repeated signals (double scans, re-imported rows) were kept and counted once.',
	},
	REPEATED_CHECK_IN: {
		review: false,
		description:
			'A second check-in without a check-out in between; presence is taken as continuous.',
	},
	MISSING_CHECKOUT: {
		review: true,
		description:
			'A check-in or join has no check-out or leave; the credit policy decides what counts.',
	},
	CHECK_OUT_WITHOUT_CHECK_IN: {
		review: true,
		description: 'A check-out or leave has no check-in or join before it.',
	},
	CONFLICTING_SOURCES: {
		review: true,
		description:
			"One source's exit (or a poll answered after it) falls inside another source's continuous presence by more than the clock-skew tolerance; all are kept and their union is used.",
	},
	CLOCK_SKEW_TOLERATED: {
		review: false,
		description:
			"One source's exit and another source's presence disagree by no more than the clock-skew tolerance; their union is used.",
	},
	IDENTITY_FROM_NAME_ONLY: {
		review: true,
		description:
			'The attendee is known only by name (e.g. an empty Zoom email); names can collide.',
	},
	SESSION_ASSIGNMENT_AMBIGUOUS: {
		review: true,
		description:
			'A signal without session id fits several overlapping sessions; it is counted in each for review.',
	},
	LOCAL_TIME_AMBIGUOUS_DST: {
		review: true,
		description:
			'A local time falls in the hour repeated by a DST change; the earlier instant was used.',
	},
	LOCAL_TIME_IN_DST_GAP: {
		review: true,
		description:
			'A local time falls in the hour skipped by a DST change; it was moved forward by the gap.',
	},
	DST_TRANSITION_IN_SESSION: {
		review: false,
		description: 'The session spans a DST change; durations are measured in real elapsed time.',
	},
	MANUAL_CONFIRMATION_APPLIED: {
		review: false,
		description: 'A moderator confirmed presence; the confirmed window counts as attendance.',
	},
	ATTENDED_OVERLAPPING_SESSIONS: {
		review: true,
		description:
			'Presence in this session overlaps presence in another session (two rooms at once).',
	},
} as const);

export type AttendanceFindingCode = keyof typeof ATTENDANCE_FINDINGS;

export interface Finding {
	code: AttendanceFindingCode;
	detail: string;
}
