import type { LedgerEntry } from './entry';
import { foldCredential, type CredentialStatus } from './credential-state';
import { isPlainObject, type JsonObject, type JsonValue } from './json';
import type { LedgerStore } from './store';

/** What anyone may learn about a certificate id; `malformed` means it cannot be one. */
export type PublicStatusCode =
	| 'valid'
	| 'revoked'
	| 'superseded'
	| 'expired'
	| 'erased'
	| 'unknown'
	| 'malformed';

/** Why a credential was revoked, in words fit for a public page; never the free-text reason. */
export const REVOCATION_CATEGORIES = [
	'issued_in_error',
	'requirements_not_met',
	'misconduct',
	'holder_request',
	'other',
] as const;
export type RevocationCategory = (typeof REVOCATION_CATEGORIES)[number] | 'unspecified';

export interface PublicCredit {
	credits: string;
	unit?: string;
	fieldOfStudy?: string;
}

/**
 * The public answer for one certificate id. Only these fields ever leave the ledger: no ledger
 * key, learner id, actor, free-text reason or evidence beyond the holder name as printed.
 */
export interface PublicCredentialView {
	certificateId: string;
	status: PublicStatusCode;
	/** Why the id is malformed, naming the rule it breaks. */
	problem?: string;
	holderName?: string;
	credentialTitle?: string;
	issuer?: string;
	issuedOn?: string;
	expiresOn?: string;
	credits?: PublicCredit[];
	revocation?: { category: RevocationCategory; revokedAt: string };
	supersededBy?: { certificateId: string; supersededAt: string };
	/** The record's personal data was erased after its retention period. */
	personalDataErased?: boolean;
	checkedAt: string;
}

/** A certificate id as the Certificate node writes them (C-7K3M-...) or as a platform does. */
const CERTIFICATE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
export const MAX_CERTIFICATE_ID_LENGTH = 128;
const MAX_PUBLIC_TEXT = 512;

/** Why `id` cannot be a certificate id, or undefined when it can. Shown to the public. */
export function certificateIdProblem(id: string): string | undefined {
	if (id === '') return 'the certificate ID is empty';
	if (id.length > MAX_CERTIFICATE_ID_LENGTH)
		return `the certificate ID is ${id.length.toLocaleString('en-US')} characters long; IDs have at most ${MAX_CERTIFICATE_ID_LENGTH}`;
	if (!CERTIFICATE_ID.test(id))
		return 'a certificate ID holds only letters, digits, "-", "_", "." and ":", e.g. C-7K3M-9QXH-2B4N-T8VW';
	return undefined;
}

/** The platform self-issued Open Badges are recorded under, with a `urn:uuid:` id. */
export const OPEN_BADGE_PLATFORM = 'open-badge';
const BARE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where the ledger holds a credential: its platform and id as asked, or, for a bare UUID (what a
 * PDF embedding an Open Badge prints and links to), the badge whose id is that `urn:uuid:`.
 */
async function locate(
	store: LedgerStore,
	platform: string,
	certificateId: string,
): Promise<{ key: string; externalId: string } | undefined> {
	const places: Array<[string, string]> = [[platform, certificateId]];
	if (BARE_UUID.test(certificateId))
		places.push([OPEN_BADGE_PLATFORM, `urn:uuid:${certificateId.toLowerCase()}`]);
	for (const [where, externalId] of places) {
		const keys = await store.keysForCredential(where, externalId);
		// Several keys would mean the id was recorded twice; the latest issuance speaks for it.
		const key = keys[keys.length - 1];
		if (key !== undefined) return { key, externalId };
	}
	return undefined;
}

/**
 * The public status of the certificate whose `issued` entry names `platform` and `certificateId`.
 * Public facts come from the issued entry's attributes (credentialTitle, issuer, credits,
 * expiresOn); the holder name as printed from that entry's private evidence (`holderName`), so
 * it disappears with the evidence when the retention period ends.
 */
export async function publicStatusOf(
	store: LedgerStore,
	query: { certificateId: unknown; platform: string },
	now: Date,
): Promise<PublicCredentialView> {
	const certificateId = typeof query.certificateId === 'string' ? query.certificateId.trim() : '';
	const checkedAt = now.toISOString();
	const problem = certificateIdProblem(certificateId);
	// A malformed id is not echoed back whole: it may be kilobytes of anything.
	if (problem)
		return { certificateId: certificateId.slice(0, 40), status: 'malformed', problem, checkedAt };
	const unknown: PublicCredentialView = { certificateId, status: 'unknown', checkedAt };
	const found = await locate(store, query.platform, certificateId);
	if (found === undefined) return unknown;
	const entries = await store.findByKey(found.key);
	const status = foldCredential(entries);
	const issued = entries
		.filter((e) => e.type === 'issued' && e.payload.externalId === found.externalId)
		.pop();
	if (!status || !issued) return unknown;
	return viewOf(store, status, issued, { certificateId, checkedAt, now });
}

async function viewOf(
	store: LedgerStore,
	status: CredentialStatus,
	issued: LedgerEntry,
	context: { certificateId: string; checkedAt: string; now: Date },
): Promise<PublicCredentialView> {
	const { certificateId, checkedAt } = context;
	const erased = status.erasedEvidenceHashes.length > 0;
	const revocation = status.state === 'revoked' ? status.revocation : undefined;
	const supersession = status.state === 'superseded' ? status.supersession : undefined;
	if (revocation || supersession) {
		// Revocation and replacement stay public after erasure: an old PDF must never pass as valid.
		const view: PublicCredentialView = {
			certificateId,
			status: revocation ? 'revoked' : 'superseded',
			...(erased ? { personalDataErased: true } : await publicFacts(store, issued)),
			checkedAt,
		};
		if (revocation) view.revocation = revocationOf(revocation.payload, revocation.at);
		if (supersession) {
			const next = supersession.payload.newCredential;
			const replacement = isPlainObject(next) ? publicText(next.externalId) : undefined;
			view.supersededBy = {
				certificateId: replacement ?? '',
				supersededAt: publicText(supersession.payload.supersededAt) ?? supersession.at,
			};
		}
		return view;
	}
	if (erased) return { certificateId, status: 'erased', personalDataErased: true, checkedAt };
	const facts = await publicFacts(store, issued);
	const expired =
		facts.expiresOn !== undefined && Date.parse(facts.expiresOn) <= context.now.getTime();
	return { certificateId, status: expired ? 'expired' : 'valid', ...facts, checkedAt };
}

type PublicFacts = Pick<
	PublicCredentialView,
	'holderName' | 'credentialTitle' | 'issuer' | 'issuedOn' | 'expiresOn' | 'credits'
>;

/** The whitelisted public fields of the issued entry, and the printed name from its evidence. */
async function publicFacts(store: LedgerStore, issued: LedgerEntry): Promise<PublicFacts> {
	const attributes = isPlainObject(issued.payload.attributes) ? issued.payload.attributes : {};
	const facts: PublicFacts = {
		credentialTitle: publicText(attributes.credentialTitle ?? attributes.title),
		issuer: publicText(attributes.issuer),
		issuedOn: publicText(issued.payload.issuedOn) ?? issued.at,
		expiresOn: publicDate(attributes.expiresOn),
		credits: publicCredits(attributes.credits),
	};
	if (issued.evidenceHash !== undefined) {
		const record = await store.getEvidence(issued.evidenceHash);
		const data = isPlainObject(record) && isPlainObject(record.data) ? record.data : {};
		facts.holderName = publicText(data.holderName);
	}
	for (const name of Object.keys(facts) as Array<keyof PublicFacts>)
		if (facts[name] === undefined) delete facts[name];
	return facts;
}

function revocationOf(payload: JsonObject, at: string): PublicCredentialView['revocation'] {
	const category = (REVOCATION_CATEGORIES as ReadonlyArray<JsonValue>).includes(
		payload.category ?? null,
	)
		? (payload.category as RevocationCategory)
		: 'unspecified';
	return { category, revokedAt: publicText(payload.revokedAt) ?? at };
}

function publicText(value: JsonValue | undefined): string | undefined {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	return text === '' ? undefined : text.slice(0, MAX_PUBLIC_TEXT);
}

function publicDate(value: JsonValue | undefined): string | undefined {
	const text = publicText(value);
	return text !== undefined && !Number.isNaN(Date.parse(text)) ? text : undefined;
}

function publicCredits(value: JsonValue | undefined): PublicCredit[] | undefined {
	if (!Array.isArray(value)) return undefined;
	const credits: PublicCredit[] = [];
	for (const row of value.slice(0, 20)) {
		if (!isPlainObject(row)) continue;
		const amount = publicText(row.credits);
		if (amount === undefined) continue;
		const unit = publicText(row.unit);
		const fieldOfStudy = publicText(row.fieldOfStudy);
		credits.push({
			credits: amount,
			...(unit !== undefined ? { unit } : {}),
			...(fieldOfStudy !== undefined ? { fieldOfStudy } : {}),
		});
	}
	return credits.length > 0 ? credits : undefined;
}
