/**
 * The seam between the platform clients and whatever sends HTTP: n8n's
 * httpRequestWithAuthentication inside a node, axios everywhere else. A transport returns every
 * HTTP status as a response (the clients interpret 4xx/5xx themselves) and throws only when no
 * response arrived, as a TransportFailure.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean;

export interface HttpRequest {
	method: HttpMethod;
	/** Absolute URL without the query string. */
	url: string;
	headers: Record<string, string>;
	qs: Record<string, QueryValue>;
	/** Sent as JSON when present. */
	body?: unknown;
	timeoutMs: number;
}

export interface HttpResponse {
	status: number;
	/** Header names in lower case. */
	headers: Record<string, string>;
	/** Parsed JSON, or the text when the body is not JSON, or undefined when empty. */
	body: unknown;
}

export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

export type TransportFailureKind = 'timeout' | 'network';

/** No response: the request timed out or the connection failed. Both are worth a retry. */
export class TransportFailure extends Error {
	readonly kind: TransportFailureKind;
	/** The system error code when there was one (ECONNREFUSED, ECONNRESET, ETIMEDOUT...). */
	readonly code?: string;

	constructor(kind: TransportFailureKind, message: string, code?: string) {
		super(message);
		this.name = 'TransportFailure';
		this.kind = kind;
		this.code = code;
	}
}

const TIMEOUT_CODES = new Set([
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'UND_ERR_HEADERS_TIMEOUT',
]);
const NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

/**
 * Turns an error thrown by an HTTP library into a TransportFailure when it means "no response"
 * (timeouts, refused or reset connections, also when wrapped in `cause`); anything else (a bug,
 * a bad URL) is returned unchanged. Adapters call it in their catch block.
 */
export function classifyTransportError(error: unknown): unknown {
	if (error instanceof TransportFailure) return error;
	for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
		const code = (current as { code?: unknown }).code;
		const message = String((current as { message?: unknown }).message ?? '');
		if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
			return new TransportFailure('timeout', 'no response before the timeout', code);
		}
		if (typeof code === 'string' && NETWORK_CODES.has(code)) {
			return new TransportFailure('network', `connection failed (${code})`, code);
		}
		if (/timeout|timed out/i.test(message)) {
			return new TransportFailure('timeout', 'no response before the timeout');
		}
		if (/socket hang up/i.test(message)) {
			return new TransportFailure('network', 'connection closed before a response', 'ECONNRESET');
		}
		current = (current as { cause?: unknown }).cause;
	}
	return error;
}

/** Reads a response body: JSON when it parses, else the text; undefined when empty. */
export function parseResponseText(text: string | undefined): unknown {
	if (text === undefined || text.trim() === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** Header map with lower-case names and string values (arrays joined as HTTP does). */
export function normaliseHeaders(headers: Record<string, unknown>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined || value === null) continue;
		out[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
	}
	return out;
}
