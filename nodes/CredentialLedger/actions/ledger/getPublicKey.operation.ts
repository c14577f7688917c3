import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OpenedLedger } from '../../transport/open-ledger';

export async function execute(
	this: IExecuteFunctions,
	opened: OpenedLedger,
): Promise<{ json: IDataObject }> {
	const { signer, publicKeyPem } = opened.key;
	if (!publicKeyPem) {
		throw new NodeOperationError(
			this.getNode(),
			'The signing credential uses HMAC-SHA256, which has no public key',
			{
				description:
					'Auditors can only check HMAC signatures with the secret itself. To let them verify exports on their own, switch the credential to Ed25519 under a new Key ID (keep the HMAC key under Retired Keys).',
			},
		);
	}
	return { json: { algorithm: signer.algorithm, keyId: signer.keyId, publicKeyPem } };
}
