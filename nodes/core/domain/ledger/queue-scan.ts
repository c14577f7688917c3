import { SYSTEM_KEY, type LedgerEntry } from './entry';
import { isDeliveryFailure, type CredentialState } from './credential-state';
import { goLiveSettingsOf, type GoLiveSettings } from './go-live';
import { isPlainObject, type JsonObject, type JsonValue } from './json';

/** A review waiting for a person: opened by a Needs Review decision or a `review` entry. */
export interface OpenReviewTrack {
	openedAt: string;
	openedSeq: number;
	/** Why it waits: the review reasons, then the decision's reason codes. */
	reasons: string[];
	lastReminderAt?: string;
	reminders: number;
}

export interface FailureTrack {
	at: string;
	error: string;
	retryable: boolean;
	attempt?: number;
	statusCode?: number;
	/** From the failure's attributes.platform: which platform refused or timed out. */
	platform?: string;
	/** attributes.held: nothing was sent (a course without a mapping row); it waits for a fix. */
	held?: boolean;
}

/** Failed deliveries of an issued credential (failed entries with attributes.stage = "delivery"). */
export interface DeliveryTrack {
	failures: number;
	at: string;
	error: string;
	retryable: boolean;
	seq: number;
}

/** What the queues need to know about one credential, kept small: one per key in memory. */
export interface QueueTrack {
	key: string;
	learnerId?: string;
	courseId?: string;
	decision?: JsonObject;
	state: CredentialState;
	attempts: number;
	/** The latest reserved or failed entry: where the last attempt stands. */
	lastAttemptSeq: number;
	reservedAt?: string;
	pendingTimeoutMs?: number;
	failure?: FailureTrack;
	/** Private evidence written with the decision or reservation (the recipient, the event). */
	evidenceHash?: string;
	review?: OpenReviewTrack;
	/** The latest review entry that is not a reminder: an escalation closes the retry loop. */
	lastReviewSeq: number;
	delivery?: DeliveryTrack;
	/** When the credential was last recorded issued: a send never attempted is timed from it. */
	issuedAt?: string;
	/** That Issued entry said its workflow emails the learner next (emailFollows). */
	emailFollows?: boolean;
}

/** Failures of one platform since its last successful issue. */
export interface PlatformTrack {
	platform: string;
	lastIssuedAt?: string;
	failingSince?: string;
	failingKeys: Set<string>;
}

export interface QueueScan {
	tracks: Map<string, QueueTrack>;
	platforms: Map<string, PlatformTrack>;
	/**
	 * The go-live settings of the newest decision that names a mode: what the issuing workflow
	 * applies now. Only decisions, which the queue never writes, so its own entries cannot keep a
	 * mode alive.
	 */
	lastGoLive?: GoLiveSettings;
}

/** The review reason of a credential whose email failed at every attempt (template 17). */
export const DELIVERY_FAILED = 'delivery_failed';

/** A review entry that only says a reminder went out (attributes.reminder = true). */
export function isReminder(payload: JsonObject): boolean {
	return isPlainObject(payload.attributes) && payload.attributes.reminder === true;
}

/**
 * Folds the whole chain once into per-credential queue state, mutating small records in place:
 * a listing over a million entries costs one read of the chain, not one fold per credential.
 */
export async function scanQueues(entries: AsyncIterable<LedgerEntry>): Promise<QueueScan> {
	const tracks = new Map<string, QueueTrack>();
	const platforms = new Map<string, PlatformTrack>();
	const platformTrack = (platform: string): PlatformTrack => {
		let track = platforms.get(platform);
		if (!track) {
			track = { platform, failingKeys: new Set() };
			platforms.set(platform, track);
		}
		return track;
	};
	let lastGoLive: GoLiveSettings | undefined;
	for await (const entry of entries) {
		if (entry.key === SYSTEM_KEY) continue;
		if (entry.type === 'decided') lastGoLive = goLiveSettingsOf(entry) ?? lastGoLive;
		let track = tracks.get(entry.key);
		if (!track) {
			track = {
				key: entry.key,
				state: 'decided',
				attempts: 0,
				lastAttemptSeq: 0,
				lastReviewSeq: 0,
			};
			tracks.set(entry.key, track);
		}
		applyToTrack(track, entry, platformTrack);
	}
	return { tracks, platforms, ...(lastGoLive ? { lastGoLive } : {}) };
}

function applyToTrack(
	track: QueueTrack,
	entry: LedgerEntry,
	platformTrack: (platform: string) => PlatformTrack,
): void {
	const p = entry.payload;
	if (entry.evidenceHash !== undefined && (entry.type === 'decided' || entry.type === 'reserved'))
		track.evidenceHash = entry.evidenceHash;
	switch (entry.type) {
		case 'decided': {
			track.decision = p;
			const subject = isPlainObject(p.subject) ? p.subject : {};
			track.learnerId = text(subject.learnerId) ?? track.learnerId;
			track.courseId = text(subject.courseId) ?? track.courseId;
			if (p.outcome === 'needs_review') openReview(track, entry, decisionReasons(p));
			else track.review = undefined;
			break;
		}
		case 'reserved':
			track.attempts = typeof p.attempt === 'number' ? p.attempt : track.attempts + 1;
			track.reservedAt = entry.at;
			track.pendingTimeoutMs =
				typeof p.pendingTimeoutMs === 'number' ? p.pendingTimeoutMs : undefined;
			track.lastAttemptSeq = entry.seq;
			track.state = 'reserved';
			break;
		case 'failed': {
			if (isDeliveryFailure(p)) {
				track.delivery = {
					failures: (track.delivery?.failures ?? 0) + 1,
					at: entry.at,
					error: text(p.error) ?? '',
					retryable: p.retryable === true,
					seq: entry.seq,
				};
				break;
			}
			const attributes = isPlainObject(p.attributes) ? p.attributes : {};
			track.failure = {
				at: entry.at,
				error: text(p.error) ?? '',
				retryable: p.retryable === true,
				...(typeof p.attempt === 'number' ? { attempt: p.attempt } : {}),
				...(typeof p.statusCode === 'number' ? { statusCode: p.statusCode } : {}),
				...(text(attributes.platform) !== undefined ? { platform: text(attributes.platform) } : {}),
				...(attributes.held === true ? { held: true } : {}),
			};
			track.lastAttemptSeq = entry.seq;
			track.state = 'failed';
			// A held item (attributes.held: a course without a mapping row) never reached the
			// platform, so it says nothing about the platform's health.
			const platform = track.failure.held ? undefined : track.failure.platform;
			if (platform !== undefined) {
				const health = platformTrack(platform);
				health.failingSince ??= entry.at;
				health.failingKeys.add(track.key);
			}
			break;
		}
		case 'issued': {
			track.state = 'issued';
			track.issuedAt = entry.at;
			track.emailFollows = p.emailFollows === true;
			track.review = undefined;
			const platform = text(p.platform);
			if (platform !== undefined) {
				const health = platformTrack(platform);
				health.lastIssuedAt = entry.at;
				health.failingSince = undefined;
				health.failingKeys.clear();
			}
			break;
		}
		case 'delivered':
			if (track.state === 'issued') track.state = 'delivered';
			// Sent by hand after the queue gave up: the escalation about that email is settled.
			if (track.review?.reasons.includes(DELIVERY_FAILED)) track.review = undefined;
			break;
		case 'claimed':
			if (track.state === 'issued' || track.state === 'delivered') track.state = 'claimed';
			break;
		case 'revoked':
			track.state = 'revoked';
			track.review = undefined;
			break;
		case 'superseded':
			if (track.state !== 'revoked') track.state = 'superseded';
			track.review = undefined;
			break;
		case 'review':
			if (isReminder(p)) {
				if (track.review) {
					track.review.lastReminderAt = entry.at;
					track.review.reminders += 1;
				}
				break;
			}
			track.lastReviewSeq = entry.seq;
			openReview(track, entry, text(p.reason) !== undefined ? [text(p.reason) as string] : []);
			break;
		case 'override':
			track.review = undefined;
			break;
		default:
			break;
	}
}

function openReview(track: QueueTrack, entry: LedgerEntry, reasons: string[]): void {
	if (track.review) {
		for (const reason of reasons)
			if (!track.review.reasons.includes(reason)) track.review.reasons.push(reason);
		return;
	}
	track.review = { openedAt: entry.at, openedSeq: entry.seq, reasons: [...reasons], reminders: 0 };
}

function decisionReasons(decision: JsonObject): string[] {
	if (!Array.isArray(decision.reasons)) return [];
	return decision.reasons
		.map((reason) => (isPlainObject(reason) ? text(reason.code) : undefined))
		.filter((code): code is string => code !== undefined);
}

function text(value: JsonValue | undefined): string | undefined {
	return typeof value === 'string' ? value : undefined;
}
