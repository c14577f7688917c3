import axios, { type AxiosInstance } from 'axios';

import {
	TransportFailure,
	classifyTransportError,
	normaliseHeaders,
	parseResponseText,
	type HttpTransport,
} from './http-transport';

/**
 * The transport used outside n8n (benchmarks, tests, scripts). Every status comes back as a
 * response; the body is read as text and parsed here so a plain-text answer (Accredible's
 * "HTTP Token: Access denied.") survives.
 */
export function createAxiosTransport(instance: AxiosInstance = axios.create()): HttpTransport {
	return async (request) => {
		try {
			const response = await instance.request<string>({
				method: request.method,
				url: request.url,
				headers: {
					Accept: 'application/json',
					...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
					...request.headers,
				},
				params: request.qs,
				data: request.body === undefined ? undefined : JSON.stringify(request.body),
				timeout: request.timeoutMs,
				responseType: 'text',
				transformResponse: [(data: unknown) => data],
				validateStatus: () => true,
				// A redirect to another host would carry the Authorization header along.
				maxRedirects: 0,
				transitional: { clarifyTimeoutError: true },
			});
			return {
				status: response.status,
				headers: normaliseHeaders(response.headers as Record<string, unknown>),
				body: parseResponseText(typeof response.data === 'string' ? response.data : undefined),
			};
		} catch (error) {
			const classified = classifyTransportError(error);
			if (classified instanceof TransportFailure) throw classified;
			// Axios errors carry the request config, headers included: pass on the message only.
			throw new Error(`HTTP request failed: ${(error as Error).message}`);
		}
	};
}
