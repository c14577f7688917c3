import { cappedText } from '../model/limits';
import { eventCredentials, type EventCredential } from './audit-pack';
import { wasNeverSent } from './credential-state';
import {
	attendeeBaseKey,
	planCpeReconcile,
	type CreditLine,
	type HeldAttendee,
	type HeldCertificate,
	type PlannedChange,
} from './cpe-reconcile';
import { parseOrThrow } from './errors';
import { definedFields, isPlainObject, type JsonValue } from './json';
import { deriveAttendeeEventKey } from './keys';
import type { LedgerStore } from './store';

const text = (value: JsonValue | undefined) => (typeof value === 'string' ? value : undefined);

function creditLinesOf(value: JsonValue | undefined): CreditLine[] {
	if (!Array.isArray(value)) return [];
	return value.flatMap((line) =>
		isPlainObject(line) && text(line.sessionId) && text(line.credits)
			? [{ sessionId: line.sessionId as string, credits: line.credits as string }]
			: [],
	);
}

function heldOf({ status }: EventCredential): HeldCertificate {
	return {
		key: status.key,
		certificateId: status.credential?.externalId ?? '',
		credits: text(status.decision?.credits) ?? '0',
		sessionCredits: creditLinesOf(status.decision?.sessionCredits),
		...(wasNeverSent(status) ? { neverSent: true } : {}),
	};
}

/**
 * The attendee's valid certificate (the newest key issued and neither revoked nor superseded)
 * and every older one still valid too, oldest first: what a run that stopped between recording a
 * reissue and superseding left valid.
 */
function validOf(keys: EventCredential[]): Pick<HeldAttendee, 'current' | 'stillValid'> {
	const valid = keys
		.filter(
			({ status }) =>
				status.credential && status.state !== 'revoked' && status.state !== 'superseded',
		)
		.map(heldOf);
	if (valid.length === 0) return {};
	const current = valid[valid.length - 1];
	return valid.length === 1 ? { current } : { current, stillValid: valid.slice(0, -1) };
}

/**
 * Who the attendee is, from the newest decision evidence still kept (the public chain has no
 * e-mail). Newest decision, not newest evidence: Record Issued keeps the printed name as evidence
 * of its own, which says nothing of the attendee's id.
 */
async function identityOf(store: LedgerStore, keys: EventCredential[]) {
	const hashes = keys.flatMap(({ status }) => status.evidenceHashes);
	for (const hash of hashes.reverse()) {
		const record = await store.getEvidence(hash);
		const data = isPlainObject(record) ? record.data : undefined;
		const subject = isPlainObject(data) ? data.subject : undefined;
		if (!isPlainObject(data) || !isPlainObject(subject)) continue;
		const found = {
			attendeeId: text(subject.attendeeId),
			attendeeName: text(data.attendeeName),
			attendeeEmail: text(data.attendeeEmail),
		};
		return definedFields(found);
	}
	return {};
}

/**
 * What the ledger holds for each attendee of an event: their first key and its reissues, the
 * valid certificate with its credits, and a key still without a certificate. Identity (read from
 * private evidence) is looked up only for attendees outside `knownBaseKeys`: the file names the
 * others already.
 */
export async function heldAttendees(
	store: LedgerStore,
	eventId: string,
	knownBaseKeys: ReadonlySet<string>,
): Promise<HeldAttendee[]> {
	const head = await store.head();
	const byBase = new Map<string, EventCredential[]>();
	for (const credential of await eventCredentials(store, eventId, head.seq)) {
		const base = attendeeBaseKey(credential.status.key);
		if (base === undefined) continue;
		byBase.set(base, [...(byBase.get(base) ?? []), credential]);
	}
	const held: HeldAttendee[] = [];
	for (const [baseKey, keys] of byBase) {
		const { current, stillValid } = validOf(keys);
		const unissued = keys.filter(({ status }) => !status.credential && status.state !== 'revoked');
		held.push({
			baseKey,
			keyCount: keys.length,
			...(current ? { current } : {}),
			...(stillValid ? { stillValid } : {}),
			...(unissued.length > 0 ? { unissuedKey: unissued[unissued.length - 1].status.key } : {}),
			...(knownBaseKeys.has(baseKey) || !current ? {} : await identityOf(store, keys)),
		});
	}
	return held;
}

/** Reads what the ledger holds for the event, then plans the re-run (see planCpeReconcile). */
export async function reconcileCpeEvent(
	store: LedgerStore,
	input: { eventId: unknown; rollUps: ReadonlyArray<unknown>; fileIsComplete: boolean },
): Promise<PlannedChange[]> {
	const eventId = parseOrThrow(cappedText('id'), input.eventId, 'event id', 'eventId');
	const known = new Set<string>();
	for (const rollUp of input.rollUps) {
		const attendeeId =
			isPlainObject(rollUp) && isPlainObject(rollUp.subject)
				? rollUp.subject.attendeeId
				: undefined;
		if (typeof attendeeId === 'string' && attendeeId.trim() !== '')
			known.add(deriveAttendeeEventKey({ attendeeId, eventId }));
	}
	const held = await heldAttendees(store, eventId, known);
	return planCpeReconcile({ ...input, eventId, held });
}
