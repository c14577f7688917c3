import { NodeOperationError } from 'n8n-workflow';
import type { IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';

import {
	TransportFailure,
	classifyTransportError,
	normaliseHeaders,
	parseResponseText,
	type HttpResponse,
	type HttpTransport,
} from '../core/integrations/platforms/transport/http-transport';

const readBody = (body: unknown): unknown =>
	Buffer.isBuffer(body)
		? parseResponseText(body.toString('utf8'))
		: typeof body === 'string'
			? parseResponseText(body)
			: (body ?? undefined);

/** The HTTP reply inside an error that n8n (NodeApiError) or axios threw, if there was one. */
function replyIn(error: unknown): HttpResponse | undefined {
	for (let current = error, depth = 0; current && depth < 5; depth++) {
		const { code, status, body, response } = current as {
			code?: unknown;
			status?: unknown;
			body?: unknown;
			response?: Record<string, unknown>;
		};
		// client-oauth2's ResponseError: the token endpoint answered with an error status.
		if (code === 'ESTATUS' && typeof status === 'number') {
			return { status, headers: {}, body: readBody(body) };
		}
		const replyStatus = Number(response?.status ?? response?.statusCode);
		if (response && Number.isInteger(replyStatus) && replyStatus > 0) {
			return {
				status: replyStatus,
				headers: normaliseHeaders((response.headers as Record<string, unknown>) ?? {}),
				body: readBody(response.data ?? response.body),
			};
		}
		current = (current as { cause?: unknown }).cause;
	}
	// n8n 1.x keeps only the status (httpCode) and the body (context.data) of the reply.
	const { httpCode, context } = error as { httpCode?: unknown; context?: { data?: unknown } };
	if (typeof httpCode === 'string' && /^\d{3}$/.test(httpCode)) {
		return { status: Number(httpCode), headers: {}, body: context?.data };
	}
	return undefined;
}

/** The OAuth2 error code when n8n could not get a token (client-oauth2's AuthError). */
function tokenRefusal(error: unknown): string | undefined {
	for (let current = error, depth = 0; current && depth < 5; depth++) {
		const { code, httpCode, body } = current as {
			code?: unknown;
			httpCode?: unknown;
			body?: { error?: unknown };
		};
		if (code === 'EAUTH' || httpCode === 'EAUTH')
			return typeof body?.error === 'string' ? body.error : 'refused';
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * Docebo calls through n8n's OAuth2 (client credentials). Unlike the shared n8n transport, HTTP
 * errors are NOT ignored: n8n fetches a fresh token only when the request throws a 401, so an
 * expired token must throw. The reply is then read back out of the error, so the client still
 * sees every status. The token never passes through this code.
 */
export function doceboTransport(context: IWebhookFunctions): HttpTransport {
	return async (request) => {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			headers: { Accept: 'application/json', ...request.headers },
			qs: request.qs,
			timeout: request.timeoutMs,
			returnFullResponse: true,
			// A redirect to another host would carry the Authorization header along.
			disableFollowRedirect: true,
		};
		try {
			const response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				'doceboOAuth2Api',
				options,
			)) as { statusCode?: number; headers?: Record<string, unknown>; body?: unknown };
			return {
				status: Number(response.statusCode ?? 200),
				headers: normaliseHeaders(response.headers ?? {}),
				body: readBody(response.body),
			};
		} catch (error) {
			const refusal = tokenRefusal(error);
			if (refusal) {
				throw new NodeOperationError(
					context.getNode(),
					`Docebo refused the API client when n8n asked for a token (${refusal}): check the client ID and secret in the Docebo OAuth2 API credential and that the API client is active`,
				);
			}
			const reply = replyIn(error);
			if (reply) return reply;
			const classified = classifyTransportError(error);
			if (classified instanceof TransportFailure) throw classified;
			// n8n's errors can carry the request options, Authorization included: keep no details.
			throw new NodeOperationError(
				context.getNode(),
				'The Docebo API request failed without a reply: check the site URL in the Docebo OAuth2 API credential',
			);
		}
	};
}
