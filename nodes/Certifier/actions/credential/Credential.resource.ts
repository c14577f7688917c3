import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../kit/node-description';
import * as create from './create.operation';
import * as createDraft from './createDraft.operation';
import * as deleteCredential from './delete.operation';
import * as expire from './expire.operation';
import * as get from './get.operation';
import * as issueDraft from './issueDraft.operation';
import * as search from './search.operation';
import * as send from './send.operation';
import * as updateExpiry from './updateExpiry.operation';

export {
	create,
	createDraft,
	deleteCredential as delete,
	expire,
	get,
	issueDraft,
	search,
	send,
	updateExpiry,
};

export const description: INodeProperties[] = [
	operationProperty(
		'credential',
		[
			{
				name: 'Create Draft',
				value: 'createDraft',
				description: 'Step 1 of 3: create a draft credential (an existing one is returned)',
				action: 'Create a draft credential',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a credential permanently',
				action: 'Delete a credential',
			},
			{
				name: 'Expire (Revoke)',
				value: 'expire',
				description: 'Withdraw a credential by setting its expiry to today; the record stays',
				action: 'Expire a credential',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a credential by ID',
				action: 'Get a credential',
			},
			{
				name: 'Issue',
				value: 'create',
				description: 'Create, issue and send a credential exactly once',
				action: 'Issue a credential',
			},
			{
				name: 'Issue Draft',
				value: 'issueDraft',
				description: 'Step 2 of 3: issue a draft credential',
				action: 'Issue a draft credential',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find credentials by recipient, group or status',
				action: 'Search credentials',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Step 3 of 3: email an issued credential to its recipient',
				action: 'Send a credential',
			},
			{
				name: 'Update Expiry',
				value: 'updateExpiry',
				description: "Change or remove a credential's expiry date",
				action: 'Update the expiry of a credential',
			},
		],
		'create',
	),
	...create.description,
	...createDraft.description,
	...issueDraft.description,
	...send.description,
	...get.description,
	...search.description,
	...updateExpiry.description,
	...expire.description,
	...deleteCredential.description,
];
