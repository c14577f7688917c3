import type { CreditLine, HeldAttendee, HeldCertificate, PlannedChange } from './cpe-reconcile';

/** "A1 2 → 1.6; L1 – → 1": what changed, session by session. */
function lineChanges(before: readonly CreditLine[], after: readonly CreditLine[]): string {
	const old = new Map(before.map((line) => [line.sessionId, line.credits] as const));
	const next = new Map(after.map((line) => [line.sessionId, line.credits] as const));
	return [...new Set([...old.keys(), ...next.keys()])]
		.filter((id) => old.get(id) !== next.get(id))
		.map((id) => `${id} ${old.get(id) ?? '–'} → ${next.get(id) ?? '–'}`)
		.join('; ');
}

/** Replacing `old` by a certificate of `credits`: the link and its reason. */
export function supersession(old: HeldCertificate, credits: readonly CreditLine[]) {
	const reason = `credits changed: ${lineChanges(old.sessionCredits, credits)}`;
	return { supersedes: { key: old.key, certificateId: old.certificateId, reason }, reason };
}

const stoppedBefore = (successor: HeldCertificate, old: HeldCertificate) =>
	`certificate ${successor.certificateId} replaces ${old.certificateId}, still valid: the run stopped before superseding it`;

/**
 * The current certificate replaced `old`, but the run stopped before superseding it, so both are
 * valid: supersede it now, with the reason of the first send, and mail the current one only if it
 * was never sent.
 */
export function completeSupersession<T>(base: T, current: HeldCertificate, old: HeldCertificate) {
	const { supersedes } = supersession(old, current.sessionCredits);
	const stopped = stoppedBefore(current, old);
	return {
		...base,
		action: current.neverSent ? ('resend' as const) : ('complete_supersession' as const),
		key: current.key,
		// What the attendee held before the correction, as the first send's mail names it.
		oldCredits: old.credits,
		supersedes,
		reason: current.neverSent
			? `${stopped} and before its email: ${old.certificateId} is superseded and ${current.certificateId} sent`
			: `${stopped}; ${current.certificateId} was sent: ${old.certificateId} is superseded, nothing is mailed`,
	};
}

/**
 * Every supersession stopped runs left undone for one attendee, as `complete_supersession`
 * changes that mail nothing: each older certificate still valid is superseded by the one issued
 * after it (the reissue its run recorded), so the chain reads as the corrections happened. Two
 * stops in a row leave two (`.v1` and `.v2` beside `.v3`). `handledByCurrent` leaves out the
 * newest link when the attendee's own change completes it (a `resend` or `complete_supersession`
 * of the current certificate).
 */
export function pendingSupersessions(
	held: HeldAttendee | undefined,
	who: Pick<PlannedChange, 'itemIndex' | 'attendeeId' | 'attendeeName'>,
	handledByCurrent: boolean,
): PlannedChange[] {
	const older = held?.stillValid ?? [];
	if (!held?.current || older.length === 0) return [];
	const chain = [...older, held.current];
	const links = chain.slice(0, handledByCurrent ? -2 : -1).map((old, index) => {
		const successor = chain[index + 1];
		return {
			...who,
			action: 'complete_supersession' as const,
			key: successor.key,
			certificateId: successor.certificateId,
			oldCredits: old.credits,
			newCredits: successor.credits,
			supersedes: supersession(old, successor.sessionCredits).supersedes,
			reason: `${stoppedBefore(successor, old)}: ${old.certificateId} is superseded now, nothing is mailed`,
		};
	});
	return links;
}
