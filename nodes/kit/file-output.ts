import type { IBinaryData, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionalText } from './text';

/**
 * "Put Output File in Field" and "File Name", as operations that output one file ask them:
 * `holds` names the file in the field's help, `defaultName` says what an empty name gives.
 */
export function fileOutputProperties(file: {
	holds: string;
	placeholder: string;
	defaultName: string;
}): INodeProperties[] {
	return [
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			description: `The binary field the ${file.holds} is written to`,
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: file.placeholder,
			description: `Leave empty for ${file.defaultName}`,
		},
	];
}

export interface OutputFile {
	/** The binary field chosen in "Put Output File in Field". */
	field: string;
	fileName: string;
	bytes: number;
	binary: IBinaryData;
}

/**
 * The file as n8n binary data (so any binary-data mode works), named as the item's File Name
 * says or `defaultName` when it is empty.
 */
export async function outputFile(
	this: IExecuteFunctions,
	itemIndex: number,
	content: Buffer | string,
	file: { defaultName: string; mimeType: string },
): Promise<OutputFile> {
	const field =
		optionalText(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')) ?? 'data';
	const fileName =
		optionalText(this.getNodeParameter('fileName', itemIndex, '')) ?? file.defaultName;
	const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
	const binary = await this.helpers.prepareBinaryData(bytes, fileName, file.mimeType);
	return { field, fileName, bytes: bytes.length, binary };
}

/** Text made safe for a file name: anything but letters, digits, . _ and - becomes one hyphen. */
export function fileNamePart(text: string): string {
	return text.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** `<name>-<UTC date>.<extension>`, the name made safe for a file name. */
export function datedFileName(name: string, at: Date, extension: string): string {
	return `${fileNamePart(name)}-${at.toISOString().slice(0, 10)}.${extension}`;
}
