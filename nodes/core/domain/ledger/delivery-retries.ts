import { foldCredential } from './credential-state';
import type { QueueTrack } from './queue-scan';
import type { FoundRetry } from './queues';
import type { LedgerStore } from './store';

/**
 * An issued credential whose delivery failed (the mail server refused the learner's email) and
 * that nobody has delivered since: due for another send once the interval has passed, escalated
 * after the last attempt (the first send counts as attempt 1) or a failure marked not retryable.
 * Once delivered, claimed, revoked or handed to a person (a review after the last failure), it
 * is never listed again, so a learner emailed once is not emailed twice.
 */
export async function dueDeliveryOf(
	store: LedgerStore,
	track: QueueTrack,
	limits: { now: number; interval: number; maxAttempts: number },
): Promise<FoundRetry | undefined> {
	const delivery = track.delivery;
	if (!delivery || track.state !== 'issued' || track.lastReviewSeq > delivery.seq) return undefined;
	const exhausted = delivery.failures >= limits.maxAttempts;
	const notRetryable = !delivery.retryable;
	if (!exhausted && !notRetryable && limits.now - Date.parse(delivery.at) < limits.interval)
		return undefined;
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
		attempt: delivery.failures,
		lastAttemptAt: delivery.at,
		error: delivery.error,
		retryable: delivery.retryable,
		platform,
		credential: url === undefined ? { platform, externalId } : { platform, externalId, url },
		escalate: notRetryable || exhausted,
		...(notRetryable
			? { escalateReason: 'not_retryable' as const }
			: exhausted
				? { escalateReason: 'attempts_exhausted' as const }
				: {}),
		...(track.decision !== undefined ? { decision: track.decision } : {}),
	};
}
