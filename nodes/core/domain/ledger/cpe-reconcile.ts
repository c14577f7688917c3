import { compare, parseDecimal } from '../credit/decimal';
import type { ValidationIssue } from '../rules/issues';
import { parseRollUps, reconcileError, row, type RollUp } from './cpe-reconcile-input';
import {
	completeSupersession,
	pendingSupersessions,
	supersession,
} from './cpe-reconcile-supersession';
import { EMAIL_LIKE } from './email-like';
import { definedFields } from './json';
import { deriveAttendeeEventKey } from './keys';

/**
 * What a re-run does for one attendee; `review` and `no_credit` change no certificate, `resend`
 * mails the current one again (it was issued, never sent), `complete_supersession` supersedes
 * the older certificate the current one replaces and mails nothing (that was sent already).
 */
export const RECONCILE_ACTIONS = [
	'issue',
	'supersede',
	'revoke',
	'unchanged',
	'review',
	'no_credit',
	'resend',
	'complete_supersession',
] as const;
export type ReconcileAction = (typeof RECONCILE_ACTIONS)[number];

export interface CreditLine {
	sessionId: string;
	credits: string;
}

/** An attendee's valid certificate for the event: issued, neither revoked nor superseded. */
export interface HeldCertificate {
	key: string;
	certificateId: string;
	credits: string;
	sessionCredits: CreditLine[];
	/** Issued, but neither delivered nor a failed send: the run stopped before its email. */
	neverSent?: boolean;
}

/** Everything the ledger holds for one attendee and event: the first key and its reissues. */
export interface HeldAttendee {
	/** deriveAttendeeEventKey(attendee, event); reissues are `<baseKey>.v2`, `.v3`, ... */
	baseKey: string;
	/** How many keys the attendee has in this event (the first one and every reissue). */
	keyCount: number;
	current?: HeldCertificate;
	/**
	 * Older certificates still valid beside `current`, oldest first: a run that recorded a reissue
	 * stopped before superseding the certificate it replaces (twice in a row leaves two).
	 */
	stillValid?: HeldCertificate[];
	/** A key with a decision but no certificate (No Credit recorded, or a run that stopped). */
	unissuedKey?: string;
	/** From the private evidence; absent once it was erased. */
	attendeeId?: string;
	attendeeName?: string;
	attendeeEmail?: string;
}

export interface PlannedChange {
	/** The input item it came from; absent for an attendee only the ledger knows. */
	itemIndex?: number;
	attendeeId?: string;
	attendeeName?: string;
	action: ReconcileAction;
	/** The ledger key to act on: to reserve (issue, supersede), to revoke, or the current one. */
	key: string;
	/** The valid certificate before this run, if any. */
	certificateId?: string;
	oldCredits?: string;
	newCredits?: string;
	/** The certificate this one replaces, and why (the reason the first send printed). */
	supersedes?: { key: string; certificateId: string; reason: string };
	reason: string;
}

export interface ReconcileInput {
	eventId: string;
	/** CPE Credit's per-attendee items, in input order (every output: Credit, Needs Review, No Credit). */
	rollUps: ReadonlyArray<unknown>;
	held: ReadonlyArray<HeldAttendee>;
	/** Whether the file lists every attendee: only then is a certificate holder missing from it revoked. */
	fileIsComplete: boolean;
}

/** The key of an attendee's next certificate: unused, so a reissue never collides with the past. */
export function reissueKey(held: HeldAttendee): string {
	return `${held.baseKey}.v${held.keyCount + 1}`;
}

/** `cpe_<hash>` or `cpe_<hash>.v<n>` → `cpe_<hash>`; undefined for any other key. */
export function attendeeBaseKey(key: string): string | undefined {
	return /^(cpe_[0-9a-f]{64})(?:\.v[1-9][0-9]*)?$/.exec(key)?.[1];
}

const sameName = (a?: string, b?: string) =>
	a !== undefined &&
	b !== undefined &&
	a.trim() !== '' &&
	a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

const emailOf = (id?: string, email?: string) => {
	const found = [email, id].find((value) => value !== undefined && EMAIL_LIKE.test(value));
	return found?.trim().toLowerCase();
};

function linesEqual(a: readonly CreditLine[], b: readonly CreditLine[]): boolean {
	const byId = new Map(a.map((line) => [line.sessionId, line.credits] as const));
	return (
		a.length === b.length &&
		b.every((line) => {
			const old = byId.get(line.sessionId);
			return old !== undefined && compare(parseDecimal(old), parseDecimal(line.credits)) === 0;
		})
	);
}

const codesOf = (rollUp: RollUp) =>
	[...new Set((rollUp.reasons ?? []).map((reason) => reason.code))].join(', ');

/** One attendee of the file against what the ledger holds for them. */
function planAttendee(index: number, rollUp: RollUp, held: HeldAttendee | undefined, key: string) {
	const current = held?.current;
	const base = {
		itemIndex: index,
		attendeeId: rollUp.subject.attendeeId,
		...(rollUp.attendeeName ? { attendeeName: rollUp.attendeeName } : {}),
		newCredits: rollUp.credits,
		...(current ? { certificateId: current.certificateId, oldCredits: current.credits } : {}),
	};
	const codes = codesOf(rollUp);
	if (rollUp.outcome === 'needs_review') {
		return {
			...base,
			action: 'review' as const,
			key: current?.key ?? key,
			reason: `needs review (${codes}): nothing changes until a person decides`,
		};
	}
	const eligible = compare(parseDecimal(rollUp.credits), parseDecimal('0')) > 0;
	if (!eligible) {
		if (!current)
			return { ...base, action: 'no_credit' as const, key, reason: `no credit (${codes})` };
		return {
			...base,
			action: 'revoke' as const,
			key: current.key,
			reason: `no longer eligible: no session credited in the corrected data (${codes})`,
		};
	}
	if (!current) {
		const next = held?.unissuedKey ?? (held && held.keyCount > 0 ? reissueKey(held) : key);
		const again = held && held.keyCount > 0 && !held.unissuedKey;
		return {
			...base,
			action: 'issue' as const,
			key: next,
			reason: again ? 'eligible again after a revocation' : 'newly eligible',
		};
	}
	if (linesEqual(current.sessionCredits, rollUp.sessionCredits)) {
		const replaced = held?.stillValid?.at(-1);
		if (replaced) return completeSupersession(base, current, replaced);
		if (current.neverSent)
			return {
				...base,
				action: 'resend' as const,
				key: current.key,
				reason: `certificate ${current.certificateId} was issued but never sent (the run stopped before its email): the same certificate is sent again`,
			};
		return {
			...base,
			action: 'unchanged' as const,
			key: current.key,
			reason: `same credits as certificate ${current.certificateId}`,
		};
	}
	return {
		...base,
		action: 'supersede' as const,
		// A reissue a stopped run reserved is taken up again rather than left pending.
		key: held?.unissuedKey ?? reissueKey(held as HeldAttendee),
		...supersession(current, rollUp.sessionCredits),
	};
}

/**
 * Compares each attendee's new roll-up with what the ledger holds for that attendee and event,
 * and plans only the difference: unchanged → nothing (or resend, when the certificate was issued
 * and never sent); credits changed → supersede with a new key (so a new certificate ID); newly
 * eligible → issue; no longer eligible → revoke. Each older certificate a stopped run left valid
 * is planned as a `complete_supersession` of its own, right after its attendee. A certificate
 * holder missing from the file is revoked only when the file is declared complete. Refused as a
 * whole, naming each row, before anything is planned: items of another event, a credited session
 * that vanished from the schedule, and an attendee who reappears under a new id (same name or
 * e-mail as a holder missing from the file), which would otherwise revoke one certificate and
 * issue a duplicate.
 */
export function planCpeReconcile(input: ReconcileInput): PlannedChange[] {
	const rollUps = parseRollUps(input);
	const heldByKey = new Map(input.held.map((held) => [held.baseKey, held] as const));
	const keys = rollUps.map((rollUp) =>
		deriveAttendeeEventKey({ attendeeId: rollUp.subject.attendeeId, eventId: input.eventId }),
	);
	const indexOfKey = new Map(keys.map((key, index) => [key, index] as const));
	const absent = input.held.filter((held) => held.current && !indexOfKey.has(held.baseKey));
	const issues: ValidationIssue[] = [];

	// A session this run decides nothing about, though a certificate credits it, left the schedule.
	const sessionsNow = new Set(
		rollUps.flatMap((r) => [
			...r.subject.sessionIds,
			...r.sessionCredits.map((line) => line.sessionId),
			...(r.uncreditedSessions ?? []).map((s) => s.sessionId),
		]),
	);
	if (input.fileIsComplete && rollUps.length === 0) {
		throw reconcileError([
			{
				path: 'items',
				message:
					'The attendance file is declared complete but lists no attendee: every certificate of the event would be revoked. Check the file; nothing was changed',
			},
		]);
	}
	// Holders missing from the file are kept or revoked as a whole; their sessions are not checked.
	for (const held of input.held) {
		const index = indexOfKey.get(held.baseKey);
		if (index === undefined) continue;
		const vanished = (held.current?.sessionCredits ?? []).filter(
			(line) => !sessionsNow.has(line.sessionId),
		);
		if (vanished.length === 0 || !held.current) continue;
		issues.push({
			path: `items[${index}].sessionCredits`,
			message: `${row(index, rollUps[index])}: session "${vanished[0].sessionId}" credited on certificate ${held.current.certificateId} is not in this run's schedule (no attendee has a decision for it). Put it back in the Attendance schedule under the same id; if it was cancelled, revoke or reissue that certificate by hand. Nothing was changed`,
		});
	}

	// The same person under a new id: refused, never revoke + issue.
	rollUps.forEach((rollUp, index) => {
		if (heldByKey.get(keys[index])?.current) return;
		const email = emailOf(rollUp.subject.attendeeId, rollUp.attendeeEmail);
		const before = absent.find(
			(held) =>
				sameName(held.attendeeName, rollUp.attendeeName) ||
				(email !== undefined && emailOf(held.attendeeId, held.attendeeEmail) === email),
		);
		if (!before?.current) return;
		issues.push({
			path: `items[${index}].subject.attendeeId`,
			message: `${row(index, rollUp)} has no certificate, but certificate ${before.current.certificateId} of attendee ${before.attendeeId ?? before.baseKey}, missing from this file, has the same ${sameName(before.attendeeName, rollUp.attendeeName) ? `name "${rollUp.attendeeName}"` : 'e-mail'}: the attendee's id changed. Use the earlier id ${before.attendeeId ?? before.baseKey} in the corrected file; if they are two people, revoke the old certificate by hand first. Nothing was changed`,
		});
	});
	if (issues.length > 0) throw reconcileError(issues);

	// Supersessions a stopped run left undone come right after the attendee's own change.
	const plan: PlannedChange[] = rollUps.flatMap((rollUp, index) => {
		const held = heldByKey.get(keys[index]);
		const change: PlannedChange = planAttendee(index, rollUp, held, keys[index]);
		const completesNewest = change.supersedes !== undefined && change.key === held?.current?.key;
		const who = {
			itemIndex: index,
			attendeeId: change.attendeeId,
			attendeeName: change.attendeeName,
		};
		return [change, ...pendingSupersessions(held, definedFields(who), completesNewest)];
	});
	for (const held of absent) {
		const current = held.current as HeldCertificate;
		const who = { attendeeId: held.attendeeId, attendeeName: held.attendeeName };
		plan.push(
			{
				...definedFields(who),
				action: input.fileIsComplete ? 'revoke' : 'unchanged',
				key: current.key,
				certificateId: current.certificateId,
				oldCredits: current.credits,
				...(input.fileIsComplete ? { newCredits: '0' } : {}),
				reason: input.fileIsComplete
					? 'not in the attendance file declared complete'
					: 'not in this file: kept, as the file is not declared complete',
			},
			...pendingSupersessions(held, definedFields(who), false),
		);
	}
	return plan;
}
