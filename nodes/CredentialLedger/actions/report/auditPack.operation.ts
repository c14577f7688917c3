import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { updateDisplayOptions } from '../../../kit/display-options';
import { ItemOutput } from '../../../kit/per-item';
import { optionalText } from '../../../kit/text';
import type { OpenedLedger } from '../../transport/open-ledger';

const properties: INodeProperties[] = [
	{
		displayName: 'Event ID',
		name: 'eventId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'SPRING-CPE-2026',
		description:
			"The event whose pack to make: the schedule's eventId, as CPE Credit wrote it into each attendee's decision (case-sensitive)",
	},
	{
		displayName: 'Verification Page URL',
		name: 'verificationUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/verify',
		description:
			'Where certificates are checked (the verification endpoint template); the README tells auditors to open &lt;this URL&gt;/&lt;certificate ID&gt;',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The binary field the zip is written to',
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'audit-pack-SPRING-CPE-2026-2026-06-01.zip',
		description: 'Leave empty for audit-pack-&lt;event ID&gt;-&lt;date&gt;.zip',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['auditPack'] } },
	properties,
);

/** One zip per input item, so one run can pack several events. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ ledger, key }: OpenedLedger,
	item: INodeExecutionData,
): Promise<ItemOutput> {
	const eventId = optionalText(this.getNodeParameter('eventId', itemIndex, '')) ?? '';
	const generatedAt = new Date();
	const { zip, summary } = await ledger.auditPack({
		eventId,
		generatedAt,
		verificationUrl: optionalText(this.getNodeParameter('verificationUrl', itemIndex, '')),
		publicKeyPem: key.publicKeyPem,
	});
	const field =
		optionalText(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')) ?? 'data';
	const fileName =
		optionalText(this.getNodeParameter('fileName', itemIndex, '')) ??
		`audit-pack-${eventId.replace(/[^A-Za-z0-9._-]+/g, '-')}-${generatedAt.toISOString().slice(0, 10)}.zip`;
	const binary = await this.helpers.prepareBinaryData(zip, fileName, 'application/zip');
	return new ItemOutput(
		0,
		{
			...item.json,
			auditPack: { ...summary, fileName, bytes: zip.length } as unknown as IDataObject,
		},
		{ [field]: binary },
	);
}
