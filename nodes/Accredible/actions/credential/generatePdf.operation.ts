import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { clientsFor } from '../client';
import { credentialIdField, optionsCollection } from '../common.descriptions';
import { credentialIdOf, forEachItem } from '../items';

const properties: INodeProperties[] = [credentialIdField, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['generatePdf'] } },
	properties,
);

/** Asks Accredible for the PDF of a published credential and returns its download link. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const clientFor = clientsFor.call(this);
	return await forEachItem.call(this, async (itemIndex) => {
		const credentialId = credentialIdOf.call(this, itemIndex);
		const client = await clientFor(itemIndex);
		return { credentialId, pdfUrl: await client.generatePdf(credentialId) };
	});
}
