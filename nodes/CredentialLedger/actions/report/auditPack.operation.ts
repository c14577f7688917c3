import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { updateDisplayOptions } from '../../../kit/display-options';
import { datedFileName, fileOutputProperties, outputFile } from '../../../kit/file-output';
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
	...fileOutputProperties({
		holds: 'zip',
		placeholder: 'audit-pack-SPRING-CPE-2026-2026-06-01.zip',
		defaultName: 'audit-pack-&lt;event ID&gt;-&lt;date&gt;.zip',
	}),
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
	const file = await outputFile.call(this, itemIndex, zip, {
		defaultName: datedFileName(`audit-pack-${eventId}`, generatedAt, 'zip'),
		mimeType: 'application/zip',
	});
	return new ItemOutput(
		0,
		{
			...item.json,
			auditPack: {
				...summary,
				fileName: file.fileName,
				bytes: file.bytes,
			} as unknown as IDataObject,
		},
		{ [file.field]: file.binary },
	);
}
