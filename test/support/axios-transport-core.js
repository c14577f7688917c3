'use strict';
// The HTTP transport used outside n8n (tests, benchmarks): axios, a development dependency, so it
// lives with the test support and never ships in the package. Plain JavaScript so the benchmarks
// (which load the compiled package) and the tests (which load the TypeScript sources) share it:
// each passes in the package's http-transport module it has.
const axios = require('axios');

/**
 * Every status comes back as a response; the body is read as text and parsed by the package's own
 * parser so a plain-text answer (Accredible's "HTTP Token: Access denied.") survives.
 */
function axiosTransportOver(http, instance = axios.create()) {
	return async (request) => {
		try {
			const response = await instance.request({
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
				transformResponse: [(data) => data],
				validateStatus: () => true,
				// A redirect to another host would carry the Authorization header along.
				maxRedirects: 0,
				transitional: { clarifyTimeoutError: true },
			});
			return {
				status: response.status,
				headers: http.normaliseHeaders(response.headers),
				body: http.parseResponseText(typeof response.data === 'string' ? response.data : undefined),
			};
		} catch (error) {
			const classified = http.classifyTransportError(error);
			if (classified instanceof http.TransportFailure) throw classified;
			// Axios errors carry the request config, headers included: pass on the message only.
			throw new Error(`HTTP request failed: ${error.message}`);
		}
	};
}

module.exports = { axiosTransportOver };
