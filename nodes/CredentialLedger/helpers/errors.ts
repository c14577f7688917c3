import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { isLedgerError, type LedgerError } from '../../core/domain/ledger';
import { describeIssues } from '../../kit/errors';
import { itemPrefix, type Explain } from '../../kit/node-errors';

// Domain field paths -> the parameter a user edits to fix them.
const PARAMETER_OF: Array<[RegExp, string]> = [
	[/^key$/, 'Idempotency Key'],
	[/^decision\b/, 'Decision'],
	[/^details\.platform$/, 'Platform'],
	[/^details\.externalId$/, 'External ID'],
	[/^details\.url$/, 'Credential URL'],
	[/^details\.issuedOn$/, 'Issued On'],
	[/^details\.error$/, 'Error Message'],
	[/^details\.channel$/, 'Channel'],
	[/^details\.messageId$/, 'Message ID'],
	[/^details\.claimedAt$/, 'Claimed At'],
	[/^details\.reason$/, 'Reason'],
	[/^details\.action$/, 'Action'],
	[/^details\.attempt$/, 'Attempt'],
	[/^details\.attributes\b/, 'Attributes'],
	[/^details\b/, 'Details'],
	[/^actor$/, 'Actor'],
	[/^reason$/, 'Reason'],
	[/^operator$/, 'Operator'],
	[/^at$/, 'Effective At'],
	[/^newKey$/, 'Superseding Key'],
	[/^newCredential\b/, 'Superseding Credential'],
	[/^learnerId$/, 'Learner ID'],
	[/^templateId$/, 'Credential Template'],
	[/^courseId$/, 'Course ID'],
	[/^completion$/, 'Completion'],
	[/^olderThan$/, 'Retention'],
	[/^retentionDays\.courseCredential$/, 'Course Credential Retention (Days)'],
	[/^retentionDays\.cpeRecord$/, 'CPE Record Retention (Days)'],
	[/^pendingTimeoutMs$/, 'Pending Timeout (Minutes)'],
	[/^reclaimStaleAttempt$/, 'Reclaim Stale Attempt'],
	[/^(tablePrefix|schema)$/, 'Table Prefix / Schema'],
	[/^lockTimeoutMs$/, 'Lock Timeout (Seconds)'],
	[/^statementTimeoutMs$/, 'Statement Timeout (Seconds)'],
	[/^evidence\b/, 'Evidence'],
	[/^periodStart$/, 'Period Start'],
	[/^periodEnd$/, 'Period End'],
	[/\.learner$/, 'Learner Field'],
	[/\.course$/, 'Course Field'],
	[/\.decision$/, 'Decision Field'],
];

const SIGNING_HINT =
	'Open the Credential Ledger Signing Key credential: the key must parse, and a key that differs from the one that signed the ledger needs a new Key ID (keep the old one under Retired Keys).';

const CODE_HINTS: Partial<Record<LedgerError['code'], string>> = {
	unknown_key:
		'Check the Idempotency Key: it must be the key Reserve returned (e.g. {{ $json.ledger.key }}).',
	invalid_state:
		"The ledger refused a change that does not fit the credential's current state; nothing was written.",
	invalid_signing_key: SIGNING_HINT,
	evidence_key:
		'Open the Credential Ledger Signing Key credential: Evidence Encryption Key holds one base64 key (32 bytes) per line, the current key first and every older key that evidence was written with below it.',
	torn_tail:
		'The last write was cut off (crash or power loss). Run the Repair operation once to move the partial line aside.',
	malformed_line:
		'A stored line cannot be read, so nothing more is appended. Run Verify to locate the first bad entry and restore the ledger from a backup.',
	lock_timeout:
		'Another n8n process kept the ledger folder locked. An embedded ledger is for one n8n instance; several instances need Postgres storage.',
	store_failure: 'The storage failed (disk, permissions or connection); nothing was written.',
};

// A timeout's message already says what happened; the hint says where the setting lives.
const POSTGRES_HINTS: Partial<Record<LedgerError['code'], string>> = {
	lock_timeout:
		'Find the session holding the ledger in pg_stat_activity (e.g. an open transaction in a SQL client) and end it, or raise Lock Timeout (Seconds) in the Credential Ledger Postgres credential.',
	store_failure:
		'Raise Statement Timeout (Seconds) in the Credential Ledger Postgres credential if the database is only slow; nothing was written.',
};

/**
 * The embedded ledger refused in queue mode: a folder is one host's, and each worker would keep
 * its own chain in it, so two workers could both reserve, and issue, the same credential.
 */
export function embeddedInQueueModeError(node: INode): NodeOperationError {
	return new NodeOperationError(
		node,
		'Embedded storage cannot be used in queue mode: each worker would keep its own chain, so a credential could be issued twice. Set Storage to Postgres with a Credential Ledger Postgres API credential.',
		{
			description:
				"n8n runs with EXECUTIONS_MODE=queue, where executions run on several workers. The embedded ledger is a folder on one host, so workers elsewhere would each append to a chain of their own; only Postgres storage gives every worker one shared chain. n8n's own Postgres database works (the ledger's tables are named credential_ledger_* by default). Nothing was read or written.",
		},
	);
}

function parameterFor(path: string): string | undefined {
	return PARAMETER_OF.find(([pattern]) => pattern.test(path))?.[1];
}

/** How a ledger error reads (see toNodeError): the message names the parameter to fix. */
export const explainLedgerError: Explain = (cause, itemIndex) => {
	if (!isLedgerError(cause)) return undefined;
	const field = cause.issues.map((issue) => parameterFor(issue.path)).find(Boolean);
	const message = `${itemPrefix(itemIndex)}${cause.message}${field ? ` (check "${field}")` : ''}`;
	const hint =
		cause.details.storage === 'postgres' ? POSTGRES_HINTS[cause.code] : CODE_HINTS[cause.code];
	const description = [hint, cause.issues.length > 0 ? describeIssues(cause.issues) : undefined]
		.filter(Boolean)
		.join('\n');
	return { message, description: description || undefined };
};
