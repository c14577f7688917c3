import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { revokeJson } from '../../../kit/issuing/credential-output';
import { updateDisplayOptions } from '../../../kit/display-options';
import { optionalText } from '../../../kit/text';
import type { CertifierRun } from '../context';
import { credentialIdOf, credentialIdProperty } from './common';

const properties: INodeProperties[] = [
	credentialIdProperty,
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: 'Issued in error',
		description:
			'Certifier has no revocation reason: it is returned in the output for your records (e.g. the ledger)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['expire'] } },
	properties,
);

/**
 * Certifier has no revoke: setting the expiry date to today keeps the record and shows the
 * credential as expired. A credential already expired is left alone (alreadyDone: true).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CertifierRun,
): Promise<IDataObject> {
	const credentialId = credentialIdOf.call(this, itemIndex);
	const reason = optionalText(this.getNodeParameter('reason', itemIndex, ''));
	const client = await run.client();
	const outcome = await client.revoke({ credentialId, method: 'expire' });
	return revokeJson(outcome, reason ? { reason } : {});
}
