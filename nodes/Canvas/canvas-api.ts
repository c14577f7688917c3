import { NodeApiError } from 'n8n-workflow';

import { CanvasApiError, CanvasRestClient } from '../core/integrations/lms';
import { siteUrlOf, unreachableSiteError, type LmsApiContext, type LmsSite } from '../kit/lms/site';
import { n8nTransport } from '../kit/n8n-transport';

type Context = LmsApiContext;

const SITE: LmsSite = {
	lms: 'Canvas',
	credentialType: 'canvasApi',
	urlField: 'Canvas URL',
	example: 'https://school.instructure.com',
};

/** A Canvas REST client whose requests get the Bearer token from the credential's authenticate. */
export async function canvasClient(this: Context): Promise<CanvasRestClient> {
	const baseUrl = await siteUrlOf.call(this, SITE);
	return new CanvasRestClient({ transport: n8nTransport(this, 'canvasApi'), baseUrl });
}

/** Canvas's typed errors and "no response" as node errors that name the problem and the fix. */
export function canvasNodeError(this: Context, error: unknown): Error {
	if (error instanceof CanvasApiError) {
		return new NodeApiError(
			this.getNode(),
			{ kind: error.kind, status: error.status, message: error.canvasMessage ?? '' },
			{ message: error.message, description: error.fix, httpCode: String(error.status || '') },
		);
	}
	return unreachableSiteError.call(this, SITE, error);
}
