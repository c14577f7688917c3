import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../kit/node-description';
import * as create from './create.operation';
import * as deleteCredential from './delete.operation';
import * as expire from './expire.operation';
import * as generatePdf from './generatePdf.operation';
import * as get from './get.operation';
import * as search from './search.operation';
import * as unpublish from './unpublish.operation';
import * as update from './update.operation';

export { create, deleteCredential as delete, expire, generatePdf, get, search, unpublish, update };

export const description: INodeProperties[] = [
	operationProperty(
		'credential',
		[
			{
				name: 'Create',
				value: 'create',
				description: 'Issue a credential exactly once (an existing one is returned, not copied)',
				action: 'Create a credential',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a credential permanently',
				action: 'Delete a credential',
			},
			{
				name: 'Expire',
				value: 'expire',
				description: 'Withdraw a credential by expiring it; the record stays verifiable',
				action: 'Expire a credential',
			},
			{
				name: 'Generate PDF',
				value: 'generatePdf',
				description: 'Get a download link for the PDF of a published credential',
				action: 'Generate a credential PDF',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a credential by ID',
				action: 'Get a credential',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find credentials by recipient, group, reference or issue date',
				action: 'Search credentials',
			},
			{
				name: 'Unpublish',
				value: 'unpublish',
				description: 'Hide a credential without expiring it',
				action: 'Unpublish a credential',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Correct a credential in place (name, dates, attributes)',
				action: 'Update a credential',
			},
		],
		'create',
	),
	...create.description,
	...deleteCredential.description,
	...expire.description,
	...generatePdf.description,
	...get.description,
	...search.description,
	...unpublish.description,
	...update.description,
];
