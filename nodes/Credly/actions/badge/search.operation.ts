import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { credentialJson } from '../../../kit/issuing/credential-output';
import { updateDisplayOptions } from '../../../kit/display-options';
import { checkedId, recipientEmailFilter } from '../../../kit/issuing/issue-input';
import { optionalText } from '../../../kit/text';
import { resultLimit, returnAllAndLimit } from '../../../kit/result-limit';
import { CREDLY_LABELS, UUID } from '../../helpers/fields';
import type { CredlyRun } from '../context';

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Badge Template ID',
				name: 'badgeTemplateId',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Recipient Email',
				name: 'recipientEmail',
				type: 'string',
				placeholder: 'name@email.com',
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
		],
	},
];

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
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: Record<string, string> = {};
	const email = recipientEmailFilter(node, itemIndex, filters.recipientEmail);
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
	return badges.slice(0, resultLimit.call(this, itemIndex)).map(credentialJson);
}
