import { isPlainObject } from '../ledger/json';
import { wasNeverSent, type CredentialLedger } from '../ledger';
import type { SignedCredential } from './sign';

/** Where the Issued entry's private evidence keeps the signed badge, to send it again. */
export const SIGNED_BADGE_FIELD = 'signedBadge';

/**
 * The signed badge of a credential that was issued and never sent (no Delivered, no failed
 * send: the issuing run stopped before its email), read back from its Issued entry's private
 * evidence, so a repeat of the completion can mail the same badge. Undefined when it was sent,
 * or when its evidence is gone (erased, or issued before the badge was kept).
 */
export async function unsentBadgeOf(
	ledger: CredentialLedger,
	key: string,
): Promise<SignedCredential | undefined> {
	const [status] = await ledger.status({ key });
	if (!status || !wasNeverSent(status)) return undefined;
	const entries = await ledger.store.findByKey(key);
	const issued = entries.find((entry) => entry.seq === status.credential?.seq);
	if (issued?.evidenceHash === undefined) return undefined;
	const record = await ledger.store.getEvidence(issued.evidenceHash);
	const data = isPlainObject(record) ? record.data : undefined;
	const badge = isPlainObject(data) ? data[SIGNED_BADGE_FIELD] : undefined;
	return isPlainObject(badge) && Array.isArray(badge.proof)
		? (badge as SignedCredential)
		: undefined;
}
