import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { optionalText } from '../../kit/text';

/** Reads the options collection of an item. */
export function optionsOf(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return this.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

/** A required text parameter, trimmed. */
export function textParameter(this: IExecuteFunctions, name: string, itemIndex: number): string {
	return optionalText(this.getNodeParameter(name, itemIndex, '')) ?? '';
}

/** The Credential ID of an item; refused before any request when empty or not an ID. */
export function credentialIdOf(this: IExecuteFunctions, itemIndex: number): string {
	const id = textParameter.call(this, 'credentialId', itemIndex);
	if (id !== '' && !/[/?#\s]/.test(id)) return id;
	throw new NodeOperationError(
		this.getNode(),
		`Item ${itemIndex}: invalid "Credential ID": ${id === '' ? 'it is empty' : `"${id}" is not an ID`}`,
		{
			itemIndex,
			description:
				"Give the credential's ID (e.g. 10000005, from its credential.net link or a Create or Search output). Nothing was sent to Accredible.",
		},
	);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** An optional YYYY-MM-DD parameter inside a collection; refused before any request when malformed. */
export function dateField(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	const date = new Date(`${text}T00:00:00Z`);
	if (DATE_ONLY.test(text) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text))
		return text;
	throw new NodeOperationError(
		this.getNode(),
		`Item ${itemIndex}: invalid "${label}": received "${text}"; expected a date as YYYY-MM-DD`,
		{ itemIndex, description: 'Correct the date. Nothing was sent to Accredible.' },
	);
}
