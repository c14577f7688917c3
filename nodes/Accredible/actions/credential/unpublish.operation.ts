import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../kit/display-options';
import { credentialIdField, optionsCollection } from '../common.descriptions';
import { revokeWith } from './revoke';

const properties: INodeProperties[] = [credentialIdField, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['unpublish'] } },
	properties,
);

export const execute = revokeWith('unpublish');
