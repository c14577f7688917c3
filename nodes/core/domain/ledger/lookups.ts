import type { MetricsPeriod } from './metrics-scan';
import type { PublicStatusCode } from './public-view';

/** A status list served to a verifier (Open Badges), counted beside the pages. */
export const STATUS_LIST_FETCH = 'status_list';

/** What one count is of: a verification page answering this status, or a status list served. */
export type LookupSubject = PublicStatusCode | typeof STATUS_LIST_FETCH;

/**
 * One lookup as counted: the hour (UTC) and what was answered. Nothing about who asked (no
 * address, user agent or referrer) and not which certificate: a history of when someone's
 * certificate was checked is personal data about its holder.
 */
export interface VerificationLookup {
	at: Date;
	subject: LookupSubject;
}

/** Lookups of one subject within one hour. */
export interface LookupTally {
	/** Start of the hour, ISO UTC (2026-12-07T17:00:00.000Z). */
	hour: string;
	subject: LookupSubject;
	count: number;
}

/**
 * Where lookups are counted: beside the chain, never in it. A page view is no event in a
 * credential's life, and one signed entry per view would bury the audit trail under traffic.
 * Implementations keep one counter per hour and status, shared by every process that opens the
 * same ledger (the ledger's folder, or its PostgreSQL database in queue mode).
 */
export interface LookupCounter {
	/** Adds tallies already merged (at most one per hour and subject) to the stored counts. */
	add(tallies: ReadonlyArray<LookupTally>): Promise<void>;
	/** Tallies of the hours that start within [from, to). */
	tallies(period: MetricsPeriod): Promise<LookupTally[]>;
}

export const PUBLIC_STATUS_CODES: readonly PublicStatusCode[] = [
	'valid',
	'revoked',
	'superseded',
	'expired',
	'erased',
	'unknown',
	'malformed',
];

const HOUR_MS = 60 * 60_000;

/** The start of the UTC hour holding `at`, in ms. */
export function hourStart(at: Date): number {
	return Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
}

/** What Get Metrics reports about lookups over a period. */
export interface LookupSummary {
	/** Every verification page answered, whatever its status. */
	total: number;
	/** Per status answered: revoked or superseded lookups mean old copies still circulate. */
	byStatus: Record<PublicStatusCode, number>;
	/** Pages per UTC day with lookups, oldest first. */
	byDay: Array<{ day: string; count: number }>;
	/** Open Badge status lists served (verifiers cache them for their ttl, so one per check at most). */
	statusListFetches: number;
}

/** In place of a summary when the counts could not be read: why, for the report. */
export interface UnreadableLookups {
	unavailable: string;
}

export function summariseLookups(tallies: ReadonlyArray<LookupTally>): LookupSummary {
	const byStatus = Object.fromEntries(PUBLIC_STATUS_CODES.map((code) => [code, 0])) as Record<
		PublicStatusCode,
		number
	>;
	const days = new Map<string, number>();
	let total = 0;
	let statusListFetches = 0;
	for (const { hour, subject, count } of tallies) {
		if (subject === STATUS_LIST_FETCH) {
			statusListFetches += count;
			continue;
		}
		total += count;
		byStatus[subject] += count;
		const day = hour.slice(0, 10);
		days.set(day, (days.get(day) ?? 0) + count);
	}
	const byDay = [...days.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([day, count]) => ({ day, count }));
	return { total, byStatus, byDay, statusListFetches };
}

/** Whether `text` is something a counter may have stored (read back from outside storage). */
export function isLookupSubject(text: string): text is LookupSubject {
	return text === STATUS_LIST_FETCH || (PUBLIC_STATUS_CODES as readonly string[]).includes(text);
}
