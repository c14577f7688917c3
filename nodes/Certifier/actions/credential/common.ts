import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireIssuableTemplate, type IssueRequest } from '../../../core/integrations/platforms';
import { checkedTemplateId, templateChoiceProperties } from '../../../kit/issuing/course-mapping';
import {
	attributesFrom,
	checkedId,
	checkedIssueRequest,
	dateOnly,
} from '../../../kit/issuing/issue-input';
import { optionalText } from '../../../kit/text';
import { CERTIFIER_ID, CERTIFIER_LABELS, CERTIFIER_MAPPING } from '../../helpers/fields';
import type { CertifierRun } from '../context';

export const credentialIdProperty: INodeProperties = {
	displayName: 'Credential ID',
	name: 'credentialId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '01hz2f0c9ryvzajg20jqh9taab',
	description: 'The ID of the credential (the "ID" of an Issue, Create or Search result)',
};

export function credentialIdOf(this: IExecuteFunctions, itemIndex: number): string {
	return checkedId(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('credentialId', itemIndex),
		'credentialId',
		CERTIFIER_LABELS,
		CERTIFIER_ID,
	);
}

const groupField: INodeProperties = {
	displayName: 'Group Name or ID',
	name: 'groupId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getGroups' },
	required: true,
	default: '',
	description:
		'The group (credential template) that sets the design and the default expiry. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** The fields a new credential takes (Issue and Create Draft). */
export const newCredentialProperties: INodeProperties[] = [
	...templateChoiceProperties({ ...CERTIFIER_MAPPING, templateField: groupField }),
	{
		displayName: 'Recipient Name',
		name: 'recipientName',
		type: 'string',
		required: true,
		default: '',
		description: 'Full name as printed on the credential',
	},
	{
		displayName: 'Recipient Email',
		name: 'recipientEmail',
		type: 'string',
		placeholder: 'name@email.com',
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
				displayName: 'Custom Attributes (JSON)',
				name: 'customAttributes',
				type: 'json',
				default: '{}',
				description:
					'Attribute tag → text, e.g. {"course": "Intro to Programming"}. The attributes must exist in Certifier (Settings → Attributes); "custom." is added to the tag when missing.',
			},
			{
				displayName: 'Expiry Date',
				name: 'expiryDate',
				type: 'string',
				default: '',
				placeholder: '2027-05-01',
				description: "YYYY-MM-DD. Empty: the group's default.",
			},
			{
				displayName: 'Issue Date',
				name: 'issueDate',
				type: 'string',
				default: '',
				placeholder: '2026-05-01',
				description: 'YYYY-MM-DD. Empty: today.',
			},
		],
	},
];

/** Reads and checks a new credential's fields; refusals name the parameter and send nothing. */
export async function newCredentialRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CertifierRun,
	notify: boolean,
): Promise<IssueRequest> {
	const node = this.getNode();
	const groupId = checkedTemplateId(
		this,
		itemIndex,
		CERTIFIER_MAPPING,
		'groupId',
		CERTIFIER_LABELS,
		CERTIFIER_ID,
	);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const request = checkedIssueRequest(
		node,
		itemIndex,
		{
			templateId: groupId,
			recipient: {
				email: String(this.getNodeParameter('recipientEmail', itemIndex, '')),
				name: optionalText(this.getNodeParameter('recipientName', itemIndex, '')) ?? '',
			},
			issuedOn: dateOnly(fields.issueDate),
			expiresOn: dateOnly(fields.expiryDate),
			attributes: attributesFrom(
				node,
				itemIndex,
				fields.customAttributes,
				'attributes',
				CERTIFIER_LABELS,
			),
			notify,
		},
		'certifier',
		CERTIFIER_LABELS,
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (options.checkGroup !== false) {
		requireIssuableTemplate('certifier', groupId, await run.groups());
	}
	return request;
}

export const checkGroupOption: INodeProperties = {
	displayName: 'Check Group First',
	name: 'checkGroup',
	type: 'boolean',
	default: true,
	description:
		'Whether to check that the group exists before creating (one list read per run), so a wrong group is reported by name and nothing is sent',
};
