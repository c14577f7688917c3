import { foldCredential } from './credential-state';
import type { QueueTrack } from './queue-scan';
import type { FoundRetry } from './queues';
import type { LedgerStore } from './store';

export interface DeliveryLimits {
	now: number;
	interval: number;
	maxAttempts: number;
	/** How long an issued credential may wait for its first send before the queue sends it. */
	neverSentGrace: number;
}

/**
 * An issued credential whose delivery failed (the mail server refused the learner's email) and
 * that nobody has delivered since: due for another send once the interval has passed, escalated
 * after the last attempt (the first send counts as attempt 1) or a failure marked not retryable.
 * Once delivered, claimed, revoked or handed to a person (a review after the last failure), it
 * is never listed again, so a learner emailed once is not emailed twice.
 * An issued credential with no delivery outcome at all (the issuing run stopped between Record
 * Issued and the email) is due too, once the grace period after its issue has passed, if its
 * Issued entry says an email follows.
 */
export async function dueDeliveryOf(
	store: LedgerStore,
	track: QueueTrack,
	limits: DeliveryLimits,
): Promise<FoundRetry | undefined> {
	if (track.state !== 'issued') return undefined;
	const delivery = track.delivery;
	if (!delivery) return neverSentOf(store, track, limits);
	if (track.lastReviewSeq > delivery.seq) return undefined;
	const exhausted = delivery.failures >= limits.maxAttempts;
	const notRetryable = !delivery.retryable;
	if (!exhausted && !notRetryable && limits.now - Date.parse(delivery.at) < limits.interval)
		return undefined;
	const found = await undeliveredOf(store, track);
	if (!found) return undefined;
	return {
		...found,
		attempt: delivery.failures,
		lastAttemptAt: delivery.at,
		error: delivery.error,
		retryable: delivery.retryable,
		escalate: notRetryable || exhausted,
		...(notRetryable
			? { escalateReason: 'not_retryable' as const }
			: exhausted
				? { escalateReason: 'attempts_exhausted' as const }
				: {}),
	};
}

/**
 * No send was ever recorded: the first one is attempt 1, recorded Delivered or Failed as any
 * resend, which takes the credential off this path. The grace period leaves the issuing run
 * time to send it itself. Only an Issued entry marked emailFollows counts: a workflow that never
 * mails (the platform does, or nobody) records no delivery either, and is not the queue's to mail.
 */
async function neverSentOf(
	store: LedgerStore,
	track: QueueTrack,
	limits: DeliveryLimits,
): Promise<FoundRetry | undefined> {
	if (track.issuedAt === undefined || !track.emailFollows) return undefined;
	if (limits.now - Date.parse(track.issuedAt) < limits.neverSentGrace) return undefined;
	const found = await undeliveredOf(store, track);
	if (!found) return undefined;
	return { ...found, neverSent: true, attempt: 0, lastAttemptAt: track.issuedAt, escalate: false };
}

type Undelivered = Omit<FoundRetry, 'attempt' | 'lastAttemptAt' | 'escalate'>;

async function undeliveredOf(
	store: LedgerStore,
	track: QueueTrack,
): Promise<Undelivered | undefined> {
	// Few credentials wait here: their issued entry is read back for the link the email needs.
	const credential = foldCredential(await store.findByKey(track.key))?.credential;
	if (!credential) return undefined;
	const { platform, externalId, url } = credential;
	return {
		key: track.key,
		...(track.learnerId !== undefined ? { learnerId: track.learnerId } : {}),
		...(track.courseId !== undefined ? { courseId: track.courseId } : {}),
		state: 'undelivered',
		stage: 'delivery',
		stale: false,
		platform,
		credential: url === undefined ? { platform, externalId } : { platform, externalId, url },
		...(track.decision !== undefined ? { decision: track.decision } : {}),
	};
}
