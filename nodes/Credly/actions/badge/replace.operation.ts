import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { credentialJson } from '../../../kit/issuing/credential-output';
import { updateDisplayOptions } from '../../../kit/display-options';
import { checkedId, dateOnly, inputError } from '../../../kit/issuing/issue-input';
import { optionalText } from '../../../kit/text';
import { CREDLY_LABELS, UUID } from '../../helpers/fields';
import type { CredlyRun } from '../context';
import { badgeIdOf, badgeIdProperty } from './common';

const properties: INodeProperties[] = [
	badgeIdProperty,
	{
		displayName: 'Corrections',
		name: 'corrections',
		type: 'collection',
		placeholder: 'Add Correction',
		default: {},
		description: 'What the replacement badge changes; everything else is copied from the old badge',
		options: [
			{
				displayName: 'Badge Template ID',
				name: 'badgeTemplateId',
				type: 'string',
				default: '',
				description: 'Replace with a badge of another template',
			},
			{
				displayName: 'Expires On',
				name: 'expiresOn',
				type: 'string',
				default: '',
				placeholder: '2027-05-01',
				description: 'YYYY-MM-DD',
			},
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{
				displayName: 'Issued On',
				name: 'issuedOn',
				type: 'string',
				default: '',
				placeholder: '2026-05-01',
				description: 'YYYY-MM-DD',
			},
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['badge'], operation: ['replace'] } },
	properties,
);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Credly corrects a badge by replacing it: a new badge supersedes the old one (name fixes, new
 * dates). Safe to repeat: a badge already replaced returns its replacement.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CredlyRun,
): Promise<IDataObject> {
	const node = this.getNode();
	const credentialId = badgeIdOf.call(this, itemIndex);
	const corrections = this.getNodeParameter('corrections', itemIndex, {}) as IDataObject;
	const templateText = optionalText(corrections.badgeTemplateId);
	const issuedOn = dateOnly(corrections.issuedOn);
	const expiresOn = dateOnly(corrections.expiresOn);
	for (const [path, value] of [
		['issuedOn', issuedOn],
		['expiresOn', expiresOn],
	] as const) {
		if (value !== undefined && !DATE.test(value)) {
			throw inputError(
				node,
				itemIndex,
				[{ path, message: `received "${value}"; expected a date as YYYY-MM-DD` }],
				{
					issuedOn: 'Issued On',
					expiresOn: 'Expires On',
				},
			);
		}
	}
	const outcome = await run.client.replace({
		credentialId,
		firstName: optionalText(corrections.firstName),
		lastName: optionalText(corrections.lastName),
		issuedOn,
		expiresOn,
		templateId:
			templateText === undefined
				? undefined
				: checkedId(node, itemIndex, templateText, 'templateId', CREDLY_LABELS, UUID),
	});
	return {
		mode: outcome.mode,
		previous: credentialJson(outcome.previous),
		credential: credentialJson(outcome.credential),
	};
}
