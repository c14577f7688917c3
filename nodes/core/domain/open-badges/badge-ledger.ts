import {
	OPEN_BADGE_PLATFORM,
	type CredentialLedger,
	type CredentialStatus,
	type LedgerEntry,
} from '../ledger';
import { buildAchievementCredential, checkBadgeRequest } from './achievement-credential';
import { invalidField, OpenBadgeError } from './errors';
import type { IssuerKey } from './issuer-key';
import { signCredential, type SignedCredential } from './sign';
import { SIGNED_BADGE_FIELD, unsentBadgeOf } from './unsent-badge';
import { placementOf, StatusLayout } from './status-layout';
import {
	checkStatusIndex,
	signedStatusList,
	STATUS_LIST_TTL_MS,
	STATUS_LIST_VALIDITY_MS,
	STATUS_PURPOSES,
	validityLeft,
	statusEntriesAt,
	statusListUrl,
	type StatusPurpose,
} from './status-list';

/**
 * The platform name of self-issued badges in the ledger's `issued` entries: defined beside the
 * public page, which finds a badge by the bare UUID a PDF prints.
 */
export { OPEN_BADGE_PLATFORM };

export interface OpenBadgeSettings {
	key: IssuerKey;
	/** Public base URL the verification endpoint serves status lists under. */
	statusBaseUrl: string;
	actor: string;
	/** Purposes each credential carries a status entry for (default: revocation only). */
	statusPurposes?: ReadonlyArray<StatusPurpose>;
	/** How credentials are signed (default: signCredential); benchmarks and drills swap it. */
	sign?: (credential: Record<string, unknown>, key: IssuerKey) => Promise<SignedCredential>;
	/** Signed lists by URL, kept across runs by the caller; each is reused while the head stands. */
	cache?: Map<string, { head: string; credential: SignedCredential }>;
	/** The clock status lists are dated by (default: Date.now). */
	now?: () => number;
}

export type IssueOutcome =
	| {
			status: 'issued';
			key: string;
			credentialId: string;
			credential: SignedCredential;
			statusListIndex: number;
	  }
	| {
			status: 'already_issued';
			key: string;
			credentialId: string;
			state: CredentialStatus['state'];
			/** Issued and never sent (the run stopped before its email): send this badge again. */
			neverSent: boolean;
			credential?: SignedCredential;
	  }
	| { status: 'pending'; key: string; reason: 'in_flight' };

export type StatusAction = 'revoke' | 'suspend' | 'unsuspend';

const MAX_CACHED_LISTS = 64;
const CREDENTIAL_ID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Refuses anything but the urn:uuid ids this node issues, without echoing a huge value back. */
export function checkCredentialId(value: unknown, field = 'credentialId'): string {
	if (typeof value !== 'string' || value.trim() === '')
		throw invalidField(field, 'give the credential id (urn:uuid:...) the Issue operation returned');
	const id = value.trim().toLowerCase();
	if (!CREDENTIAL_ID.test(id))
		throw invalidField(
			field,
			`${value.length > 60 ? `a ${value.length}-character value` : `"${value}"`} is not a credential id; expected urn:uuid: followed by a UUID, as the Issue operation returned`,
		);
	return id;
}

/**
 * Open Badges issued exactly once through the Credential Ledger: the ledger reserves the key,
 * hands out the status-list position (the seq of the key's first entry, unique by
 * construction and shared by every process on the same storage), the layout scrambles it into
 * a list index, and the ledger records issue, revocation and suspension; status lists are folded
 * from those entries and signed, cached per chain head.
 */
export class OpenBadgeLedger {
	private readonly cache: Map<string, { head: string; credential: SignedCredential }>;
	private readonly layout: StatusLayout;

	constructor(
		private readonly ledger: CredentialLedger,
		private readonly settings: OpenBadgeSettings,
	) {
		this.cache = settings.cache ?? new Map();
		this.layout = new StatusLayout(() => ledger.store.entries(), settings.key);
	}

	async issue(key: string, decision: unknown, request: unknown): Promise<IssueOutcome> {
		const checked = checkBadgeRequest(request);
		let reservation = await this.ledger.reserve(key, decision, { actor: this.settings.actor });
		if (reservation.status === 'already_issued') {
			const unsent = await unsentBadgeOf(this.ledger, key);
			return {
				status: 'already_issued',
				key,
				credentialId: reservation.credential.externalId,
				state: reservation.state,
				neverSent: unsent !== undefined,
				...(unsent ? { credential: unsent } : {}),
			};
		}
		if (reservation.status === 'pending') {
			// Signing is local and nothing leaves before `issued` is recorded, so an abandoned
			// reservation can simply be taken over.
			if (reservation.reason === 'in_flight')
				return { status: 'pending', key, reason: 'in_flight' };
			reservation = await this.ledger.reserve(key, decision, {
				actor: this.settings.actor,
				reclaimStaleAttempt: reservation.attempt,
			});
			if (reservation.status !== 'new') return this.issue(key, decision, request);
		}
		const [status] = await this.ledger.status({ key });
		const position = status.firstSeq - 1;
		const slot = await this.layout.slotFor(position);
		const entries = statusEntriesAt(
			this.settings.statusBaseUrl,
			slot,
			this.settings.statusPurposes,
		);
		const unsigned = buildAchievementCredential(checked, this.settings.key.did, entries);
		const sign = this.settings.sign ?? signCredential;
		const credential = await sign(unsigned, this.settings.key);
		const credentialId = String(credential.id);
		await this.ledger.record(
			key,
			'issued',
			{
				platform: OPEN_BADGE_PLATFORM,
				externalId: credentialId,
				issuedOn: new Date(checked.issuedOn).toISOString(),
				attempt: reservation.attempt,
				attributes: {
					statusPosition: position,
					...this.layout.attributesFor(slot),
					issuer: this.settings.key.did,
				},
			},
			this.settings.actor,
			// Kept privately so a repeat of the completion can mail this badge if this run stops
			// before its email does.
			{ evidence: { [SIGNED_BADGE_FIELD]: credential } },
		);
		return { status: 'issued', key, credentialId, credential, statusListIndex: entries[0].index };
	}

	/** Revokes, suspends or lifts a suspension; the next status list shows it. */
	async changeStatus(
		credentialId: unknown,
		action: StatusAction,
		request: { reason: string; operator: string },
	): Promise<{ key: string; credentialId: string; action: StatusAction; entry: LedgerEntry }> {
		const id = checkCredentialId(credentialId);
		const status = await this.statusOf(id);
		if (action === 'revoke') {
			const entry = await this.ledger.revoke(status.key, request);
			return { key: status.key, credentialId: id, action, entry };
		}
		if (status.state === 'revoked')
			throw new OpenBadgeError(
				'invalid_state',
				'credentialId',
				`credentialId: ${id} is revoked; a revoked credential cannot be ${action}ed`,
			);
		const suspended = isSuspended(status);
		if (suspended === (action === 'suspend'))
			throw new OpenBadgeError(
				'invalid_state',
				'credentialId',
				`credentialId: ${id} is ${suspended ? 'already suspended' : 'not suspended'}`,
			);
		const entry = await this.ledger.record(
			status.key,
			'override',
			{ reason: request.reason, action },
			request.operator,
		);
		return { key: status.key, credentialId: id, action, entry };
	}

	/** The ledger status of a credential by its id; unknown_credential if none. */
	async statusOf(credentialId: unknown): Promise<CredentialStatus> {
		const id = checkCredentialId(credentialId);
		const [status] = await this.ledger.status({ platform: OPEN_BADGE_PLATFORM, externalId: id });
		if (!status)
			throw new OpenBadgeError(
				'unknown_credential',
				'credentialId',
				`credentialId: no Open Badge ${id} in this ledger`,
			);
		return status;
	}

	/** The signed status list credential, as the verification endpoint serves it. */
	async statusListCredential(purpose: unknown, listNumber: unknown): Promise<SignedCredential> {
		if (!STATUS_PURPOSES.includes(purpose as StatusPurpose))
			throw invalidField('statusPurpose', 'must be revocation or suspension');
		const maxList = 1_000_000;
		const number = checkListNumber(listNumber, maxList);
		const url = statusListUrl(this.settings.statusBaseUrl, purpose as StatusPurpose, number);
		const head = (await this.ledger.head()).hash;
		const cacheKey = `${this.settings.key.did}|${url}`;
		const now = (this.settings.now ?? Date.now)();
		const cached = this.cache.get(cacheKey);
		// Reused while nothing changed and a verifier may still cache it for a full ttl.
		if (cached?.head === head && validityLeft(cached.credential, now) >= STATUS_LIST_TTL_MS)
			return cached.credential;
		const bits = await this.setBits(purpose as StatusPurpose, number);
		const credential = await signedStatusList({
			url,
			purpose: purpose as StatusPurpose,
			setIndexes: bits,
			key: this.settings.key,
			validFrom: new Date(now).toISOString(),
			validUntil: new Date(now + STATUS_LIST_VALIDITY_MS).toISOString(),
			ttlMs: STATUS_LIST_TTL_MS,
		});
		this.cache.delete(cacheKey);
		this.cache.set(cacheKey, { head, credential });
		// A few lists per issuer are live at a time; the oldest beyond that are dropped.
		for (const stale of this.cache.keys()) {
			if (this.cache.size <= MAX_CACHED_LISTS) break;
			this.cache.delete(stale);
		}
		return credential;
	}

	private async setBits(purpose: StatusPurpose, listNumber: number): Promise<number[]> {
		const indexes = new Map<string, number>();
		const flagged = new Set<string>();
		for await (const entry of this.ledger.store.entries()) {
			const payload = entry.payload;
			const placed = placementOf(entry);
			if (placed) {
				if (placed.slot.list === listNumber) indexes.set(entry.key, placed.slot.index);
			} else if (purpose === 'revocation' && entry.type === 'revoked') {
				flagged.add(entry.key);
			} else if (purpose === 'suspension' && entry.type === 'override') {
				if (payload.action === 'suspend') flagged.add(entry.key);
				if (payload.action === 'unsuspend') flagged.delete(entry.key);
			}
		}
		const bits: number[] = [];
		for (const key of flagged) {
			const index = indexes.get(key);
			if (index !== undefined) bits.push(checkStatusIndex(index));
		}
		return bits;
	}
}

function isSuspended(status: CredentialStatus): boolean {
	const last = [...status.overrides]
		.reverse()
		.find((note) => note.payload.action === 'suspend' || note.payload.action === 'unsuspend');
	return last?.payload.action === 'suspend';
}

function checkListNumber(value: unknown, max: number): number {
	const number = typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 0 || number > max)
		throw invalidField(
			'listNumber',
			`must be a whole number from 0 to ${max}, as in the status list URL`,
		);
	return number;
}
