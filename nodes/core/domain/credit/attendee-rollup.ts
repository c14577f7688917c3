import { resolveColumns } from '../attendance/columns';
import { zoneOffsetMs } from '../attendance/local-time';
import type { ParsedSchedule } from '../attendance/schedule';
import { canonicalJson, sha256Hex } from '../canonical';
import type { CreditDecision, CreditOutcome, DeliveryMethod, Reason } from '../model';
import { sumCredits } from './decimal';

/** One credited session (or combined program) on an attendee's roll-up: what a certificate lists. */
export interface SessionCreditLine {
	sessionId: string;
	sessionIds: string[];
	title: string;
	/** Local date of the session's start in its time zone, YYYY-MM-DD. */
	date: string;
	deliveryMethod: DeliveryMethod;
	fieldOfStudy?: string;
	credits: string;
	outcome: CreditOutcome;
	ruleSetId: string;
	ruleVersion: string;
	ruleHash: string;
}

/** A session decision that earned nothing or waits for a person, kept beside the credited ones. */
export interface UncreditedSession {
	sessionId: string;
	title: string;
	outcome: CreditOutcome;
	reasonCodes: string[];
	/** Sessions in review: what a reviewer may grant, and the line an approval prints. */
	review?: ReviewableSession;
}

/** A session in review as an approval credits it: the certificate line's facts and its limits. */
export interface ReviewableSession extends Omit<
	SessionCreditLine,
	'sessionId' | 'title' | 'credits' | 'outcome'
> {
	/** The most the rule gives for the session: an approval grants at most this. */
	maxCredits: string;
	/** The rule's increment: an approval grants whole steps of it. */
	increment: string;
}

/**
 * One attendee's decisions for one event, rolled up: the credited sessions, their exact total,
 * the policies that decided them, and the sessions without credit. Shaped like a CreditDecision
 * (subject, outcome, credits, reasons, rule identity, decidedAt), so the ledger and reports read
 * it alike.
 */
export interface AttendeeRollUp {
	subject: { attendeeId: string; eventId: string; sessionIds: string[] };
	outcome: CreditOutcome;
	credits: string;
	sessionCredits: SessionCreditLine[];
	uncreditedSessions: UncreditedSession[];
	reasons: Reason[];
	ruleSetId: string;
	ruleVersion: string;
	ruleHash: string;
	decidedAt: string;
}

function localDate(startMs: number, zone: string): string {
	return new Date(startMs + zoneOffsetMs(zone, startMs)).toISOString().slice(0, 10);
}

/**
 * needs_review when any session waits for a person (the certificate would be incomplete),
 * no_credit when nothing was earned, full_credit when every session was, else partial_credit.
 */
function rollUpOutcome(decisions: readonly CreditDecision[], total: string): CreditOutcome {
	if (decisions.some((d) => d.outcome === 'needs_review')) return 'needs_review';
	if (total === '0') return 'no_credit';
	return decisions.every((d) => d.outcome === 'full_credit') ? 'full_credit' : 'partial_credit';
}

/**
 * The rule identity of a roll-up: the one policy when all sessions share it, else the ids and
 * versions joined with "+" and a hash over every (id, version, hash), in a stable order.
 */
function combinedRule(decisions: readonly CreditDecision[]) {
	const byHash = new Map(decisions.map((d) => [d.ruleHash, d] as const));
	const rules = [...byHash.values()]
		.map((d) => ({ id: d.ruleSetId, version: d.ruleVersion, hash: d.ruleHash }))
		.sort((a, b) => (a.id + a.version + a.hash < b.id + b.version + b.hash ? -1 : 1));
	if (rules.length === 1) {
		return { ruleSetId: rules[0].id, ruleVersion: rules[0].version, ruleHash: rules[0].hash };
	}
	return {
		ruleSetId: rules.map((r) => r.id).join('+'),
		ruleVersion: rules.map((r) => r.version).join('+'),
		ruleHash: sha256Hex(canonicalJson(rules)),
	};
}

/** Decisions by attendee, in the order they come (computeCredits sorts them by attendee). */
export function groupByAttendee(
	decisions: readonly CreditDecision[],
): Map<string, CreditDecision[]> {
	const byAttendee = new Map<string, CreditDecision[]>();
	for (const decision of decisions) {
		const list = byAttendee.get(decision.subject.attendeeId);
		if (list) list.push(decision);
		else byAttendee.set(decision.subject.attendeeId, [decision]);
	}
	return byAttendee;
}

/** Rolls per-session decisions up to one item per attendee and event. */
export function rollUpByAttendee(
	decisions: readonly CreditDecision[],
	schedule: ParsedSchedule,
	eventId: string,
): AttendeeRollUp[] {
	return [...groupByAttendee(decisions)].map(([attendeeId, own]) =>
		rollUpAttendee(attendeeId, own, schedule, eventId),
	);
}

/**
 * One attendee's session decisions (at least one) as a roll-up. Totals are exact decimal sums
 * of the session credits.
 */
export function rollUpAttendee(
	attendeeId: string,
	own: readonly CreditDecision[],
	schedule: ParsedSchedule,
	eventId: string,
): AttendeeRollUp {
	const sessionCredits: SessionCreditLine[] = [];
	const uncreditedSessions: UncreditedSession[] = [];
	for (const decision of own) {
		const sessions = decision.subject.sessionIds.map((id) => schedule.sessions.get(id));
		const title = sessions.map((s, i) => s?.session.title ?? decision.subject.sessionIds[i]);
		const first = sessions[0];
		const facts = {
			date: first ? localDate(first.startMs, first.zone) : decision.decidedAt.slice(0, 10),
			deliveryMethod: decision.deliveryMethod,
			...(decision.fieldOfStudy ? { fieldOfStudy: decision.fieldOfStudy } : {}),
		};
		const rule = {
			ruleSetId: decision.ruleSetId,
			ruleVersion: decision.ruleVersion,
			ruleHash: decision.ruleHash,
		};
		const sessionIds = [...decision.subject.sessionIds];
		if (decision.credits === '0' || decision.outcome === 'needs_review') {
			const increment = decision.dataPoints.increment;
			uncreditedSessions.push({
				sessionId: decision.subject.sessionId,
				title: title.join(' + '),
				outcome: decision.outcome,
				reasonCodes: decision.reasons.map((r) => r.code),
				...(decision.outcome === 'needs_review' && typeof increment === 'string'
					? {
							review: { sessionIds, ...facts, ...rule, maxCredits: decision.maxCredits, increment },
						}
					: {}),
			});
			continue;
		}
		sessionCredits.push({
			sessionId: decision.subject.sessionId,
			sessionIds,
			title: title.join(' + '),
			...facts,
			credits: decision.credits,
			outcome: decision.outcome,
			...rule,
		});
	}
	const credits = sumCredits(sessionCredits.map((line) => line.credits));
	return {
		subject: {
			attendeeId,
			eventId,
			sessionIds: own.map((d) => d.subject.sessionId),
		},
		outcome: rollUpOutcome(own, credits),
		credits,
		sessionCredits,
		uncreditedSessions,
		reasons: own.flatMap((d) =>
			d.reasons.map((r) => ({ code: r.code, detail: `${d.subject.sessionId}: ${r.detail}` })),
		),
		...combinedRule(own),
		decidedAt: own[0].decidedAt,
	};
}

/** The attendee's name as a source row spells it (Full Name, Name, First + Last), if any. */
export function attendeeNameOf(rows: readonly unknown[]): string | undefined {
	for (const raw of rows) {
		if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) continue;
		const row = raw as Record<string, unknown>;
		const columns = resolveColumns(Object.keys(row));
		const cell = (column: string | undefined) =>
			column !== undefined && typeof row[column] === 'string' ? row[column].trim() : '';
		const name =
			cell(columns.name) || [cell(columns.firstName), cell(columns.lastName)].join(' ').trim();
		if (name) return name;
	}
	return undefined;
}
