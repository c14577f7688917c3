import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	LedgerError,
	deriveIdempotencyKey,
	type CredentialLedger,
} from '../../../credentialing/ledger';
import { readJsonParameter } from '../../../shared/errors';
import { forOperation } from '../../helpers/display-options';
import { actorOf, forEachItem } from '../../helpers/items';

/** Output indexes of Reserve, as the node declares them. */
export const RESERVE_OUTPUT = { new: 0, already_issued: 1, pending: 2 } as const;

const derive = { show: { keySource: ['derive'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Idempotency Key',
		name: 'keySource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Derive From Learner, Template, Course and Completion',
				value: 'derive',
				description:
					'A hash of the four parts: the same completion never earns the same credential twice',
			},
			{ name: 'Use My Own Key', value: 'explicit' },
		],
		default: 'derive',
	},
	{
		displayName: 'Learner ID',
		name: 'learnerId',
		type: 'string',
		default: '={{ $json.decision.subject.learnerId }}',
		required: true,
		description: "The learner's ID in your LMS (not a name or email)",
		displayOptions: derive,
	},
	{
		displayName: 'Credential Template',
		name: 'credentialTemplate',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. the Accredible group ID or Credly badge template ID',
		description:
			'The credential being issued; one completion may earn several different credentials',
		displayOptions: derive,
	},
	{
		displayName: 'Course ID',
		name: 'courseId',
		type: 'string',
		default: '={{ $json.decision.subject.courseId }}',
		required: true,
		displayOptions: derive,
	},
	{
		displayName: 'Completion',
		name: 'completion',
		type: 'string',
		default: '={{ $json.decision.subject.businessKey }}',
		required: true,
		description:
			'What identifies this completion: its business key (source + learner + course + completion time) or the completion time',
		displayOptions: derive,
	},
	{
		displayName: 'Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.enrollmentId }}-certificate',
		description:
			'Your own idempotency key (up to 512 characters, no control characters, not starting with $). It is stored in the public chain: do not use an email address.',
		displayOptions: { show: { keySource: ['explicit'] } },
	},
	{
		displayName: 'Decision',
		name: 'decision',
		type: 'json',
		default: '={{ $json.decision }}',
		required: true,
		description:
			'The decision the credential is issued for, as Verify Completion or CPE Credit output it (subject.learnerId, outcome, ruleSetId, ruleVersion, ruleHash, decidedAt). Public: names and emails are refused here.',
	},
	{
		displayName: 'Options',
		name: 'reserveOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Actor',
				name: 'actor',
				type: 'string',
				default: '',
				description: 'Who reserves, as the chain records it; defaults to this workflow',
			},
			{
				displayName: 'Pending Timeout (Minutes)',
				name: 'pendingTimeoutMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 15,
				description:
					'A reservation without an outcome for this long is reported as stale (probably a crashed run): check the platform before issuing again',
			},
			{
				displayName: 'Reclaim Stale Attempt',
				name: 'reclaimStaleAttempt',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'After you confirmed at the platform that a stale attempt issued nothing: its attempt number from the Pending output (field ledger.attempt). It is marked failed and a new attempt reserved. 0 = never reclaim.',
			},
			{
				displayName: 'Store Input Item as Private Evidence',
				name: 'storeEvidence',
				type: 'boolean',
				default: true,
				description:
					'Whether to keep the input item (without the decision) as private evidence: stored apart from the chain, committed by hash, erasable after retention',
			},
		],
	},
];

export const description = forOperation('credential', 'reserve', properties);

function keyOf(this: IExecuteFunctions, itemIndex: number): string {
	if (this.getNodeParameter('keySource', itemIndex, 'derive') === 'explicit') {
		return String(this.getNodeParameter('idempotencyKey', itemIndex, '') ?? '');
	}
	const part = (name: string) => String(this.getNodeParameter(name, itemIndex, '') ?? '');
	return deriveIdempotencyKey({
		learnerId: part('learnerId'),
		templateId: part('credentialTemplate'),
		courseId: part('courseId'),
		completion: part('completion'),
	});
}

function decisionOf(this: IExecuteFunctions, itemIndex: number): unknown {
	const read = readJsonParameter(
		this.getNodeParameter('decision', itemIndex, undefined),
		'decision',
	);
	if (!read.ok) {
		throw new LedgerError('invalid_input', `Invalid decision: ${read.issue.message}`, {
			issues: [{ path: 'decision', message: read.issue.message }],
		});
	}
	if (read.value === undefined || read.value === null) {
		throw new LedgerError(
			'invalid_input',
			'Invalid decision: it is empty; map the decision from Verify Completion (e.g. {{ $json.decision }})',
			{ issues: [{ path: 'decision', message: 'empty' }] },
		);
	}
	return read.value;
}

function evidenceOf(item: INodeExecutionData): IDataObject {
	const rest: IDataObject = { ...item.json };
	delete rest.decision;
	delete rest.ledger;
	return rest;
}

export async function execute(
	this: IExecuteFunctions,
	ledger: CredentialLedger,
): Promise<INodeExecutionData[][]> {
	return await forEachItem.call(this, 3, RESERVE_OUTPUT.pending, async (itemIndex, item) => {
		const options = this.getNodeParameter('reserveOptions', itemIndex, {}) as IDataObject;
		const minutes = Number(options.pendingTimeoutMinutes ?? 15);
		const reclaim = Number(options.reclaimStaleAttempt ?? 0);
		// The decision first: without one, the key parts (read from it by default) are missing too.
		const decision = decisionOf.call(this, itemIndex);
		const result = await ledger.reserve(keyOf.call(this, itemIndex), decision, {
			pendingTimeoutMs: Math.round(minutes * 60_000),
			reclaimStaleAttempt: reclaim > 0 ? reclaim : undefined,
			actor: actorOf.call(this, options.actor),
			evidence: options.storeEvidence === false ? undefined : evidenceOf(item),
		});
		return {
			output: RESERVE_OUTPUT[result.status],
			json: { ...item.json, ledger: result as unknown as IDataObject },
		};
	});
}
