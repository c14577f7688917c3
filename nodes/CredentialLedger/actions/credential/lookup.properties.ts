import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CredentialLedger, PlatformCredentialId } from '../../../core/domain/ledger';
import { optionalText } from '../../../kit/text';
import { keyParameter, keyProperty } from './key.property';

const BY_KEY = { name: 'Idempotency Key', value: 'key', description: 'One credential' };
const BY_PLATFORM_ID = {
	name: 'Platform Credential ID',
	value: 'platformId',
	description:
		'The credential whose Issued entry names this platform and ID, e.g. from a Credly or Certifier trigger',
};

/** Platform and Credential ID: how a platform event names a credential. */
const platformIdProperties: INodeProperties[] = [
	{
		displayName: 'Platform',
		name: 'credentialPlatform',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. credly',
		description: 'The platform as Record Outcome Issued wrote it',
		displayOptions: { show: { lookupBy: ['platformId'] } },
	},
	{
		displayName: 'Credential ID',
		name: 'platformCredentialId',
		type: 'string',
		default: '',
		required: true,
		description: "The credential's ID at the platform (External ID of the Issued entry)",
		displayOptions: { show: { lookupBy: ['platformId'] } },
	},
];

/** Look up one credential by key, or every credential of one learner. */
export const lookupProperties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Idempotency Key', value: 'key', description: 'One credential' },
			{ name: 'Learner ID', value: 'learner', description: 'Every credential of one learner' },
		],
		default: 'key',
	},
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '={{ $json.ledger.key }}',
		required: true,
		displayOptions: { show: { lookupBy: ['key'] } },
	},
	{
		displayName: 'Learner ID',
		name: 'learnerId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.learner.ID }}',
		displayOptions: { show: { lookupBy: ['learner'] } },
	},
];

/** Get Status: by key, by learner, or by the platform's credential id. */
export const statusLookupProperties: INodeProperties[] = [
	{
		...lookupProperties[0],
		options: [...(lookupProperties[0].options ?? []), BY_PLATFORM_ID],
	},
	...lookupProperties.slice(1),
	...platformIdProperties,
];

/** Names one credential for a change (Record Outcome, Revoke, Supersede): by key or platform id. */
export const credentialLookupProperties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		noDataExpression: true,
		options: [BY_KEY, BY_PLATFORM_ID],
		default: 'key',
	},
	{ ...keyProperty, displayOptions: { show: { lookupBy: ['key'] } } },
	...platformIdProperties,
];

/** Platform and Credential ID as typed; the ledger names an empty one. */
export function platformIdParameter(
	this: IExecuteFunctions,
	itemIndex: number,
): PlatformCredentialId {
	const text = (name: string) => optionalText(this.getNodeParameter(name, itemIndex, '')) ?? '';
	return { platform: text('credentialPlatform'), externalId: text('platformCredentialId') };
}

export function lookupByPlatformId(this: IExecuteFunctions, itemIndex: number): boolean {
	return this.getNodeParameter('lookupBy', itemIndex, 'key') === 'platformId';
}

/** The key of the credential to change, as named by Look Up By. */
export async function credentialKeyOf(
	this: IExecuteFunctions,
	ledger: CredentialLedger,
	itemIndex: number,
): Promise<string> {
	return lookupByPlatformId.call(this, itemIndex)
		? ledger.keyForPlatformId(platformIdParameter.call(this, itemIndex))
		: keyParameter.call(this, itemIndex);
}
