import { dueDeliveryOf } from './delivery-retries';
import { GO_LIVE_DEFAULTS, type GoLiveMode } from './go-live';
import { instantOf } from './inputs';
import { isPlainObject, type JsonObject, type JsonValue } from './json';
import { HOUR, HOURS, MINUTE, MINUTES, durationOption, wholeOption } from './queue-options';
import { scanQueues, type QueueTrack } from './queue-scan';
import type { LedgerStore } from './store';

export interface OpenReview {
	key: string;
	learnerId?: string;
	courseId?: string;
	reasons: string[];
	openedAt: string;
	ageHours: number;
	reminders: number;
	lastReminderAt?: string;
	decision?: JsonObject;
}

export interface OpenReviewsOptions {
	now?: Date | string;
	/** Only reviews open at least this long (0: all). */
	olderThanHours?: number;
	/** Leave out reviews reminded about within this many hours (0: keep them). */
	notRemindedWithinHours?: number;
}

/** Credentials waiting for a person, oldest first. */
export async function listOpenReviews(
	store: LedgerStore,
	options: OpenReviewsOptions,
	clock: () => Date,
): Promise<OpenReview[]> {
	const now = Date.parse(instantOf(options.now, clock));
	const olderThan = durationOption(options.olderThanHours, 'olderThanHours', HOURS, 0);
	const remindedWithin = durationOption(
		options.notRemindedWithinHours,
		'notRemindedWithinHours',
		HOURS,
		0,
	);
	const { tracks } = await scanQueues(store.entries());
	const reviews: OpenReview[] = [];
	for (const track of tracks.values()) {
		const review = track.review;
		if (!review) continue;
		const age = now - Date.parse(review.openedAt);
		if (age < olderThan) continue;
		if (
			remindedWithin > 0 &&
			review.lastReminderAt !== undefined &&
			now - Date.parse(review.lastReminderAt) < remindedWithin
		)
			continue;
		reviews.push({
			key: track.key,
			...subjectOf(track),
			reasons: review.reasons,
			openedAt: review.openedAt,
			ageHours: round(age / HOUR),
			reminders: review.reminders,
			...(review.lastReminderAt !== undefined ? { lastReminderAt: review.lastReminderAt } : {}),
			...(track.decision !== undefined ? { decision: track.decision } : {}),
		});
	}
	return reviews.sort((a, b) => a.openedAt.localeCompare(b.openedAt));
}

export interface DueRetry {
	key: string;
	learnerId?: string;
	courseId?: string;
	/**
	 * failed: the last attempt failed; reserved: a reservation nobody finished (a crashed run);
	 * undelivered: issued, but the delivery failed (stage delivery, on the Resend list).
	 */
	state: 'failed' | 'reserved' | 'undelivered';
	/** Set on failed deliveries: attempt counts the sends, not the reservations. */
	stage?: 'delivery';
	/** Issued, but no send was ever recorded (attempt 0): the issuing run stopped before its email. */
	neverSent?: boolean;
	/** The issued credential a failed delivery is about, for the link to send again. */
	credential?: { platform: string; externalId: string; url?: string };
	stale: boolean;
	/** The last attempt made; the retry will be attempt + 1. */
	attempt: number;
	lastAttemptAt: string;
	error?: string;
	retryable?: boolean;
	statusCode?: number;
	platform?: string;
	/** Nothing was sent (attributes.held: a course without a mapping row): retried, never escalated. */
	held?: boolean;
	/** Past the attempts limit, or refused for good: hand it to a person instead. */
	escalate: boolean;
	escalateReason?: 'attempts_exhausted' | 'not_retryable';
	decision?: JsonObject;
	/** The private evidence stored at reservation (recipient, event), to issue again with. */
	evidence?: JsonValue;
	/**
	 * The go-live mode the retry follows: the one on the newest decision that names one (the
	 * issuing workflow records each decision with its Settings mode), full when none does. Read
	 * from the ledger so the queue and the issuing workflow cannot disagree.
	 */
	goLiveMode: GoLiveMode;
	/** Recorded with that mode (default 50): the assisted review covers the first N issuances. */
	assistedFirstN: number;
	/** Recorded with that mode (default 10): the share, in %, sent to the spot-check list. */
	monitoredSampleRate: number;
}

/** A retry as one credential's history gives it, before the ledger-wide go-live settings are added. */
export type FoundRetry = Omit<DueRetry, 'goLiveMode' | 'assistedFirstN' | 'monitoredSampleRate'>;

export interface PlatformOutage {
	platform: string;
	/** First failure since the platform last issued anything: stable for the whole outage. */
	since: string;
	minutes: number;
	credentials: number;
	lastIssuedAt?: string;
}

export interface DueRetriesOptions {
	now?: Date | string;
	maxAttempts?: number;
	intervalMinutes?: number;
	/** Only failures recorded for this platform (attributes.platform). */
	platform?: string;
	/**
	 * With a platform: also list stale reservations that never failed, so no platform is known
	 * (default true: a crashed run's reservation is reconciled by the one queue of a
	 * one-platform setup; turn it off in all but one queue when several platforms share a ledger).
	 */
	includeUnattributed?: boolean;
	/** For reservations whose entry names no timeout. */
	pendingTimeoutMinutes?: number;
	outageMinutes?: number;
	outageMinCredentials?: number;
	/**
	 * An issued credential with neither Delivered nor a failed send, issued this long ago, is
	 * listed on resend (default 15): the issuing run may still be between its two steps.
	 */
	neverSentGraceMinutes?: number;
}

export interface DueRetries {
	due: DueRetry[];
	/** Issued credentials whose delivery failed, or never started, due to be sent. */
	resend: DueRetry[];
	escalate: DueRetry[];
	outages: PlatformOutage[];
}

/**
 * Failed or abandoned issuances whose retry interval has passed, split into those to try again
 * and those to escalate, plus platforms failing for long enough to call it an outage, and
 * issued credentials whose delivery failed or was never attempted (resend). A credential
 * already escalated (a review after its last attempt) is left to the person.
 */
export async function listDueRetries(
	store: LedgerStore,
	options: DueRetriesOptions,
	clock: () => Date,
): Promise<DueRetries> {
	const now = Date.parse(instantOf(options.now, clock));
	const maxAttempts = wholeOption(options.maxAttempts, 'maxAttempts', 3, 1);
	const interval = durationOption(options.intervalMinutes, 'intervalMinutes', MINUTES, 5);
	const defaultTimeout = durationOption(
		options.pendingTimeoutMinutes,
		'pendingTimeoutMinutes',
		MINUTES,
		15,
	);
	const outageAfter = durationOption(options.outageMinutes, 'outageMinutes', MINUTES, 30);
	const outageMin = wholeOption(options.outageMinCredentials, 'outageMinCredentials', 2, 1);
	const neverSentGrace = durationOption(
		options.neverSentGraceMinutes,
		'neverSentGraceMinutes',
		MINUTES,
		15,
	);
	const platform = options.platform?.trim() || undefined;

	const { tracks, platforms, lastGoLive } = await scanQueues(store.entries());
	const { mode: goLiveMode, ...sampling } = lastGoLive ?? { mode: 'full', ...GO_LIVE_DEFAULTS };
	const result: DueRetries = { due: [], resend: [], escalate: [], outages: [] };
	for (const track of tracks.values()) {
		const found =
			dueRetryOf(track, { now, interval, defaultTimeout, maxAttempts }) ??
			(await dueDeliveryOf(store, track, { now, interval, maxAttempts, neverSentGrace }));
		if (!found || !onPlatform(found, platform, options.includeUnattributed !== false)) continue;
		const retry: DueRetry = { ...found, goLiveMode, ...sampling };
		if (track.evidenceHash !== undefined) {
			const record = await store.getEvidence(track.evidenceHash);
			if (isPlainObject(record) && record.data !== undefined) retry.evidence = record.data;
		}
		const list = retry.stage === 'delivery' ? result.resend : result.due;
		(retry.escalate ? result.escalate : list).push(retry);
	}
	for (const health of platforms.values()) {
		if (health.failingSince === undefined) continue;
		if (platform !== undefined && health.platform !== platform) continue;
		const lasted = now - Date.parse(health.failingSince);
		if (lasted < outageAfter || health.failingKeys.size < outageMin) continue;
		result.outages.push({
			platform: health.platform,
			since: health.failingSince,
			minutes: Math.floor(lasted / MINUTE),
			credentials: health.failingKeys.size,
			...(health.lastIssuedAt !== undefined ? { lastIssuedAt: health.lastIssuedAt } : {}),
		});
	}
	return result;
}

function dueRetryOf(
	track: QueueTrack,
	limits: { now: number; interval: number; defaultTimeout: number; maxAttempts: number },
): FoundRetry | undefined {
	if (track.lastReviewSeq > track.lastAttemptSeq) return undefined;
	const failure = track.failure;
	let stale = false;
	let lastAttemptAt: string;
	if (track.state === 'failed' && failure) {
		// The last attempt and a refusal for good escalate at once; only retries wait. A held
		// failure never runs out of attempts: it waits for its mapping row (the admin was told).
		const final = !failure.retryable || (!failure.held && track.attempts >= limits.maxAttempts);
		if (!final && limits.now - Date.parse(failure.at) < limits.interval) return undefined;
		lastAttemptAt = failure.at;
	} else if (track.state === 'reserved' && track.reservedAt !== undefined) {
		const timeout = track.pendingTimeoutMs ?? limits.defaultTimeout;
		if (limits.now - Date.parse(track.reservedAt) < timeout) return undefined;
		stale = true;
		lastAttemptAt = track.reservedAt;
	} else return undefined;
	const notRetryable = !stale && failure?.retryable === false;
	const held = !stale && failure?.held === true;
	const exhausted = !held && track.attempts >= limits.maxAttempts;
	return {
		key: track.key,
		...subjectOf(track),
		state: stale ? 'reserved' : 'failed',
		stale,
		attempt: track.attempts,
		lastAttemptAt,
		...(failure && !stale
			? {
					error: failure.error,
					retryable: failure.retryable,
					...(failure.statusCode !== undefined ? { statusCode: failure.statusCode } : {}),
				}
			: {}),
		...(failure?.platform !== undefined ? { platform: failure.platform } : {}),
		...(held ? { held: true } : {}),
		escalate: notRetryable || exhausted,
		...(notRetryable
			? { escalateReason: 'not_retryable' as const }
			: exhausted
				? { escalateReason: 'attempts_exhausted' as const }
				: {}),
		...(track.decision !== undefined ? { decision: track.decision } : {}),
	};
}

function onPlatform(retry: FoundRetry, platform: string | undefined, unattributed: boolean): boolean {
	if (platform === undefined || retry.platform === platform) return true;
	return unattributed && retry.platform === undefined && retry.stale;
}

function subjectOf(track: QueueTrack): { learnerId?: string; courseId?: string } {
	return {
		...(track.learnerId !== undefined ? { learnerId: track.learnerId } : {}),
		...(track.courseId !== undefined ? { courseId: track.courseId } : {}),
	};
}

function round(value: number): number {
	return Math.round(value * 100) / 100;
}
