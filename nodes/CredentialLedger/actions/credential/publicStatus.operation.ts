import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { verificationResponse } from '../../../core/domain/verification';
import { updateDisplayOptions } from '../../../kit/display-options';
import type { OpenedLedger } from '../../transport/open-ledger';

const properties: INodeProperties[] = [
	{
		displayName: 'Certificate ID',
		name: 'certificateId',
		type: 'string',
		default: '={{ $json.params.certificateId }}',
		description:
			'The ID printed on the certificate (the External ID of its Issued entry); the default reads it from a Webhook path such as verify/:certificateId',
	},
	{
		displayName: 'Platform',
		name: 'publicPlatform',
		type: 'string',
		default: 'certificate-pdf',
		description: 'The platform its Issued entry names (certificate-pdf for PDFs this pack renders)',
	},
	{
		displayName: 'Accept Header',
		name: 'acceptHeader',
		type: 'string',
		default: "={{ $json.headers?.accept ?? '' }}",
		description:
			'The caller’s Accept header: field "response" holds a JSON answer when it asks for one, else an HTML page. The default reads it from a Webhook.',
	},
	{
		displayName: 'Count Lookup',
		name: 'countLookup',
		type: 'boolean',
		default: true,
		description:
			'Whether to count this lookup for Get Metrics (by hour and status answered; nothing about the caller or the certificate). The count is written behind the answer, never delaying it; one that fails is logged and kept for the next write.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['publicStatus'] } },
	properties,
);

/**
 * The public answer for a certificate ID, for verification pages: status and public fields
 * only, and the page or JSON to answer with. A malformed or unknown ID is an answer (status
 * malformed or unknown, HTTP 400 or 404), not an error.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ ledger }: OpenedLedger,
	item: INodeExecutionData,
): Promise<IDataObject> {
	const view = await ledger.publicStatus({
		certificateId: this.getNodeParameter('certificateId', itemIndex, ''),
		platform: String(this.getNodeParameter('publicPlatform', itemIndex, '') ?? '').trim(),
	});
	// Counted behind the answer: a slow or failing count store never delays the page.
	if (this.getNodeParameter('countLookup', itemIndex, true) as boolean)
		ledger.lookups.count(view.status);
	const response = verificationResponse(view, this.getNodeParameter('acceptHeader', itemIndex, ''));
	return {
		...item.json,
		publicStatus: view as unknown as IDataObject,
		response: response as unknown as IDataObject,
	};
}
