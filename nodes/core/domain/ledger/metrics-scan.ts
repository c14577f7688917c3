import { completedAtOfBusinessKey } from '../model/completion-event';
import { SYSTEM_KEY, type LedgerEntry } from './entry';
import { invalidInput } from './errors';
import { isPlainObject, type JsonObject, type JsonValue } from './json';
import { isReminder } from './queue-scan';

export interface MetricsPeriod {
	/** Inclusive, epoch milliseconds. */
	from: number;
	/** Exclusive, epoch milliseconds: entries at or after it are not read. */
	to: number;
}

/**
 * What the metrics need to know about one credential, counted over the period (entries before
 * it only set the context: course, completion time, an open review). Kept to numbers and short
 * strings: a million-entry ledger holds a few hundred thousand of these.
 */
export interface KeyFacts {
	course?: string;
	event?: string;
	platform?: string;
	/** Completion time of the latest decision (its business key, else decidedAt), in ms. */
	completedAt?: number;
	decided: boolean;
	/** Outcome of the latest decision in the period. */
	outcome?: string;
	attempts: number;
	failures: number;
	/** Failures a retry may cure (timeouts, 5xx, 429): the platform was not available. */
	retryableFailures: number;
	issued: number;
	escalated: boolean;
	revoked: number;
	reissued: number;
	/** Completion → first issued / delivered / claimed entry in the period, in ms. */
	toIssued?: number;
	toDelivered?: number;
	toClaimed?: number;
	/** Claimed before the period's end (whenever the claim entry was written). */
	claimed: boolean;
	reviewOpenedAt?: number;
	/** The latest decision names its rules and data points, and private evidence was committed. */
	evidenceComplete: boolean;
	hasEvidenceHash: boolean;
}

/** [periodStart, periodEnd) from ISO timestamps, refused with the field to fix. */
export function periodOf(periodStart: string, periodEnd: string): MetricsPeriod {
	const from = Date.parse(periodStart);
	const to = Date.parse(periodEnd);
	const issues = [];
	if (Number.isNaN(from))
		issues.push({
			path: 'periodStart',
			message: `received "${periodStart}"; expected an ISO-8601 timestamp`,
		});
	if (Number.isNaN(to))
		issues.push({
			path: 'periodEnd',
			message: `received "${periodEnd}"; expected an ISO-8601 timestamp`,
		});
	if (issues.length === 0 && !(from < to))
		issues.push({ path: 'periodEnd', message: 'must be later than periodStart' });
	if (issues.length > 0) throw invalidInput('period', issues);
	return { from, to };
}

function newFacts(): KeyFacts {
	return {
		decided: false,
		attempts: 0,
		failures: 0,
		retryableFailures: 0,
		issued: 0,
		escalated: false,
		revoked: 0,
		reissued: 0,
		claimed: false,
		evidenceComplete: false,
		hasEvidenceHash: false,
	};
}

/** Folds the chain once into per-credential facts for the period. */
export async function scanMetrics(
	entries: AsyncIterable<LedgerEntry>,
	period: MetricsPeriod,
): Promise<Map<string, KeyFacts>> {
	const facts = new Map<string, KeyFacts>();
	for await (const entry of entries) {
		if (entry.key === SYSTEM_KEY) continue;
		const at = Date.parse(entry.at);
		if (!(at < period.to)) continue;
		let track = facts.get(entry.key);
		if (!track) {
			track = newFacts();
			facts.set(entry.key, track);
		}
		applyEntry(track, entry, at, at >= period.from);
	}
	return facts;
}

function applyEntry(facts: KeyFacts, entry: LedgerEntry, at: number, inPeriod: boolean): void {
	const p = entry.payload;
	if (entry.evidenceHash !== undefined && (entry.type === 'decided' || entry.type === 'reserved'))
		facts.hasEvidenceHash = true;
	const since = (instant: number) =>
		facts.completedAt === undefined ? undefined : Math.max(0, instant - facts.completedAt);
	switch (entry.type) {
		case 'decided':
			applyDecision(facts, p, at, inPeriod);
			break;
		case 'reserved':
			if (inPeriod) facts.attempts++;
			break;
		case 'failed': {
			const attributes = isPlainObject(p.attributes) ? p.attributes : {};
			facts.platform = text(attributes.platform) ?? facts.platform;
			if (inPeriod) {
				facts.failures++;
				if (p.retryable === true) facts.retryableFailures++;
			}
			break;
		}
		case 'issued':
			facts.platform = text(p.platform) ?? facts.platform;
			facts.reviewOpenedAt = undefined;
			if (inPeriod) {
				if (facts.issued === 0) facts.toIssued = since(at);
				facts.issued++;
			}
			break;
		case 'delivered':
			if (inPeriod && facts.toDelivered === undefined) facts.toDelivered = since(at);
			break;
		case 'claimed': {
			// The platform's own claim time when the entry carries it; else when it was recorded.
			const claimedAt = text(p.claimedAt) !== undefined ? Date.parse(p.claimedAt as string) : at;
			facts.claimed = true;
			if (inPeriod && facts.toClaimed === undefined) facts.toClaimed = since(claimedAt);
			break;
		}
		case 'review':
			if (isReminder(p)) break;
			facts.reviewOpenedAt ??= at;
			if (inPeriod) facts.escalated = true;
			break;
		case 'override':
			facts.reviewOpenedAt = undefined;
			break;
		case 'revoked':
		case 'superseded':
			facts.reviewOpenedAt = undefined;
			if (inPeriod && entry.type === 'revoked') facts.revoked++;
			if (inPeriod && entry.type === 'superseded') facts.reissued++;
			break;
		default:
			break;
	}
}

// Open and close a review as the operations queue does (queue-scan.ts): a Needs Review decision
// opens one, any other decision closes it.
function applyDecision(facts: KeyFacts, decision: JsonObject, at: number, inPeriod: boolean): void {
	const subject = isPlainObject(decision.subject) ? decision.subject : {};
	facts.course = text(subject.courseId) ?? facts.course;
	facts.event = text(subject.eventId) ?? text(subject.sessionId) ?? facts.event;
	facts.completedAt = completionTime(decision, subject, at);
	facts.evidenceComplete = hasRuleIdentity(decision) && hasDataPoints(decision);
	if (decision.outcome === 'needs_review') facts.reviewOpenedAt ??= at;
	else facts.reviewOpenedAt = undefined;
	if (inPeriod) {
		facts.decided = true;
		facts.outcome = text(decision.outcome);
	}
}

function completionTime(decision: JsonObject, subject: JsonObject, at: number): number {
	const businessKey = text(subject.businessKey);
	const completed = businessKey === undefined ? undefined : completedAtOfBusinessKey(businessKey);
	const instant = completed ?? text(decision.decidedAt);
	const parsed = instant === undefined ? NaN : Date.parse(instant);
	return Number.isNaN(parsed) ? at : parsed;
}

function hasRuleIdentity(decision: JsonObject): boolean {
	return (
		text(decision.ruleSetId) !== undefined &&
		text(decision.ruleVersion) !== undefined &&
		text(decision.ruleHash) !== undefined
	);
}

function hasDataPoints(decision: JsonObject): boolean {
	const points = decision.dataPoints;
	return isPlainObject(points) && Object.keys(points).length > 0;
}

function text(value: JsonValue | undefined): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}
