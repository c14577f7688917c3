import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';

import { TransportFailure } from '../../core/integrations/platforms/transport/http-transport';

export type LmsApiContext =
	| IExecuteFunctions
	| IPollFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions;

/** How an LMS API credential names its site, for messages that point at the right field. */
export interface LmsSite {
	/** The LMS, e.g. "Canvas". */
	lms: string;
	credentialType: string;
	/** The credential's URL field as the user sees it, e.g. "Site URL". */
	urlField: string;
	example: string;
}

/** The credential's site root, or an error naming the field and an example. */
export async function siteUrlOf(this: LmsApiContext, site: LmsSite): Promise<string> {
	const credentials = await this.getCredentials<{ baseUrl?: string }>(site.credentialType);
	const baseUrl = String(credentials.baseUrl ?? '').trim();
	if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
		throw new NodeOperationError(
			this.getNode(),
			`The ${site.lms} API credential has no usable ${site.urlField}: set it to the site root, e.g. ${site.example}`,
		);
	}
	return baseUrl;
}

/** "No response" from the LMS as a node error that says what to check; other errors pass. */
export function unreachableSiteError(this: LmsApiContext, site: LmsSite, error: unknown): Error {
	if (!(error instanceof TransportFailure)) return error as Error;
	return new NodeApiError(this.getNode(), { message: error.message } as JsonObject, {
		message: `Could not reach ${site.lms}: ${error.message}`,
		description: `Check the ${site.lms} API credential's ${site.urlField} and that the site is up`,
	});
}
