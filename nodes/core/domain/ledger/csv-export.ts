import { completedAtOfBusinessKey } from '../model/completion-event';
import { csvCell } from '../report/csv';
import type { CredentialStatus, NoteRef } from './credential-state';
import { isPlainObject } from './json';
import { allStatuses } from './reports';
import type { LedgerStore } from './store';

const COLUMNS: Array<[string, (s: CredentialStatus) => string | number | undefined]> = [
	['key', (s) => s.key],
	['learner_id', (s) => s.learnerId],
	['course_id', (s) => s.courseId],
	['status', (s) => s.state],
	['platform', (s) => s.credential?.platform],
	['external_id', (s) => s.credential?.externalId],
	['url', (s) => s.credential?.url],
	['issued_at', (s) => s.credential?.issuedAt],
	['attempts', (s) => s.attempts],
	['outcome', (s) => text(s.decision?.outcome)],
	['rule_set_id', (s) => text(s.decision?.ruleSetId)],
	['rule_version', (s) => text(s.decision?.ruleVersion)],
	['rule_hash', (s) => text(s.decision?.ruleHash)],
	['evidence_hash', (s) => s.evidenceHashes.join(' ')],
	[
		'evidence_erased',
		(s) =>
			s.evidenceHashes.length === 0
				? ''
				: s.evidenceHashes.every((h) => s.erasedEvidenceHashes.includes(h))
					? 'yes'
					: 'no',
	],
	['revoked_at', (s) => text(s.revocation?.payload.revokedAt)],
	['revocation_reason', (s) => text(s.revocation?.payload.reason)],
	['superseded_by', (s) => text(s.supersession?.payload.newKey) ?? supersededCredential(s)],
	['updated_at', (s) => s.updatedAt],
	['last_seq', (s) => s.lastSeq],
	['last_entry_hash', (s) => s.lastHash],
	// The playbook's audit trail, added after the columns above so positions stay stable.
	['completed_at', (s) => completedAtOf(s)],
	['decided_at', (s) => text(s.decision?.decidedAt)],
	['decision_reasons', (s) => reasonCodesOf(s)],
	['delivered_at', (s) => s.delivered?.at],
	[
		'claimed_at',
		(s) => (s.claimed ? (text(s.claimed.payload.claimedAt) ?? s.claimed.at) : undefined),
	],
	['overridden_by', (s) => joined(s.overrides, (note) => note.actor)],
	['override_note', (s) => joined(s.overrides, (note) => text(note.payload.reason))],
	['override_action', (s) => joined(s.overrides, (note) => text(note.payload.action))],
	['reviewed_by', (s) => joined(s.reviews, (note) => note.actor)],
	['review_note', (s) => joined(s.reviews, (note) => text(note.payload.reason))],
	['revoked_by', (s) => text(s.revocation?.payload.operator) ?? s.revocation?.actor],
];

/** One row per credential with its current status and evidence hashes, for auditors (RFC 4180). */
export async function exportCsv(store: LedgerStore): Promise<string> {
	return statusesCsv(await allStatuses(store));
}

/** The auditor CSV of some credentials only (one event's, for the audit pack). */
export function statusesCsv(statuses: Iterable<CredentialStatus>): string {
	const rows = [COLUMNS.map(([name]) => name)];
	for (const status of statuses) {
		rows.push(
			COLUMNS.map(([, read]) => {
				const value = read(status);
				return value === undefined ? '' : String(value);
			}),
		);
	}
	return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// The ledger export and the credit reports share one CSV cell rule (formula injection).
export { csvCell };

function text(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

function completedAtOf(status: CredentialStatus): string | undefined {
	const subject = status.decision?.subject;
	const businessKey = isPlainObject(subject) ? text(subject.businessKey) : undefined;
	return businessKey === undefined ? undefined : completedAtOfBusinessKey(businessKey);
}

function reasonCodesOf(status: CredentialStatus): string | undefined {
	const reasons = status.decision?.reasons;
	if (!Array.isArray(reasons)) return undefined;
	return reasons
		.map((reason) => (isPlainObject(reason) ? text(reason.code) : undefined))
		.filter((code): code is string => code !== undefined)
		.join(' ');
}

/**
 * Several interventions of one kind share a cell, one line each in chain order, so the n-th
 * person, note and action line up; a line break inside a note becomes a space to keep that
 * (the JSON Lines export keeps the text as written). A missing note keeps its line, empty.
 */
function joined(notes: NoteRef[], read: (note: NoteRef) => string | undefined): string | undefined {
	if (notes.length === 0) return undefined;
	// Split, then trim each part: one regex for the spaces around a line break is quadratic.
	const oneLine = (text: string) =>
		text
			.split(/[\r\n]+/)
			.map((part) => part.trim())
			.join(' ');
	return notes.map((note) => oneLine(read(note) ?? '')).join('\n');
}

function supersededCredential(status: CredentialStatus): string | undefined {
	const credential = status.supersession?.payload.newCredential;
	if (typeof credential !== 'object' || credential === null || Array.isArray(credential))
		return undefined;
	return [credential.platform, credential.externalId]
		.filter((part) => typeof part === 'string')
		.join(' ');
}
