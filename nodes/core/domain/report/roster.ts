import { toCsv } from './csv';
import { reasonCodes, windowText, type ReportEntry } from './entries';

type Column = [string, (entry: ReportEntry) => string];

/**
 * Everything an auditor needs to recompute one decision: the attendance, the credit, why, and
 * which policy version (and hash) produced it. One row per decision, in input order.
 */
const ROSTER_COLUMNS: Column[] = [
	['attendee_id', (e) => e.decision.subject.attendeeId],
	['session_id', (e) => e.decision.subject.sessionId],
	['session_title', (e) => e.sessionTitle ?? ''],
	['session_ids', (e) => e.decision.subject.sessionIds.join(' ')],
	['outcome', (e) => e.decision.outcome],
	['credits', (e) => e.decision.credits],
	['max_credits', (e) => e.decision.maxCredits],
	['attended_minutes', (e) => String(e.decision.attendedMinutes)],
	['content_minutes', (e) => String(e.decision.contentMinutes)],
	['attended_percent', (e) => String(e.decision.attendedPercent)],
	['delivery_method', (e) => e.decision.deliveryMethod],
	['field_of_study', (e) => e.decision.fieldOfStudy ?? ''],
	['windows_used', (e) => windowText(e.decision)],
	['reason_codes', (e) => reasonCodes(e.decision)],
	['policy_id', (e) => e.decision.ruleSetId],
	['policy_version', (e) => e.decision.ruleVersion],
	['policy_hash', (e) => e.decision.ruleHash],
	['decided_at', (e) => e.decision.decidedAt],
];

export const ROSTER_HEADER = ROSTER_COLUMNS.map(([name]) => name);

export function rosterRows(entries: readonly ReportEntry[]): string[][] {
	return entries.map((entry) => ROSTER_COLUMNS.map(([, read]) => read(entry)));
}

/** The roster as CSV text: a header and one row per decision. */
export function rosterCsv(entries: readonly ReportEntry[]): string {
	return toCsv([ROSTER_HEADER, ...rosterRows(entries)]);
}
