import { NodeOperationError } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import {
	TransportFailure,
	classifyTransportError,
	normaliseHeaders,
	parseResponseText,
	type HttpTransport,
} from '../core/integrations/platforms/transport/http-transport';

type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IPollFunctions
	| IWebhookFunctions;

interface FullResponse {
	statusCode?: number;
	status?: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

function readBody(body: unknown): unknown {
	if (body === undefined || body === null || body === '') return undefined;
	if (Buffer.isBuffer(body)) return parseResponseText(body.toString('utf8'));
	if (typeof body === 'string') return parseResponseText(body);
	return body;
}

/**
 * n8n 1.x wraps "no response" errors in a NodeApiError that keeps only the code (in httpCode,
 * e.g. ECONNABORTED) and the library's messages ("timeout of 1000ms exceeded").
 */
function n8nErrorDetails(error: unknown): { code?: unknown; message: string } {
	const wrapped = error as { httpCode?: unknown; messages?: unknown };
	const messages = Array.isArray(wrapped?.messages) ? wrapped.messages.map(String) : [];
	return { code: wrapped?.httpCode, message: messages.join('; ') };
}

/**
 * The platform clients' HTTP seam inside n8n: requests go through
 * `httpRequestWithAuthentication`, so the credential type's `authenticate` adds the key, n8n's
 * proxy settings apply, and the key never passes through our code. Every status comes back as a
 * response (the clients read 4xx/5xx themselves); no response at all becomes a TransportFailure.
 */
export function n8nTransport(context: RequestContext, credentialType: string): HttpTransport {
	return async (request) => {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			headers: {
				Accept: 'application/json',
				...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
				...request.headers,
			},
			qs: request.qs,
			body: request.body === undefined ? undefined : (request.body as IHttpRequestOptions['body']),
			json: request.body !== undefined,
			timeout: request.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// A redirect to another host would carry the Authorization header along.
			disableFollowRedirect: true,
		};
		let response: FullResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				credentialType,
				options,
			)) as FullResponse;
		} catch (error) {
			const classified = classifyTransportError(error);
			if (classified instanceof TransportFailure) throw classified;
			const wrapped = classifyTransportError(n8nErrorDetails(error));
			if (wrapped instanceof TransportFailure) throw wrapped;
			// n8n's request errors can carry the request options, headers included: keep the message only.
			throw new NodeOperationError(
				context.getNode(),
				`HTTP request failed: ${(error as Error).message}`,
			);
		}
		return {
			status: Number(response.statusCode ?? response.status ?? 0),
			headers: normaliseHeaders(response.headers ?? {}),
			body: readBody(response.body),
		};
	};
}
