import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { CredentialLedger } from '../../../core/domain/ledger';
import { verificationResponse } from '../../../core/domain/verification';
import { forOperation } from '../../helpers/display-options';
import { forEachItem } from '../../helpers/items';

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
];

export const description = forOperation('credential', 'publicStatus', properties);

/**
 * The public answer for a certificate ID, for verification pages: status and public fields
 * only, and the page or JSON to answer with. A malformed or unknown ID is an answer (status
 * malformed or unknown, HTTP 400 or 404), not an error.
 */
export async function execute(
	this: IExecuteFunctions,
	ledger: CredentialLedger,
): Promise<INodeExecutionData[][]> {
	return await forEachItem.call(this, 1, 0, async (itemIndex, item) => {
		const view = await ledger.publicStatus({
			certificateId: this.getNodeParameter('certificateId', itemIndex, ''),
			platform: String(this.getNodeParameter('publicPlatform', itemIndex, '') ?? '').trim(),
		});
		const response = verificationResponse(
			view,
			this.getNodeParameter('acceptHeader', itemIndex, ''),
		);
		return {
			output: 0,
			json: {
				...item.json,
				publicStatus: view as unknown as IDataObject,
				response: response as unknown as IDataObject,
			},
		};
	});
}
