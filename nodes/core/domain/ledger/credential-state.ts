import type { LedgerEntry } from './entry';
import { isPlainObject, type JsonObject, type JsonValue } from './json';

export type CredentialState =
	| 'decided'
	| 'reserved'
	| 'failed'
	| 'issued'
	| 'delivered'
	| 'claimed'
	| 'revoked'
	| 'superseded';

export interface IssuedCredential {
	platform: string;
	externalId: string;
	url?: string;
	issuedAt: string;
	seq: number;
}

export interface NoteRef {
	seq: number;
	at: string;
	actor: string;
	payload: JsonObject;
}

/** Everything the chain says about one credential, folded in seq order. */
export interface CredentialStatus {
	key: string;
	state: CredentialState;
	learnerId?: string;
	courseId?: string;
	decision?: JsonObject;
	/** Reservations made so far (a failed attempt can be retried under a new one). */
	attempts: number;
	reservedAt?: string;
	credential?: IssuedCredential;
	lastFailure?: { error: string; retryable: boolean; at: string; attempt?: number };
	/** The latest failed delivery of the issued credential; attempt counts them all. */
	lastDeliveryFailure?: { error: string; retryable: boolean; at: string; attempt: number };
	delivered?: NoteRef;
	claimed?: NoteRef;
	revocation?: NoteRef;
	supersession?: NoteRef;
	reviews: NoteRef[];
	overrides: NoteRef[];
	/** Evidence hashes in the order their entries were written. */
	evidenceHashes: string[];
	erasedEvidenceHashes: string[];
	firstSeq: number;
	lastSeq: number;
	lastHash: string;
	updatedAt: string;
}

/** Applies one entry (of this credential's key) to its status; entries must come in seq order. */
export function applyEntry(
	status: CredentialStatus | undefined,
	entry: LedgerEntry,
): CredentialStatus {
	const next: CredentialStatus = status
		? { ...status, lastSeq: entry.seq, lastHash: entry.hash, updatedAt: entry.at }
		: {
				key: entry.key,
				state: 'decided',
				attempts: 0,
				reviews: [],
				overrides: [],
				evidenceHashes: [],
				erasedEvidenceHashes: [],
				firstSeq: entry.seq,
				lastSeq: entry.seq,
				lastHash: entry.hash,
				updatedAt: entry.at,
			};
	if (entry.evidenceHash !== undefined)
		next.evidenceHashes = [...next.evidenceHashes, entry.evidenceHash];
	const note: NoteRef = {
		seq: entry.seq,
		at: entry.at,
		actor: entry.actor,
		payload: entry.payload,
	};
	const p = entry.payload;
	switch (entry.type) {
		case 'decided': {
			next.decision = p;
			const subject = isPlainObject(p.subject) ? p.subject : {};
			next.learnerId = text(subject.learnerId) ?? next.learnerId;
			next.courseId = text(subject.courseId) ?? next.courseId;
			break;
		}
		case 'reserved':
			next.attempts = typeof p.attempt === 'number' ? p.attempt : next.attempts + 1;
			next.reservedAt = entry.at;
			next.state = 'reserved';
			break;
		case 'failed':
			if (isDeliveryFailure(p)) {
				next.lastDeliveryFailure = {
					error: text(p.error) ?? '',
					retryable: p.retryable === true,
					at: entry.at,
					attempt: (next.lastDeliveryFailure?.attempt ?? 0) + 1,
				};
				break;
			}
			next.lastFailure = {
				error: text(p.error) ?? '',
				retryable: p.retryable === true,
				at: entry.at,
				...(typeof p.attempt === 'number' ? { attempt: p.attempt } : {}),
			};
			next.state = 'failed';
			break;
		case 'issued':
			next.credential = {
				platform: text(p.platform) ?? '',
				externalId: text(p.externalId) ?? '',
				...(text(p.url) !== undefined ? { url: text(p.url) } : {}),
				issuedAt: text(p.issuedOn) ?? entry.at,
				seq: entry.seq,
			};
			next.state = 'issued';
			break;
		case 'delivered':
			next.delivered = note;
			if (next.state === 'issued') next.state = 'delivered';
			break;
		case 'claimed':
			next.claimed = note;
			if (next.state === 'issued' || next.state === 'delivered') next.state = 'claimed';
			break;
		case 'revoked':
			next.revocation = note;
			next.state = 'revoked';
			break;
		case 'superseded':
			next.supersession = note;
			if (next.state !== 'revoked') next.state = 'superseded';
			break;
		case 'review':
			next.reviews = [...next.reviews, note];
			break;
		case 'override':
			next.overrides = [...next.overrides, note];
			break;
		case 'erased': {
			const hashes = Array.isArray(p.evidenceHashes) ? p.evidenceHashes.filter(isText) : [];
			next.erasedEvidenceHashes = [...new Set([...next.erasedEvidenceHashes, ...hashes])];
			break;
		}
	}
	return next;
}

export function foldCredential(entries: ReadonlyArray<LedgerEntry>): CredentialStatus | undefined {
	return entries.reduce<CredentialStatus | undefined>(applyEntry, undefined);
}

/**
 * A failed entry written after issuance (attributes.stage = "delivery"): the credential exists
 * but did not reach the learner (the mail server refused it). The state stays issued.
 */
export function isDeliveryFailure(payload: JsonObject): boolean {
	return isPlainObject(payload.attributes) && payload.attributes.stage === 'delivery';
}

/**
 * Issued and never sent: no Delivered, no failed send, and neither claimed, revoked nor
 * superseded. Only a run stopped between recording the credential and its email leaves one so;
 * the workflow that issued it may send it again with the same credential.
 */
export function wasNeverSent(status: CredentialStatus): boolean {
	return (
		status.state === 'issued' &&
		status.credential !== undefined &&
		status.delivered === undefined &&
		status.lastDeliveryFailure === undefined
	);
}

/** Whether the credential exists at the platform (whatever happened to it since). */
export function wasIssued(
	status: CredentialStatus,
): status is CredentialStatus & { credential: IssuedCredential } {
	return status.credential !== undefined;
}

function text(value: JsonValue | undefined): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

function isText(value: JsonValue): value is string {
	return typeof value === 'string';
}
