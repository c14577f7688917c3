import { sumCredits } from '../credit/decimal';
import type { CreditOutcome } from '../model';
import { toCsv } from './csv';
import { reasonCodes, windowText, type ReportEntry } from './entries';

export const SPONSOR_HEADER = [
	'session_id',
	'session_title',
	'field_of_study',
	'delivery_method',
	'credit_value',
	'participant',
	'attendance_window_used',
	'attended_minutes',
	'decision',
	'credits_awarded',
	'reason_codes',
];

export interface SessionSummary {
	sessionId: string;
	sessionTitle: string;
	creditValue: string;
	participants: number;
	creditsAwarded: string;
	outcomes: Record<CreditOutcome, number>;
}

export interface SponsorReport {
	/** Data rows (no header), grouped by session in order of first appearance, then participant. */
	rows: string[][];
	sessions: SessionSummary[];
	csv: string;
}

/**
 * The participation record a sponsor keeps per session (NASBA R9: credits earned by each
 * participant, late arrivals and early departures included): who, the window that counted, the
 * decision and the credits, under the session's credit value.
 */
export function sponsorReport(entries: readonly ReportEntry[]): SponsorReport {
	const bySession = new Map<string, ReportEntry[]>();
	for (const entry of entries) {
		const id = entry.decision.subject.sessionId;
		const list = bySession.get(id);
		if (list) list.push(entry);
		else bySession.set(id, [entry]);
	}
	const rows: string[][] = [];
	const sessions: SessionSummary[] = [];
	for (const [sessionId, list] of bySession) {
		const sorted = [...list].sort((a, b) =>
			compareText(a.decision.subject.attendeeId, b.decision.subject.attendeeId),
		);
		const title = sorted.find((e) => e.sessionTitle)?.sessionTitle ?? '';
		const outcomes: Record<CreditOutcome, number> = {
			full_credit: 0,
			partial_credit: 0,
			no_credit: 0,
			needs_review: 0,
		};
		for (const { decision } of sorted) {
			outcomes[decision.outcome]++;
			rows.push([
				sessionId,
				title,
				decision.fieldOfStudy ?? '',
				decision.deliveryMethod,
				decision.maxCredits,
				decision.subject.attendeeId,
				windowText(decision),
				String(decision.attendedMinutes),
				decision.outcome,
				decision.credits,
				reasonCodes(decision),
			]);
		}
		sessions.push({
			sessionId,
			sessionTitle: title,
			// The credit value is the session's maximum; attendees of one session share it.
			creditValue: sorted[0].decision.maxCredits,
			participants: sorted.length,
			// A decision in review has not awarded its credits yet.
			creditsAwarded: sumCredits(
				sorted.filter((e) => e.decision.outcome !== 'needs_review').map((e) => e.decision.credits),
			),
			outcomes,
		});
	}
	return { rows, sessions, csv: toCsv([SPONSOR_HEADER, ...rows]) };
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
