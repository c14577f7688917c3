import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, ILoadOptionsFunctions, IWebhookFunctions } from 'n8n-workflow';

import { CredlyClient, credlyRateLimit, type RateLimit } from '../../core/integrations/platforms';
import { n8nTransport } from '../../kit/n8n-transport';

export const CREDLY_CREDENTIAL = 'credlyApi';

type CredlyContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions;

interface CredlyCredentialFields {
	environment?: string;
	baseUrl?: string;
	organizationId?: string;
	requestsPerMinute?: number | string;
}

/**
 * A Credly client whose requests go through n8n (the credential type adds the token). The rate
 * limit, the credential's Requests per Minute, is shared by every execution that uses the same
 * n8n credential (and by every worker in queue mode).
 */
export async function credlyClient(this: CredlyContext): Promise<CredlyClient> {
	const fields = (await this.getCredentials(CREDLY_CREDENTIAL)) as CredlyCredentialFields;
	const organizationId = String(fields.organizationId ?? '').trim();
	const custom = fields.environment === 'custom';
	const baseUrl = custom ? String(fields.baseUrl ?? '').trim() : undefined;
	if (!organizationId) {
		throw new NodeOperationError(this.getNode(), 'The Credly credential has no Organization ID', {
			description: 'Open the Credly credential and enter the UUID of your Credly organization.',
		});
	}
	if (custom && !baseUrl) {
		throw new NodeOperationError(this.getNode(), 'The Credly credential has no Base URL', {
			description:
				'The environment is "Custom Base URL": enter the base URL, or pick Production or Sandbox.',
		});
	}
	let rateLimit: RateLimit;
	try {
		rateLimit = credlyRateLimit(fields.requestsPerMinute);
	} catch (error) {
		throw new NodeOperationError(
			this.getNode(),
			"The Credly credential's Requests per Minute is invalid",
			{
				description: `Open the Credly credential: ${(error as Error).message}`,
			},
		);
	}
	const credentialId = this.getNode().credentials?.[CREDLY_CREDENTIAL]?.id;
	return new CredlyClient({
		transport: n8nTransport(this, CREDLY_CREDENTIAL),
		organizationId,
		environment: fields.environment === 'sandbox' ? 'sandbox' : 'production',
		baseUrl,
		rateLimit,
		rateLimiterKey: credentialId
			? `credly:${credentialId}`
			: `credly:${baseUrl ?? fields.environment ?? 'production'}:${organizationId}`,
	});
}
