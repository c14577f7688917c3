import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { OpenedLedger } from '../../transport/open-ledger';
import { updateDisplayOptions } from '../../../kit/display-options';
import { optionalText } from '../../../kit/text';

const properties: INodeProperties[] = [
	{
		displayName: 'Format',
		name: 'format',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'CSV for Auditors',
				value: 'csv',
				description: 'One row per credential with status, rule identity and evidence hashes',
			},
			{
				name: 'JSONL Chain',
				value: 'jsonl',
				description: 'Every signed entry exactly as stored, for independent verification',
			},
		],
		default: 'csv',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The binary field the file is written to',
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'credential-ledger-2026-05-04.csv',
		description: 'Leave empty for credential-ledger-&lt;date&gt;.csv or .jsonl',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ledger'], operation: ['export'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	opened: OpenedLedger,
): Promise<Pick<INodeExecutionData, 'json' | 'binary'>> {
	const format = this.getNodeParameter('format', 0, 'csv') as 'csv' | 'jsonl';
	const field = optionalText(this.getNodeParameter('binaryPropertyName', 0, 'data')) ?? 'data';
	const fileName =
		optionalText(this.getNodeParameter('fileName', 0, '')) ??
		`credential-ledger-${new Date().toISOString().slice(0, 10)}.${format}`;
	const head = await opened.ledger.head();
	const text =
		format === 'csv' ? await opened.ledger.exportCsv() : await opened.ledger.exportJsonl();
	const mimeType = format === 'csv' ? 'text/csv' : 'application/x-ndjson';
	const binary = await this.helpers.prepareBinaryData(
		Buffer.from(text, 'utf8'),
		fileName,
		mimeType,
	);
	const { signer, publicKeyPem } = opened.key;
	const json: IDataObject = {
		format,
		fileName,
		bytes: Buffer.byteLength(text, 'utf8'),
		head: { ...head },
		location: opened.location,
		algorithm: signer.algorithm,
		keyId: signer.keyId,
		...(publicKeyPem ? { publicKeyPem } : {}),
	};
	return { json, binary: { [field]: binary } };
}
