import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireIssuableTemplate } from '../../../core/integrations/platforms';
import { issueJson } from '../../../kit/issuing/credential-output';
import { checkedTemplateId, templateChoiceProperties } from '../../../kit/issuing/course-mapping';
import { updateDisplayOptions } from '../../../kit/display-options';
import { checkedIssueRequest, dateOnly } from '../../../kit/issuing/issue-input';
import { optionalText } from '../../../kit/text';
import { CREDLY_LABELS, CREDLY_MAPPING, UUID } from '../../helpers/fields';
import type { CredlyRun } from '../context';

const badgeTemplateField: INodeProperties = {
	displayName: 'Badge Template Name or ID',
	name: 'badgeTemplateId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getActiveBadgeTemplates' },
	required: true,
	default: '',
	description:
		'Active templates of the organization. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const properties: INodeProperties[] = [
	...templateChoiceProperties({ ...CREDLY_MAPPING, templateField: badgeTemplateField }),
	{
		displayName: 'Recipient Email',
		name: 'recipientEmail',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'The badge goes to this address; Credly compares it case-insensitively',
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Evidence URL',
				name: 'evidenceUrl',
				type: 'string',
				default: '',
				placeholder: 'https://lms.example.com/completions/42',
				description: 'A link to the proof of completion, shown on the badge',
			},
			{
				displayName: 'Expires On',
				name: 'expiresOn',
				type: 'string',
				default: '',
				placeholder: '2027-05-01',
				description: "YYYY-MM-DD. Empty: the template's default expiry.",
			},
			{
				displayName: 'Issued On',
				name: 'issuedOn',
				type: 'string',
				default: '',
				placeholder: '2026-05-01',
				description: 'YYYY-MM-DD. Empty: today.',
			},
			{
				displayName: 'Issuer Earner ID',
				name: 'issuerEarnerId',
				type: 'string',
				default: '',
				description:
					"Your stable learner ID. Credly's duplicate rule also matches on it, so a learner whose email changes is not issued a second badge.",
			},
			{
				displayName: 'Never Expires',
				name: 'neverExpires',
				type: 'boolean',
				default: false,
				description: "Whether the badge never expires, whatever the template's default",
			},
			{
				displayName: 'Suppress Notification Email',
				name: 'suppressNotificationEmail',
				type: 'boolean',
				default: false,
				description: 'Whether to issue without the email Credly sends to the earner',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Check Template First',
				name: 'checkTemplate',
				type: 'boolean',
				default: true,
				description:
					'Whether to check that the template exists and is active before issuing (one list read per run), so a wrong or archived template is reported by name and nothing is sent',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['badge'], operation: ['create'] } },
	properties,
);

/**
 * Issues exactly once: looks up the recipient's badge of the template before creating and before
 * every retry; an existing badge comes back with alreadyIssued: true.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CredlyRun,
): Promise<IDataObject> {
	const node = this.getNode();
	const templateId = checkedTemplateId(
		this,
		itemIndex,
		CREDLY_MAPPING,
		'badgeTemplateId',
		CREDLY_LABELS,
		UUID,
	);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const firstName = optionalText(this.getNodeParameter('firstName', itemIndex, ''));
	const lastName = optionalText(this.getNodeParameter('lastName', itemIndex, ''));
	const request = checkedIssueRequest(
		node,
		itemIndex,
		{
			templateId,
			recipient: {
				email: String(this.getNodeParameter('recipientEmail', itemIndex, '')),
				name: [firstName, lastName].filter(Boolean).join(' '),
				firstName,
				lastName,
				id: optionalText(fields.issuerEarnerId),
			},
			issuedOn: dateOnly(fields.issuedOn),
			expiresOn: fields.neverExpires === true ? null : dateOnly(fields.expiresOn),
			evidenceUrl: optionalText(fields.evidenceUrl),
			notify: fields.suppressNotificationEmail !== true,
		},
		'credly',
		CREDLY_LABELS,
	);
	if (options.checkTemplate !== false) {
		requireIssuableTemplate('credly', templateId, await run.templates());
	}
	return issueJson(await run.client.issue(request));
}
