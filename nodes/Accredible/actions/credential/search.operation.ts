import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../kit/display-options';
import { resultLimit, returnAllAndLimit } from '../../../kit/result-limit';
import { optionalText } from '../../../kit/text';
import { credentialSummary, type ClientFor } from '../client';
import { optionsCollection } from '../common.descriptions';
import { dateField } from '../items';

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Credential Reference',
				name: 'reference',
				type: 'string',
				default: '',
				description: 'Your own ID given at creation (license ID)',
			},
			{
				displayName: 'Group Name or ID',
				name: 'groupId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getGroups' },
				default: '',
				description:
					'Only credentials of this group. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Issued From',
				name: 'issuedFrom',
				type: 'string',
				default: '',
				placeholder: 'YYYY-MM-DD',
				description: 'Issued on or after this date',
			},
			{
				displayName: 'Issued Until',
				name: 'issuedUntil',
				type: 'string',
				default: '',
				placeholder: 'YYYY-MM-DD',
				description: 'Issued on or before this date',
			},
			{
				displayName: 'Recipient Email',
				name: 'recipientEmail',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{
				displayName: 'Recipient ID',
				name: 'recipientId',
				type: 'string',
				default: '',
				description: 'Your stable learner ID given at creation',
			},
		],
	},
	...returnAllAndLimit,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['search'] } },
	properties,
);

/** v2 search: one output item per credential found, newest first; all pages when asked. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	clientFor: ClientFor,
): Promise<IDataObject[]> {
	const query = readQuery.call(this, itemIndex);
	const limit = resultLimit.call(this, itemIndex);
	const client = await clientFor(itemIndex);
	const found = await client.search(query, { maxResults: limit });
	return found.map(credentialSummary);
}

function readQuery(this: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const text = (value: unknown) => optionalText(value) ?? '';
	const query: Record<string, unknown> = {};
	const group = text(filters.groupId);
	if (/^\d+$/.test(group)) query['group.id'] = Number(group);
	else if (group)
		throw new NodeOperationError(
			this.getNode(),
			`Item ${itemIndex}: invalid "Group Name or ID" filter: "${group}" is not a group ID`,
			{
				itemIndex,
				description:
					'Choose a group from the list or give its numeric ID. Nothing was sent to Accredible.',
			},
		);
	const email = text(filters.recipientEmail).toLowerCase();
	if (email) query.recipient_email = email;
	const recipientId = text(filters.recipientId);
	if (recipientId) query.recipient_id = recipientId;
	const reference = text(filters.reference);
	if (reference) query.license_id = reference;
	const from = dateField.call(this, filters.issuedFrom, 'Issued From', itemIndex);
	if (from) query['issued_on[gte]'] = from;
	const until = dateField.call(this, filters.issuedUntil, 'Issued Until', itemIndex);
	if (until) query['issued_on[lte]'] = until;
	return query;
}
