import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../kit/display-options';
import { checkedId } from '../../../kit/issuing/issue-input';
import {
	searchFilters,
	searchProperties,
	searchResults,
} from '../../../kit/issuing/search-filters';
import { optionalText } from '../../../kit/text';
import { CERTIFIER_ID, CERTIFIER_LABELS } from '../../helpers/fields';
import type { CertifierRun } from '../context';

const properties: INodeProperties[] = searchProperties([
	{ displayName: 'Group ID', name: 'groupId', type: 'string', default: '' },
	{
		displayName: 'Recipient Name Contains',
		name: 'recipientName',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'issued',
		options: [
			{ name: 'Draft', value: 'draft' },
			{ name: 'Expired', value: 'expired' },
			{ name: 'Issued', value: 'issued' },
			{ name: 'Scheduled', value: 'scheduled' },
		],
	},
]);

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['search'] } },
	properties,
);

/** Certifier's search (all filters must match), newest first, every page. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CertifierRun,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const { filters, recipientEmail: email } = searchFilters.call(this, itemIndex);
	const conditions: IDataObject[] = [];
	if (email !== undefined) conditions.push({ recipient: { email: { equals: email } } });
	const name = optionalText(filters.recipientName);
	if (name !== undefined) conditions.push({ recipient: { name: { contains: name } } });
	const groupId = optionalText(filters.groupId);
	if (groupId !== undefined) {
		const id = checkedId(node, itemIndex, groupId, 'templateId', CERTIFIER_LABELS, CERTIFIER_ID);
		conditions.push({ groupId: { equals: id } });
	}
	if (typeof filters.status === 'string' && filters.status) {
		conditions.push({ status: { equals: filters.status } });
	}
	const client = await run.client();
	const found = await client.search({ AND: conditions });
	return searchResults.call(this, itemIndex, found);
}
