import { sumCredits } from '../credit/decimal';
import type { CreditDecision, CreditWindow, Reason } from '../model';
import { toCsv } from './csv';
import type { EvidenceSignal, ReportEntry } from './entries';

export interface EvidenceDecision {
	sessionId: string;
	sessionIds: string[];
	sessionTitle?: string;
	outcome: CreditDecision['outcome'];
	credits: string;
	maxCredits: string;
	attendedMinutes: number;
	contentMinutes: number;
	attendedPercent: number;
	deliveryMethod: CreditDecision['deliveryMethod'];
	windowsUsed: CreditWindow[];
	reasons: Reason[];
	dataPoints: CreditDecision['dataPoints'];
	policy: { id: string; version: string; hash: string };
	decidedAt: string;
	/** Every signal behind the decision, in time order, with what it contributed. */
	signals: EvidenceSignal[];
}

/** What one attendee's dispute needs: each decision, the windows that counted, every signal. */
export interface AttendeeEvidence {
	attendeeId: string;
	/** Credits awarded (decisions in review excluded: they award nothing yet). */
	creditsAwarded: string;
	pendingReview: number;
	decisions: EvidenceDecision[];
}

export const EVIDENCE_HEADER = [
	'attendee_id',
	'session_id',
	'record',
	'start_or_at',
	'end',
	'kind',
	'source',
	'confidence',
	'use',
	'detail',
];

/** One view per attendee, attendees sorted, decisions in input order. */
export function attendeeEvidence(entries: readonly ReportEntry[]): AttendeeEvidence[] {
	const byAttendee = new Map<string, ReportEntry[]>();
	for (const entry of entries) {
		const id = entry.decision.subject.attendeeId;
		const list = byAttendee.get(id);
		if (list) list.push(entry);
		else byAttendee.set(id, [entry]);
	}
	return [...byAttendee.keys()].sort().map((attendeeId) => {
		const list = byAttendee.get(attendeeId) as ReportEntry[];
		const decisions = list.map(toEvidenceDecision);
		return {
			attendeeId,
			creditsAwarded: sumCredits(
				decisions.filter((d) => d.outcome !== 'needs_review').map((d) => d.credits),
			),
			pendingReview: decisions.filter((d) => d.outcome === 'needs_review').length,
			decisions,
		};
	});
}

function toEvidenceDecision(entry: ReportEntry): EvidenceDecision {
	const d = entry.decision;
	const signals = [...(entry.evidence ?? [])].sort((a, b) =>
		a.at < b.at ? -1 : a.at > b.at ? 1 : 0,
	);
	return {
		sessionId: d.subject.sessionId,
		sessionIds: [...d.subject.sessionIds],
		...(entry.sessionTitle ? { sessionTitle: entry.sessionTitle } : {}),
		outcome: d.outcome,
		credits: d.credits,
		maxCredits: d.maxCredits,
		attendedMinutes: d.attendedMinutes,
		contentMinutes: d.contentMinutes,
		attendedPercent: d.attendedPercent,
		deliveryMethod: d.deliveryMethod,
		windowsUsed: d.windowsUsed.map((w) => ({ ...w, sources: [...w.sources] })),
		reasons: d.reasons.map((r) => ({ ...r })),
		dataPoints: { ...d.dataPoints },
		policy: { id: d.ruleSetId, version: d.ruleVersion, hash: d.ruleHash },
		decidedAt: d.decidedAt,
		signals,
	};
}

/**
 * The evidence as a flat CSV a person can filter: per decision one "decision" line, then its
 * windows, reasons and signals.
 */
export function evidenceCsv(view: AttendeeEvidence): string {
	const rows: string[][] = [EVIDENCE_HEADER];
	const line = (sessionId: string, record: string, cells: Partial<Record<string, string>>) =>
		rows.push([
			view.attendeeId,
			sessionId,
			record,
			cells.start ?? '',
			cells.end ?? '',
			cells.kind ?? '',
			cells.source ?? '',
			cells.confidence ?? '',
			cells.use ?? '',
			cells.detail ?? '',
		]);
	for (const d of view.decisions) {
		line(d.sessionId, 'decision', {
			detail: `${d.outcome}: ${d.credits} of ${d.maxCredits} credits, ${d.attendedMinutes} of ${d.contentMinutes} minutes (${d.attendedPercent} %), policy ${d.policy.id} v${d.policy.version}`,
		});
		for (const w of d.windowsUsed)
			line(w.sessionId, 'window', { start: w.start, end: w.end, source: w.sources.join(' ') });
		for (const r of d.reasons) line(d.sessionId, 'reason', { kind: r.code, detail: r.detail });
		for (const s of d.signals)
			line(s.sessionId ?? d.sessionId, 'signal', {
				start: s.at,
				kind: s.kind,
				source: s.source,
				confidence: String(s.confidence),
				use: s.use ?? '',
				detail: signalDetail(s),
			});
	}
	return toCsv(rows);
}

function signalDetail(s: EvidenceSignal): string {
	const parts: string[] = [];
	if (s.row !== undefined) parts.push(`row ${s.row}`);
	if (s.room) parts.push(`room ${s.room}`);
	if (s.pollId) parts.push(`poll ${s.pollId}${s.answered === false ? ' (not answered)' : ''}`);
	return parts.join(', ');
}
