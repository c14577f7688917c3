export { csvCell, toCsv } from './csv';
export type { EvidenceSignal, ReportEntry } from './entries';
export { ROSTER_HEADER, rosterCsv, rosterRows } from './roster';
export { SPONSOR_HEADER, sponsorReport } from './sponsor';
export type { SessionSummary, SponsorReport } from './sponsor';
export { attendeeEvidence, EVIDENCE_HEADER, evidenceCsv } from './evidence';
export type { AttendeeEvidence, EvidenceDecision } from './evidence';
export { reviewView } from './review-view';
export type { ReviewContext, ReviewView } from './review-view';
