import { csvCell } from '../report/csv';
import type { CredentialStatus } from './credential-state';
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
];

/** One row per credential with its current status and evidence hashes, for auditors (RFC 4180). */
export async function exportCsv(store: LedgerStore): Promise<string> {
	const rows = [COLUMNS.map(([name]) => name)];
	for (const status of await allStatuses(store)) {
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

function supersededCredential(status: CredentialStatus): string | undefined {
	const credential = status.supersession?.payload.newCredential;
	if (typeof credential !== 'object' || credential === null || Array.isArray(credential))
		return undefined;
	return [credential.platform, credential.externalId]
		.filter((part) => typeof part === 'string')
		.join(' ');
}
