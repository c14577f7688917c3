import type { INodeProperties } from 'n8n-workflow';

import { storage } from '../CredentialLedger/actions/storage.properties';
import { operationProperty, resourceProperty } from '../kit/node-description';
import * as changeStatus from './actions/changeStatus.operation';
import * as issue from './actions/issue.operation';
import * as statusList from './actions/statusList.operation';
import * as verify from './actions/verify.operation';

const resource = resourceProperty(
	[{ name: 'Badge', value: 'badge', description: 'A self-issued Open Badges 3.0 credential' }],
	'badge',
);

const operation = operationProperty(
	'badge',
	[
		{
			name: 'Get Status List',
			value: 'getStatusList',
			description: 'The signed Bitstring Status List credential a verifier fetches',
			action: 'Get a status list credential',
		},
		{
			name: 'Issue',
			value: 'issue',
			description: 'Sign an AchievementCredential exactly once per key, recorded in the ledger',
			action: 'Issue a badge',
		},
		{
			name: 'Reinstate',
			value: 'unsuspend',
			description: 'Lift a suspension',
			action: 'Reinstate a badge',
		},
		{
			name: 'Revoke',
			value: 'revoke',
			description: 'Set the revocation bit for good and record it',
			action: 'Revoke a badge',
		},
		{
			name: 'Suspend',
			value: 'suspend',
			description: 'Set the suspension bit until reinstated',
			action: 'Suspend a badge',
		},
		{
			name: 'Verify',
			value: 'verify',
			description: 'Check any OB 3.0 / VC 2.0 credential: signature, dates, schema, status',
			action: 'Verify a credential',
		},
	],
	'issue',
);

const statusBaseUrl: INodeProperties = {
	displayName: 'Status List Base URL',
	name: 'statusBaseUrl',
	type: 'string',
	default: '',
	placeholder: 'https://n8n.example.org/webhook/badges/status',
	description:
		'Public URL the verification endpoint serves lists under: &lt;base&gt;/revocation/&lt;n&gt; and &lt;base&gt;/suspension/&lt;n&gt;. Never change it once badges are out: they point at it.',
};

export const properties: INodeProperties[] = [
	resource,
	operation,
	...storage,
	statusBaseUrl,
	...issue.description,
	...changeStatus.description,
	...statusList.description,
	...verify.description,
];
