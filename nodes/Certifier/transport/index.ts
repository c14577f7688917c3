import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, ILoadOptionsFunctions, IWebhookFunctions } from 'n8n-workflow';

import { CertifierClient } from '../../core/integrations/platforms';
import { n8nTransport } from '../../kit/n8n-transport';

export const CERTIFIER_CREDENTIAL = 'certifierApi';

type CertifierContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions;

/**
 * three-step: draft, issue, send (a retry after a lost answer finds the draft and finishes it);
 * single-call: create-issue-send. Both look the recipient up first.
 */
export type CertifierFlow = 'three-step' | 'single-call';

/**
 * A Certifier client whose requests go through n8n (the credential type adds the token and the
 * Certifier-Version header). The rate limit is shared per n8n credential.
 */
export async function certifierClient(
	this: CertifierContext,
	flow: CertifierFlow = 'three-step',
): Promise<CertifierClient> {
	const fields = (await this.getCredentials(CERTIFIER_CREDENTIAL)) as { baseUrl?: string };
	const baseUrl = String(fields.baseUrl ?? '').trim();
	if (!baseUrl) {
		throw new NodeOperationError(this.getNode(), 'The Certifier credential has no Base URL', {
			description:
				'Open the Certifier credential and enter https://api.certifier.io (the default).',
		});
	}
	const credentialId = this.getNode().credentials?.[CERTIFIER_CREDENTIAL]?.id;
	return new CertifierClient({
		transport: n8nTransport(this, CERTIFIER_CREDENTIAL),
		baseUrl,
		flow,
		rateLimiterKey: credentialId ? `certifier:${credentialId}` : `certifier:${baseUrl}`,
	});
}
