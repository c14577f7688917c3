import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { optionalText } from '../../../kit/text';

/** A report file through n8n's binary helpers, so any binary-data mode (memory, disk, S3) works. */
export async function reportItem(
	this: IExecuteFunctions,
	json: INodeExecutionData['json'],
	text: string,
	fileName: string,
	pairedItems: number[],
	mimeType = 'text/csv',
): Promise<INodeExecutionData> {
	const property = optionalText(this.getNodeParameter('binaryPropertyName', 0, 'data')) ?? 'data';
	// A UTF-8 byte order mark makes Excel read names with accents correctly.
	const bom = mimeType === 'text/csv' ? '\uFEFF' : '';
	const binary = await this.helpers.prepareBinaryData(
		Buffer.from(bom + text, 'utf8'),
		fileName,
		mimeType,
	);
	return {
		json: { ...json, fileName },
		binary: { [property]: binary },
		pairedItem: pairedItems.map((item) => ({ item })),
	};
}

/** A file-name part from an attendee id (emails included), without path separators. */
export function fileSafe(text: string): string {
	return text.replace(/[^A-Za-z0-9@._-]+/g, '_').slice(0, 80) || 'attendee';
}
