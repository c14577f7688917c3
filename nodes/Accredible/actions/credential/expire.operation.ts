import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../kit/display-options';
import { credentialIdField, optionsCollection } from '../common.descriptions';
import { revokeWith } from './revoke';

// Accredible has no revoke: expiring keeps a verifiable record that shows as expired.
const properties: INodeProperties[] = [
	credentialIdField,
	optionsCollection([
		{
			displayName: 'Expiry Date',
			name: 'effectiveOn',
			type: 'string',
			default: '',
			placeholder: 'YYYY-MM-DD',
			description: 'When it stops being valid; empty means today (UTC)',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['expire'] } },
	properties,
);

export const execute = revokeWith('expire');
