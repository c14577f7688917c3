import type { INodeProperties } from 'n8n-workflow';

import { operationProperty, resourceProperty } from '../../kit/node-description';
import { storage } from './storage.properties';
import * as evidenceBundle from './credential/evidenceBundle.operation';
import * as goLive from './credential/goLive.operation';
import * as publicStatus from './credential/publicStatus.operation';
import * as reconcileCpe from './credential/reconcileCpe.operation';
import * as record from './credential/record.operation';
import * as recordDecision from './credential/recordDecision.operation';
import * as reserve from './credential/reserve.operation';
import * as revoke from './credential/revoke.operation';
import * as status from './credential/status.operation';
import * as supersede from './credential/supersede.operation';
import * as erase from './ledger/erase.operation';
import * as exportLedger from './ledger/export.operation';
import * as repair from './ledger/repair.operation';
import * as verify from './ledger/verify.operation';
import * as dueRetries from './queue/dueRetries.operation';
import * as openReviews from './queue/openReviews.operation';
import * as agreement from './report/agreement.operation';
import * as alerts from './report/alerts.operation';
import * as auditPack from './report/auditPack.operation';
import * as dashboard from './report/dashboard.operation';
import * as drift from './report/drift.operation';
import * as metrics from './report/metrics.operation';

const resource = resourceProperty(
	[
		{
			name: 'Credential',
			value: 'credential',
			description: 'One issuance: reserve, record, revoke, look up',
		},
		{
			name: 'Ledger',
			value: 'ledger',
			description: 'The whole chain: verify, export, erase, keys',
		},
		{
			name: 'Queue',
			value: 'queue',
			description: 'What waits for the operations team: open reviews, retries due, outages',
		},
		{
			name: 'Report',
			value: 'report',
			description:
				"Monitoring figures and the parallel-run agreement against the playbook's targets; an event's audit pack",
		},
	],
	'credential',
);

const credentialOperation = operationProperty(
	'credential',
	[
		{
			name: 'Apply Go-Live Mode',
			value: 'goLive',
			description:
				'Shadow, assisted, monitored or full: before issuing, record what shadow would issue; after, send the first N or a sample to review',
			action: 'Apply the go-live mode',
		},
		{
			name: 'Get Evidence Bundle',
			value: 'evidenceBundle',
			description: 'Everything about a credential or learner, with private evidence, in one item',
			action: 'Get an evidence bundle',
		},
		{
			name: 'Get Public Status',
			value: 'publicStatus',
			description:
				'What a public verification page may show about a certificate ID: status and public fields only',
			action: 'Get the public status of a certificate',
		},
		{
			name: 'Get Status',
			value: 'status',
			description: 'The current state of a credential, or of every credential of a learner',
			action: 'Get credential status',
		},
		{
			name: 'Reconcile CPE Event',
			value: 'reconcileCpe',
			description:
				"Compare a re-run's per-attendee credits with the certificates the ledger holds: each attendee's action (issue, supersede, revoke, unchanged), or a dry-run table",
			action: 'Reconcile a CPE event',
		},
		{
			name: 'Record Decision',
			value: 'recordDecision',
			description:
				'Any Verify Completion decision, Verified, Needs Review or Not Eligible, without reserving',
			action: 'Record a decision',
		},
		{
			name: 'Record Outcome',
			value: 'record',
			description: 'Issued, failed, delivered, claimed, reviewed or overridden',
			action: 'Record an outcome',
		},
		{
			name: 'Reserve',
			value: 'reserve',
			description: 'Claim an issuance before calling the platform: New, Already Issued or Pending',
			action: 'Reserve a credential issuance',
		},
		{
			name: 'Revoke',
			value: 'revoke',
			description: 'Record a governed revocation; the issued entry stays',
			action: 'Revoke a credential',
		},
		{
			name: 'Supersede',
			value: 'supersede',
			description: 'Point a credential at its replacement; the original entry stays',
			action: 'Supersede a credential',
		},
	],
	'reserve',
);

const ledgerOperation = operationProperty(
	'ledger',
	[
		{
			name: 'Erase Personal Data',
			value: 'erase',
			description:
				'Delete private evidence older than the retention period; the chain still verifies',
			action: 'Erase personal data',
		},
		{
			name: 'Export',
			value: 'export',
			description: 'CSV for auditors or the raw signed chain as JSONL',
			action: 'Export the ledger',
		},
		{
			name: 'Get Public Key',
			value: 'getPublicKey',
			description: 'The Ed25519 public key auditors verify exports with',
			action: 'Get the public key',
		},
		{
			name: 'Repair',
			value: 'repair',
			description: 'Move aside a last line cut off by a crash, so appends can continue',
			action: 'Repair the ledger',
		},
		{
			name: 'Verify',
			value: 'verify',
			description: 'Check every hash, signature and link; name the first bad entry',
			action: 'Verify the ledger',
		},
	],
	'verify',
);

const queueOperation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['queue'] } },
	options: [
		{
			name: 'List Due Retries',
			value: 'dueRetries',
			description:
				'Failed or abandoned issuances due for another attempt (Retry), out of attempts (Escalate), platform outages, and issued credentials whose delivery failed or was never sent (Resend)',
			action: 'List due retries',
		},
		{
			name: 'List Open Reviews',
			value: 'openReviews',
			description:
				'Credentials waiting for a person (Needs Review or a review), with reasons and age',
			action: 'List open reviews',
		},
	],
	default: 'openReviews',
};

const reportOperation = operationProperty(
	'report',
	[
		{
			name: 'Get Agreement With Staff',
			value: 'agreement',
			description:
				"Compare the staff's manual decisions with the automated ones: agreement, false positives and negatives, each disagreement",
			action: 'Get the agreement with staff decisions',
		},
		{
			name: 'Get Audit Pack',
			value: 'auditPack',
			description:
				"One event's zip for a sponsor or regulator: roster, sponsor report, each attendee's evidence, certificates with hashes and status, the ledger export and verification, a README",
			action: 'Get the audit pack of an event',
		},
		{
			name: 'Get Configuration Drift',
			value: 'drift',
			description:
				"An LMS's courses against the rule set: courses with completions but no rule, rules whose course is gone, each with what to do",
			action: 'Get the configuration drift',
		},
		{
			name: 'Get Daily Summary and Alerts',
			value: 'alerts',
			description:
				"Yesterday's figures and open exceptions, and one message per crossed warning threshold, platform outage or reviews past the SLA",
			action: 'Get the daily summary and alerts',
		},
		{
			name: 'Get Dashboard Page',
			value: 'dashboard',
			description:
				'The metrics as an HTML page with charts (volume per day, time to credential, review queue, agreement), for a webhook to answer with',
			action: 'Get the dashboard page',
		},
		{
			name: 'Get Metrics',
			value: 'metrics',
			description:
				'Issued, refused, reviewed, failed; time to credential; error, escalation and claim rates, each against its target',
			action: 'Get ledger metrics',
		},
	],
	'metrics',
);

export const properties: INodeProperties[] = [
	resource,
	credentialOperation,
	ledgerOperation,
	queueOperation,
	reportOperation,
	...storage,
	...reserve.description,
	...recordDecision.description,
	...record.description,
	...revoke.description,
	...supersede.description,
	...status.description,
	...evidenceBundle.description,
	...publicStatus.description,
	...goLive.description,
	...reconcileCpe.description,
	...verify.description,
	...exportLedger.description,
	...erase.description,
	...repair.description,
	...openReviews.description,
	...dueRetries.description,
	...metrics.description,
	...agreement.description,
	...dashboard.description,
	...alerts.description,
	...drift.description,
	...auditPack.description,
];
