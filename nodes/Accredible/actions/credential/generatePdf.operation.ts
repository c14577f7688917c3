import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../kit/display-options';
import type { ClientFor } from '../client';
import { credentialIdField, optionsCollection } from '../common.descriptions';
import { credentialIdOf } from '../items';

const properties: INodeProperties[] = [credentialIdField, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['generatePdf'] } },
	properties,
);

/** Asks Accredible for the PDF of a published credential and returns its download link. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	clientFor: ClientFor,
): Promise<IDataObject> {
	const credentialId = credentialIdOf.call(this, itemIndex);
	const client = await clientFor(itemIndex);
	return { credentialId, pdfUrl: await client.generatePdf(credentialId) };
}
