import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { LedgerError, type RecordKind } from '../../../core/domain/ledger';
import { readJsonParameter } from '../../../kit/errors';
import { itemParameter } from '../../../kit/item-parameter';
import { STAGED_WINDOW } from '../../../kit/staged-items';
import { updateDisplayOptions } from '../../../kit/display-options';
import type { OpenedLedger } from '../../transport/open-ledger';
import { actorOf } from '../../helpers/items';
import { optionalText } from '../../../kit/text';
import { isPlainObject } from '../../../core/domain/ledger/json';
import { certificateAttributes } from './certificate-attributes';
import { entryResult } from './key.property';
import { recordOptions } from './record-options.property';
import {
	credentialKeyOf,
	credentialLookupProperties,
	lookupByPlatformId,
} from './lookup.properties';

const when = (...kinds: RecordKind[]) => ({ show: { outcome: kinds } });

const properties: INodeProperties[] = [
	...credentialLookupProperties,
	{
		displayName: 'Outcome',
		name: 'outcome',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Claimed',
				value: 'claimed',
				description:
					'The learner accepted or claimed it; recorded once (a repeat answers alreadyRecorded: true)',
			},
			{ name: 'Delivered', value: 'delivered', description: 'It reached the learner' },
			{
				name: 'Failed',
				value: 'failed',
				description:
					'Issuing failed; the reservation ends. With Attributes {"stage": "delivery"}: the credential was issued but sending it to the learner failed (List Due Retries offers it on Resend).',
			},
			{ name: 'Issued', value: 'issued', description: 'The platform created the credential' },
			{ name: 'Override', value: 'override', description: 'A person overrode a decision' },
			{ name: 'Review', value: 'review', description: 'A person reviewed it' },
		],
		default: 'issued',
	},
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'accredible',
		displayOptions: when('issued'),
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		required: true,
		description: "The credential's ID at the platform",
		displayOptions: when('issued'),
	},
	{
		displayName: 'Credential URL',
		name: 'credentialUrl',
		type: 'string',
		default: '',
		description: 'Where the credential can be viewed',
		displayOptions: when('issued'),
	},
	{
		displayName: 'Error Message',
		name: 'errorMessage',
		type: 'string',
		default: '',
		required: true,
		displayOptions: when('failed'),
	},
	{
		displayName: 'Retryable',
		name: 'retryable',
		type: 'boolean',
		default: true,
		description:
			'Whether a later run may try again (e.g. rate limit, outage) rather than needing a person',
		displayOptions: when('failed'),
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'string',
		default: 'email',
		required: true,
		displayOptions: when('delivered'),
	},
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		displayOptions: when('delivered'),
	},
	{
		displayName: 'Claimed At',
		name: 'claimedAt',
		type: 'dateTime',
		default: '',
		displayOptions: when('claimed'),
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		required: true,
		description: 'Why: kept in the chain for auditors',
		displayOptions: when('review', 'override'),
	},
	{
		displayName: 'Action',
		name: 'action',
		type: 'string',
		default: '',
		placeholder: 'e.g. approve despite late completion',
		displayOptions: when('override'),
	},
	{
		displayName: 'Actor',
		name: 'actor',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.reviewer }}',
		description:
			'Who did this, as the chain records it (required for reviews and overrides); empty means this workflow',
	},
	recordOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['record'] } },
	properties,
);

function isoOrUndefined(value: unknown): string | undefined {
	const text = optionalText(value);
	if (text === undefined) return undefined;
	const date = new Date(text);
	return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

function detailsOf(
	this: IExecuteFunctions,
	kind: RecordKind,
	itemIndex: number,
	options: IDataObject,
): IDataObject {
	const param = (name: string) => optionalText(itemParameter.call(this, name, itemIndex, ''));
	const details: IDataObject = {};
	switch (kind) {
		case 'issued':
			Object.assign(details, {
				platform: param('platform'),
				externalId: param('externalId'),
				url: param('credentialUrl'),
				issuedOn: isoOrUndefined(options.issuedOn),
				reconciled: options.reconciled === true ? true : undefined,
				// Anything but true or false is left for the ledger to refuse, naming the field.
				emailFollows: options.emailFollows === false ? undefined : options.emailFollows,
			});
			break;
		case 'failed':
			Object.assign(details, {
				error: param('errorMessage'),
				retryable: this.getNodeParameter('retryable', itemIndex, true) as boolean,
			});
			break;
		case 'delivered':
			Object.assign(details, { channel: param('channel'), messageId: param('messageId') });
			break;
		case 'claimed':
			details.claimedAt = isoOrUndefined(this.getNodeParameter('claimedAt', itemIndex, ''));
			break;
		case 'review':
			details.reason = param('reason');
			break;
		case 'override':
			Object.assign(details, { reason: param('reason'), action: param('action') });
			break;
	}
	const attempt = Number(options.attempt ?? 0);
	if ((kind === 'issued' || kind === 'failed') && attempt > 0) details.attempt = attempt;
	const attributes = readJsonParameter(options.attributes, 'attributes');
	if (!attributes.ok) {
		throw new LedgerError(
			'invalid_input',
			`Invalid details: attributes ${attributes.issue.message}`,
			{
				issues: [{ path: 'details.attributes', message: attributes.issue.message }],
			},
		);
	}
	const fromCertificate =
		kind === 'issued' && options.attributesFromCertificate === true
			? certificateAttributes(this.getInputData()[itemIndex]?.json.certificate)
			: undefined;
	const merged = { ...fromCertificate, ...(attributes.value as IDataObject | undefined) };
	if (attributes.value !== undefined && !isPlainObject(attributes.value)) {
		details.attributes = attributes.value as IDataObject;
	} else if (Object.keys(merged).length > 0) {
		details.attributes = merged;
	}
	for (const key of Object.keys(details)) if (details[key] === undefined) delete details[key];
	return details;
}

/** The printed name as private evidence of an Issued entry, read by Get Public Status. */
function holderEvidenceOf(kind: RecordKind, options: IDataObject): IDataObject | undefined {
	const holderName = optionalText(options.holderName);
	return kind === 'issued' && holderName !== undefined ? { holderName } : undefined;
}

interface PreparedRecord {
	key: string;
	kind: RecordKind;
	details: IDataObject;
	actor: string;
	evidence?: IDataObject;
	goLiveMode: unknown;
}

/**
 * One by one when a credential is looked up by its platform ID: an earlier item's Issued may be
 * what names it. Otherwise items go in windows (see runPerItemStaged).
 */
export function window(this: IExecuteFunctions): number {
	const items = this.getInputData();
	return items.some((_item, itemIndex) => lookupByPlatformId.call(this, itemIndex))
		? 1
		: STAGED_WINDOW;
}

/** Reads the item: the credential's key (looked up by platform ID if so set) and the details. */
export async function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
	{ ledger }: OpenedLedger,
): Promise<PreparedRecord> {
	const kind = this.getNodeParameter('outcome', itemIndex) as RecordKind;
	const actorParam = optionalText(this.getNodeParameter('actor', itemIndex, ''));
	if ((kind === 'override' || kind === 'review') && actorParam === undefined) {
		throw new LedgerError('invalid_input', `Invalid ${kind}: actor: name the person responsible`, {
			issues: [{ path: 'actor', message: 'name the person responsible' }],
		});
	}
	if (kind === 'issued' && lookupByPlatformId.call(this, itemIndex)) {
		// The platform id is what Issued records: before it, only the key names the credential.
		throw new LedgerError(
			'invalid_input',
			'Invalid issued: lookupBy: name the credential by its idempotency key to record it as issued',
			{ issues: [{ path: 'lookupBy', message: 'use Idempotency Key for Issued' }] },
		);
	}
	// Read once: its fields may be expressions, each evaluated per read.
	const options = itemParameter.call(this, 'recordOptions', itemIndex, {}) as IDataObject;
	return {
		key: await credentialKeyOf.call(this, ledger, itemIndex),
		kind,
		details: detailsOf.call(this, kind, itemIndex, options),
		actor: actorOf.call(this, actorParam),
		evidence: holderEvidenceOf(kind, options),
		goLiveMode: options.goLiveMode,
	};
}

/** Records it: the ledger call is made at once, so records keep the items' order. */
export async function commit(
	this: IExecuteFunctions,
	{ key, kind, details, actor, evidence, goLiveMode }: PreparedRecord,
	{ ledger }: OpenedLedger,
	item: INodeExecutionData,
): Promise<IDataObject> {
	const { status, entry } = await ledger.recordOutcome(key, kind, details, actor, {
		evidence,
		goLiveMode,
	});
	// A repeated claim writes nothing: alreadyRecorded lets a workflow act on the first only.
	const ledgerResult = { ...entryResult(entry), alreadyRecorded: status === 'existing' };
	return { ...item.json, ledger: ledgerResult as IDataObject };
}
