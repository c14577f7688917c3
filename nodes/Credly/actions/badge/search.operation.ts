import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../kit/display-options';
import { checkedId } from '../../../kit/issuing/issue-input';
import {
	searchFilters,
	searchProperties,
	searchResults,
} from '../../../kit/issuing/search-filters';
import { optionalText } from '../../../kit/text';
import { CREDLY_LABELS, UUID } from '../../helpers/fields';
import type { CredlyRun } from '../context';

const properties: INodeProperties[] = searchProperties([
	{
		displayName: 'Badge Template ID',
		name: 'badgeTemplateId',
		type: 'string',
		default: '',
	},
	{
		displayName: 'State',
		name: 'state',
		type: 'options',
		default: 'accepted',
		options: [
			{ name: 'Accepted', value: 'accepted' },
			{ name: 'Expired', value: 'expired' },
			{ name: 'Pending (Not Yet Claimed)', value: 'pending' },
			{ name: 'Rejected', value: 'rejected' },
			{ name: 'Revoked', value: 'revoked' },
		],
	},
]);

export const description = updateDisplayOptions(
	{ show: { resource: ['badge'], operation: ['search'] } },
	properties,
);

/** Issued badges, newest first, filtered by Credly (all pages are read). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CredlyRun,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const { filters, recipientEmail: email } = searchFilters.call(this, itemIndex);
	const query: Record<string, string> = {};
	if (email !== undefined) query.recipient_email_all = email;
	const templateId = optionalText(filters.badgeTemplateId);
	if (templateId !== undefined) {
		query.badge_template_id = checkedId(
			node,
			itemIndex,
			templateId,
			'templateId',
			CREDLY_LABELS,
			UUID,
		);
	}
	if (typeof filters.state === 'string' && filters.state) query.state = filters.state;
	const badges = await run.client.listBadges(query);
	return searchResults.call(this, itemIndex, badges);
}
