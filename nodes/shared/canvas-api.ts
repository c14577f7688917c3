import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';

import { CanvasApiError, CanvasRestClient } from '../credentialing/lms';
import { TransportFailure } from '../credentialing/platforms/transport/http-transport';
import { n8nTransport } from './n8n-transport';

type Context = IPollFunctions | ILoadOptionsFunctions | IWebhookFunctions;

/** A Canvas REST client whose requests get the Bearer token from the credential's authenticate. */
export async function canvasClient(this: Context): Promise<CanvasRestClient> {
	const credentials = await this.getCredentials<{ baseUrl?: string }>('canvasApi');
	const baseUrl = String(credentials.baseUrl ?? '').trim();
	if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
		throw new NodeOperationError(
			this.getNode(),
			'The Canvas API credential has no usable Canvas URL: set it to the site root, e.g. https://school.instructure.com',
		);
	}
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
	if (error instanceof TransportFailure) {
		return new NodeApiError(this.getNode(), { message: error.message } as JsonObject, {
			message: `Could not reach Canvas: ${error.message}`,
			description: "Check the Canvas API credential's Canvas URL and that the site is up",
		});
	}
	return error as Error;
}
