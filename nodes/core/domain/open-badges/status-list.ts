import { TRAILING_SLASHES } from '../text';
import type { StatusEntry } from './achievement-credential';
import { invalidField } from './errors';
import type { IssuerKey } from './issuer-key';
import { vcLibraries } from './libraries';
import { signCredential, type SignedCredential } from './sign';

/** Bits per list: the Bitstring Status List minimum (16 KiB), which is also its herd size. */
export const STATUS_LIST_LENGTH = 131_072;
export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

/** The list URL for one purpose and list number under the verification endpoint's base URL. */
export function statusListUrl(baseUrl: string, purpose: StatusPurpose, listNumber: number): string {
	return `${baseUrl.replace(TRAILING_SLASHES, '')}/${purpose}/${listNumber}`;
}

/**
 * Where a credential's bits live when placed in issue order (as badges issued before positions
 * were scrambled are): list number and index within the list, one entry per purpose. Revocation alone by
 * default: the OB 3.0 JSON Schema allows a single credentialStatus; with suspension too the
 * credential is a valid VC 2.0 credential that the OB schema refuses.
 */
export function statusEntriesFor(
	baseUrl: string,
	position: number,
	purposes: ReadonlyArray<StatusPurpose> = ['revocation'],
): StatusEntry[] {
	return statusEntriesAt(
		baseUrl,
		{ list: Math.floor(position / STATUS_LIST_LENGTH), index: position % STATUS_LIST_LENGTH },
		purposes,
	);
}

/** Where one credential's bit lives: a list number and an index in that list. */
export interface StatusSlot {
	list: number;
	index: number;
}

/** The status entries of a credential whose bit is at `slot`, one per purpose. */
export function statusEntriesAt(
	baseUrl: string,
	{ list: listNumber, index }: StatusSlot,
	purposes: ReadonlyArray<StatusPurpose> = ['revocation'],
): StatusEntry[] {
	return purposes.map((purpose) => ({
		purpose,
		index,
		listUrl: statusListUrl(baseUrl, purpose, listNumber),
	}));
}

/** Refuses a list index outside 0..length-1, naming the field. */
export function checkStatusIndex(index: unknown, field = 'statusListIndex'): number {
	const value = typeof index === 'string' && /^\d{1,12}$/.test(index) ? Number(index) : index;
	if (
		typeof value !== 'number' ||
		!Number.isInteger(value) ||
		value < 0 ||
		value >= STATUS_LIST_LENGTH
	)
		throw invalidField(field, `must be a whole number from 0 to ${STATUS_LIST_LENGTH - 1}`);
	return value;
}

/**
 * How long a verifier may cache a list (its `ttl`): the Bitstring Status List default of five
 * minutes, so a revocation reaches every verifier within that.
 */
export const STATUS_LIST_TTL_MS = 5 * 60_000;
/**
 * How long a signed list stays valid (validFrom to validUntil). A copy kept or replayed after a
 * revocation is refused by verifiers once it expires; the endpoint re-signs before the time left
 * drops under the ttl, so a copy cached for its ttl never expires while it is used.
 */
export const STATUS_LIST_VALIDITY_MS = 60 * 60_000;

/** A signed BitstringStatusListCredential with the given bits set. */
export async function signedStatusList(options: {
	url: string;
	purpose: StatusPurpose;
	setIndexes: Iterable<number>;
	key: IssuerKey;
	validFrom: string;
	validUntil?: string;
	ttlMs?: number;
}): Promise<SignedCredential> {
	const { statusList } = await vcLibraries();
	const list = await statusList.createList({ length: STATUS_LIST_LENGTH });
	for (const index of options.setIndexes) list.setStatus(checkStatusIndex(index), true);
	const unsigned = await statusList.createCredential({
		id: options.url,
		list,
		statusPurpose: options.purpose,
	});
	const subject = unsigned.credentialSubject as Record<string, unknown>;
	return signCredential(
		{
			...unsigned,
			issuer: options.key.did,
			validFrom: options.validFrom,
			...(options.validUntil ? { validUntil: options.validUntil } : {}),
			credentialSubject: {
				...subject,
				...(options.ttlMs !== undefined ? { ttl: options.ttlMs } : {}),
			},
		},
		options.key,
	);
}

/** Milliseconds until a signed list's validUntil (0 when past or missing). */
export function validityLeft(list: Record<string, unknown>, now: number): number {
	const until = Date.parse(String(list.validUntil ?? ''));
	return Number.isFinite(until) ? Math.max(0, until - now) : 0;
}

/**
 * The Cache-Control a served list goes out with: shared caches and verifiers may keep it for its
 * ttl, never past its validUntil.
 */
export function statusListCacheControl(list: Record<string, unknown>, now: number): string {
	const seconds = Math.floor(Math.min(STATUS_LIST_TTL_MS, validityLeft(list, now)) / 1000);
	return seconds > 0 ? `public, max-age=${seconds}` : 'no-cache';
}
