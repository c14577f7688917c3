import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import {
	CertificateError,
	EMBEDDED_FILE_RELATIONSHIPS,
	type EmbeddedFile,
	type EmbeddedFileRelationship,
} from '../core/domain/certificate';
import { optionalText } from '../kit/text';

const fromJson = { show: { source: ['json'] } };
const fromBinary = { show: { source: ['binary'] } };

/** The Options entry that embeds files (e.g. the Open Badge JSON) in the PDF. */
export const embeddedFilesOption: INodeProperties = {
	displayName: 'Embed Files',
	name: 'embeddedFiles',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add File',
	default: {},
	description:
		'Files carried inside the PDF as attachments (listed in the associated files, PDF/A-3 style), e.g. the signed Open Badge JSON',
	options: [
		{
			displayName: 'File',
			name: 'file',
			values: [
				{
					displayName: 'Binary Property',
					name: 'binaryProperty',
					type: 'string',
					default: 'data',
					displayOptions: fromBinary,
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					placeholder: 'e.g. Open Badges 3.0 credential',
				},
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: 'badge.json',
					description: 'Empty for a binary property: its own file name',
				},
				{
					displayName: 'JSON Field',
					name: 'field',
					type: 'string',
					default: 'openBadge.credential',
					description:
						'Dot path of the input field to embed; objects are written as JSON, text as is',
					displayOptions: fromJson,
				},
				{
					displayName: 'MIME Type',
					name: 'mimeType',
					type: 'string',
					default: 'application/ld+json',
					description: 'Empty for a binary property: its own MIME type',
				},
				{
					displayName: 'Put Copy in Binary Property',
					name: 'copyToBinaryProperty',
					type: 'string',
					default: '',
					placeholder: 'e.g. badge',
					description:
						'Also output the file in this binary property, e.g. to attach the same bytes to an email; empty: PDF only',
				},
				{
					displayName: 'Relationship',
					name: 'relationship',
					type: 'options',
					options: EMBEDDED_FILE_RELATIONSHIPS.map((value) => ({ name: value, value })),
					default: 'Data',
					description: 'How the file relates to the certificate (the PDF AFRelationship)',
				},
				{
					displayName: 'Source',
					name: 'source',
					type: 'options',
					options: [
						{ name: 'JSON Field', value: 'json' },
						{ name: 'Binary Property', value: 'binary' },
					],
					default: 'json',
				},
			],
		},
	],
};

function fieldAt(json: IDataObject, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(value, key) =>
				value !== null && typeof value === 'object' ? (value as IDataObject)[key] : undefined,
			json,
		);
}

async function readFile(
	this: IExecuteFunctions,
	itemIndex: number,
	spec: IDataObject,
	position: number,
): Promise<EmbeddedFile> {
	const common = {
		description: optionalText(spec.description),
		relationship: (optionalText(spec.relationship) ?? 'Data') as EmbeddedFileRelationship,
	};
	if (spec.source === 'binary') {
		const property = optionalText(spec.binaryProperty) ?? '';
		const binary = this.getInputData()[itemIndex].binary?.[property];
		if (!binary)
			throw new CertificateError(
				'embeddedFiles',
				`Embedded file ${position}: binary property "${property}" is not on the item; give the name of an input binary property`,
			);
		return {
			...common,
			name: optionalText(spec.fileName) ?? binary.fileName ?? property,
			mimeType: optionalText(spec.mimeType) ?? binary.mimeType,
			bytes: await this.helpers.getBinaryDataBuffer(itemIndex, property),
		};
	}
	const path = optionalText(spec.field) ?? '';
	const value = fieldAt(this.getInputData()[itemIndex].json, path);
	if (value === undefined || value === null || value === '')
		throw new CertificateError(
			'embeddedFiles',
			`Embedded file ${position}: the input has no field "${path}"; give the dot path of the field to embed, e.g. openBadge.credential`,
		);
	const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
	return {
		...common,
		name: optionalText(spec.fileName) ?? `${path}.json`,
		mimeType: optionalText(spec.mimeType) ?? 'application/json',
		bytes: Buffer.from(text, 'utf8'),
	};
}

/** A file the Embed Files option names, and the binary property to copy it to, if any. */
export interface EmbeddedFileRequest {
	file: EmbeddedFile;
	copyToBinaryProperty?: string;
}

/** The files the Embed Files option names, read from the item. */
export async function readEmbeddedFiles(
	this: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): Promise<EmbeddedFileRequest[]> {
	const specs = ((options.embeddedFiles as IDataObject | undefined)?.file ?? []) as IDataObject[];
	const requests: EmbeddedFileRequest[] = [];
	for (const [index, spec] of specs.entries())
		requests.push({
			file: await readFile.call(this, itemIndex, spec, index + 1),
			copyToBinaryProperty: optionalText(spec.copyToBinaryProperty),
		});
	return requests;
}

/** Binary copies of the embedded files that asked for one, keyed by property. */
export async function embeddedFileCopies(
	this: IExecuteFunctions,
	requests: readonly EmbeddedFileRequest[],
): Promise<Record<string, IBinaryData>> {
	const copies: Record<string, IBinaryData> = {};
	for (const { file, copyToBinaryProperty } of requests)
		if (copyToBinaryProperty)
			copies[copyToBinaryProperty] = await this.helpers.prepareBinaryData(
				Buffer.from(file.bytes),
				file.name,
				file.mimeType,
			);
	return copies;
}
