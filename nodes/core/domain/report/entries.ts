import type { AttendanceSignal, CreditDecision } from '../model';

/** One signal behind a decision, as the Attendance timeline recorded it (what it contributed). */
export type EvidenceSignal = Pick<AttendanceSignal, 'kind' | 'at' | 'source' | 'confidence'> &
	Partial<Pick<AttendanceSignal, 'sessionId' | 'row' | 'pollId' | 'answered' | 'room'>> & {
		use?: string;
	};

/** A credit decision with what the reports print beside it. */
export interface ReportEntry {
	decision: CreditDecision;
	sessionTitle?: string;
	/** The signals of the attendee's timelines in this session or program, when kept. */
	evidence?: EvidenceSignal[];
}

/** ISO-8601 interval notation (start/end), unambiguous in every spreadsheet locale. */
export function windowText(decision: CreditDecision): string {
	return decision.windowsUsed.map((w) => `${w.start}/${w.end}`).join('; ');
}

export function reasonCodes(decision: CreditDecision): string {
	return decision.reasons.map((reason) => reason.code).join(' ');
}
