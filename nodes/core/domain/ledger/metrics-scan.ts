import { completedAtOfBusinessKey } from '../model/completion-event';
import { isDeliveryFailure } from './credential-state';
import { SYSTEM_KEY, type LedgerEntry } from './entry';
import { invalidInput } from './errors';
import { isGoLiveCheck } from './go-live';
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
	/** The latest decision's completion time, read only when a duration needs it. */
	completion?: { businessKey?: string; decidedAt?: string; at: string };
	/** Cache of completion in ms (undefined: not read yet). */
	completedAt?: number;
	/** Some entry of it falls in the period. */
	seenInPeriod: boolean;
	decided: boolean;
	/** Outcome of the latest decision in the period. */
	outcome?: string;
	attempts: number;
	failures: number;
	/** Failures a retry may cure (timeouts, 5xx, 429): the platform was not available. */
	retryableFailures: number;
	issued: number;
	/** Shadow week: would_issue entries, the credentials it would have issued (never issued). */
	wouldIssue: number;
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

// Every field is present from the start, so the few hundred thousand objects share one shape.
function newFacts(): KeyFacts {
	return {
		course: undefined,
		event: undefined,
		platform: undefined,
		completion: undefined,
		completedAt: undefined,
		outcome: undefined,
		toIssued: undefined,
		toDelivered: undefined,
		toClaimed: undefined,
		reviewOpenedAt: undefined,
		seenInPeriod: false,
		decided: false,
		attempts: 0,
		failures: 0,
		retryableFailures: 0,
		issued: 0,
		wouldIssue: 0,
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
	const fromText = new Date(period.from).toISOString();
	const toText = new Date(period.to).toISOString();
	for await (const entry of entries) {
		if (entry.key === SYSTEM_KEY) continue;
		// The ledger writes canonical UTC timestamps, which compare as text: a million Date.parse
		// calls cost more than the rest of the fold. Anything else is parsed.
		const at = entry.at;
		const canonical = at.length === 24 && at.charCodeAt(23) === 90 && at.charCodeAt(10) === 84;
		const ms = canonical ? NaN : Date.parse(at);
		if (canonical ? !(at < toText) : !(ms < period.to)) continue;
		let track = facts.get(entry.key);
		if (!track) {
			track = newFacts();
			facts.set(entry.key, track);
		}
		const inPeriod = canonical ? at >= fromText : ms >= period.from;
		if (inPeriod) track.seenInPeriod = true;
		applyEntry(track, entry, inPeriod);
	}
	return facts;
}

function applyEntry(facts: KeyFacts, entry: LedgerEntry, inPeriod: boolean): void {
	const p = entry.payload;
	if (entry.evidenceHash !== undefined && (entry.type === 'decided' || entry.type === 'reserved'))
		facts.hasEvidenceHash = true;
	switch (entry.type) {
		case 'decided':
			applyDecision(facts, entry, inPeriod);
			break;
		case 'reserved':
			if (inPeriod) facts.attempts++;
			break;
		case 'failed': {
			// A refused email after issuance is no failed issue and no call to the platform.
			if (isDeliveryFailure(p)) break;
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
				if (facts.issued === 0) facts.toIssued = sinceCompletion(facts, Date.parse(entry.at));
				facts.issued++;
			}
			break;
		case 'would_issue':
			if (inPeriod) facts.wouldIssue++;
			break;
		case 'delivered':
			if (inPeriod && facts.toDelivered === undefined)
				facts.toDelivered = sinceCompletion(facts, Date.parse(entry.at));
			break;
		case 'claimed':
			facts.claimed = true;
			if (inPeriod && facts.toClaimed === undefined) {
				// The platform's own claim time when the entry carries it; else when it was recorded.
				const claimedAt = text(p.claimedAt) ?? entry.at;
				facts.toClaimed = sinceCompletion(facts, Date.parse(claimedAt));
			}
			break;
		case 'review':
			if (isReminder(p)) break;
			facts.reviewOpenedAt ??= Date.parse(entry.at);
			// An assisted-week review or a spot check is planned, not an exception handed over.
			if (inPeriod && !isGoLiveCheck(p)) facts.escalated = true;
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

/** Milliseconds from the latest decision's completion to `instant`, if a decision was read. */
function sinceCompletion(facts: KeyFacts, instant: number): number | undefined {
	if (facts.completion === undefined) return undefined;
	facts.completedAt ??= completionTime(facts.completion);
	return Math.max(0, instant - facts.completedAt);
}

// Open and close a review as the operations queue does (queue-scan.ts): a Needs Review decision
// opens one, any other decision closes it.
function applyDecision(facts: KeyFacts, entry: LedgerEntry, inPeriod: boolean): void {
	const decision = entry.payload;
	const subject = isPlainObject(decision.subject) ? decision.subject : {};
	facts.course = text(subject.courseId) ?? facts.course;
	facts.event = text(subject.eventId) ?? text(subject.sessionId) ?? facts.event;
	facts.completion = {
		businessKey: text(subject.businessKey),
		decidedAt: text(decision.decidedAt),
		at: entry.at,
	};
	facts.completedAt = undefined;
	facts.evidenceComplete = hasRuleIdentity(decision) && hasDataPoints(decision);
	if (decision.outcome === 'needs_review') facts.reviewOpenedAt ??= Date.parse(entry.at);
	else facts.reviewOpenedAt = undefined;
	if (inPeriod) {
		facts.decided = true;
		facts.outcome = text(decision.outcome);
	}
}

/** The business key's completion time, else decidedAt, else when the decision was recorded. */
function completionTime(source: NonNullable<KeyFacts['completion']>): number {
	const completed =
		source.businessKey === undefined ? undefined : completedAtOfBusinessKey(source.businessKey);
	for (const instant of [completed, source.decidedAt, source.at]) {
		const parsed = instant === undefined ? NaN : Date.parse(instant);
		if (!Number.isNaN(parsed)) return parsed;
	}
	return NaN;
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
