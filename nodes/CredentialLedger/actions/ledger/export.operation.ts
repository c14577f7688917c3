import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { OpenedLedger } from '../../transport/open-ledger';
import { updateDisplayOptions } from '../../../kit/display-options';
import { datedFileName, fileOutputProperties, outputFile } from '../../../kit/file-output';

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
	...fileOutputProperties({
		holds: 'file',
		placeholder: 'credential-ledger-2026-05-04.csv',
		defaultName: 'credential-ledger-&lt;date&gt;.csv or .jsonl',
	}),
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
	const head = await opened.ledger.head();
	const text =
		format === 'csv' ? await opened.ledger.exportCsv() : await opened.ledger.exportJsonl();
	const file = await outputFile.call(this, 0, text, {
		defaultName: datedFileName('credential-ledger', new Date(), format),
		mimeType: format === 'csv' ? 'text/csv' : 'application/x-ndjson',
	});
	const { signer, publicKeyPem } = opened.key;
	const json: IDataObject = {
		format,
		fileName: file.fileName,
		bytes: file.bytes,
		head: { ...head },
		location: opened.location,
		algorithm: signer.algorithm,
		keyId: signer.keyId,
		...(publicKeyPem ? { publicKeyPem } : {}),
	};
	return { json, binary: { [file.field]: file.binary } };
}
