import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ReplaceRequest } from '../../../core/integrations/platforms';
import { updateDisplayOptions } from '../../../kit/display-options';
import { readJsonParameter } from '../../../kit/errors';
import { credentialSummary, type ClientFor } from '../client';
import { credentialIdField, optionsCollection } from '../common.descriptions';
import { credentialIdOf, dateField } from '../items';

const properties: INodeProperties[] = [
	credentialIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Custom Attributes',
				name: 'customAttributes',
				type: 'json',
				default: '{}',
				description: 'Attributes to set, as a JSON object of text; others stay as they are',
			},
			{
				displayName: 'Expires On',
				name: 'expiresOn',
				type: 'string',
				default: '',
				placeholder: 'YYYY-MM-DD',
				description: 'New expiry date (to withdraw a credential, use Expire)',
			},
			{
				displayName: 'Issued On',
				name: 'issuedOn',
				type: 'string',
				default: '',
				placeholder: 'YYYY-MM-DD',
			},
			{
				displayName: 'Recipient Name',
				name: 'recipientName',
				type: 'string',
				default: '',
				description: 'The corrected name printed on the credential',
			},
			{
				displayName: 'Remove Expiry',
				name: 'removeExpiry',
				type: 'boolean',
				default: false,
				description: 'Whether the credential should never expire (overrides Expires On)',
			},
		],
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['update'] } },
	properties,
);

/** Corrects a credential in place (Accredible keeps the same ID and link). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	clientFor: ClientFor,
): Promise<IDataObject> {
	const request = readUpdate.call(this, itemIndex);
	const client = await clientFor(itemIndex);
	const outcome = await client.replace(request);
	return {
		...credentialSummary(outcome.credential),
		previous: credentialSummary(outcome.previous),
	};
}

function readUpdate(this: IExecuteFunctions, itemIndex: number): ReplaceRequest {
	const credentialId = credentialIdOf.call(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const name = typeof fields.recipientName === 'string' ? fields.recipientName.trim() : '';
	if (name.length > 255)
		throw invalid.call(this, itemIndex, 'Recipient Name', 'it is longer than 255 characters');
	const attributes = readAttributes.call(this, fields.customAttributes, itemIndex);
	const expiresOn =
		fields.removeExpiry === true
			? null
			: dateField.call(this, fields.expiresOn, 'Expires On', itemIndex);
	const request: ReplaceRequest = {
		credentialId,
		...(name ? { recipientName: name } : {}),
		...(attributes ? { attributes } : {}),
		...(expiresOn !== undefined ? { expiresOn } : {}),
	};
	const issuedOn = dateField.call(this, fields.issuedOn, 'Issued On', itemIndex);
	if (issuedOn) request.issuedOn = issuedOn;
	if (Object.keys(request).length === 1)
		throw invalid.call(this, itemIndex, 'Update Fields', 'no field to change was given');
	return request;
}

function readAttributes(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): Record<string, string> | undefined {
	const parsed = readJsonParameter(value, 'customAttributes');
	if (!parsed.ok) throw invalid.call(this, itemIndex, 'Custom Attributes', parsed.issue.message);
	const attributes = parsed.value;
	if (attributes === undefined) return undefined;
	if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))
		throw invalid.call(this, itemIndex, 'Custom Attributes', 'expected a JSON object');
	const entries = Object.entries(attributes);
	if (entries.length === 0) return undefined;
	const text: Record<string, string> = {};
	for (const [key, entry] of entries) {
		if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean')
			text[key] = String(entry);
		else
			throw invalid.call(
				this,
				itemIndex,
				`Custom Attributes.${key}`,
				`received ${entry === null ? 'null' : Array.isArray(entry) ? 'a list' : 'an object'}; expected text`,
			);
	}
	return text;
}

function invalid(
	this: IExecuteFunctions,
	itemIndex: number,
	label: string,
	problem: string,
): NodeOperationError {
	return new NodeOperationError(
		this.getNode(),
		`Item ${itemIndex}: invalid "${label}": ${problem}`,
		{
			itemIndex,
			description: 'Correct the field. Nothing was sent to Accredible.',
		},
	);
}
