import { asArray, asRecord } from '../client-options';
import { PlatformError, sentence } from '../errors';
import { genericFailure } from '../http/failures';
import type { ApiRequest } from '../http/platform-http';
import type { RateLimit } from '../resilience/rate-limiter';
import type { HttpResponse } from '../transport/http-transport';
import { templateNotFound } from '../template-mapping';

export type AccredibleRegion = 'us' | 'eu' | 'sandbox';

export const ACCREDIBLE_BASE_URLS: Record<AccredibleRegion, string> = {
	us: 'https://api.accredible.com',
	eu: 'https://eu.api.accredible.com',
	sandbox: 'https://sandbox.api.accredible.com',
};

/** Documented: 2000 requests per 5 minutes per IP. */
export const ACCREDIBLE_RATE_LIMIT: RateLimit = { requests: 2000, perMs: 300_000 };

/** The documented form; the service also accepts `Token KEY` and `Bearer KEY`. */
export function accredibleAuthorization(apiKey: string): string {
	return `Token token=${apiKey}`;
}

/**
 * Accredible's error bodies come in several shapes: plain text ("HTTP Token: Access denied."),
 * {errors: "text"}, {errors: {field: [messages]}}, v2 {errors|error: {code, message, details}}
 * and {success: false, data: "text"}. Returns the message and, when named, the field.
 */
export function accredibleMessage(body: unknown): {
	message?: string;
	field?: string;
	code?: string;
} {
	if (typeof body === 'string') return { message: body.trim() || undefined };
	const record = asRecord(body);
	if (!record) return {};
	const errors = record.errors ?? record.error;
	if (typeof errors === 'string') return { message: errors };
	const errorRecord = asRecord(errors);
	if (errorRecord) {
		if (typeof errorRecord.message === 'string') {
			const detail = asRecord(asArray(errorRecord.details)[0]);
			const field = typeof detail?.property === 'string' ? detail.property : undefined;
			const reason = detail?.message ?? detail?.reason;
			return {
				message: typeof reason === 'string' && field ? `${field} ${reason}` : errorRecord.message,
				field,
				code: typeof errorRecord.code === 'string' ? errorRecord.code : undefined,
			};
		}
		const [field, messages] = Object.entries(errorRecord)[0] ?? [];
		if (field) {
			const text =
				asArray(messages)
					.filter((m) => typeof m === 'string')
					.join(', ') || String(messages);
			return { message: `${field} ${text}`, field };
		}
	}
	if (record.success === false && typeof record.data === 'string') return { message: record.data };
	return {};
}

export function mapAccredibleFailure(response: HttpResponse, request: ApiRequest): PlatformError {
	const { message, field } = accredibleMessage(response.body);
	const said = message ? ` It said: ${sentence(message)}` : '';
	if (response.status === 401) {
		return new PlatformError(
			'accredible',
			'unauthorized',
			`the API key was refused while ${request.action}.${said}`,
			{
				fix: 'Check the API key (Accredible dashboard → Settings → API) and the region: US, EU and sandbox keys are not interchangeable.',
				status: 401,
			},
		);
	}
	if (response.status === 403) {
		return new PlatformError(
			'accredible',
			'forbidden',
			`access denied while ${request.action}.${said}`,
			{
				fix: 'Use an account-wide key, or a department key of the department that owns this group.',
				status: 403,
			},
		);
	}
	if (response.status === 422 && message && /invalid group/i.test(message)) {
		const groupId = groupIdOf(request.body);
		return templateNotFound('accredible', groupId ?? '?');
	}
	if (response.status === 422 || response.status === 400) {
		return new PlatformError(
			'accredible',
			'validation_error',
			`the request was refused while ${request.action}.${said}`,
			{
				fix: field ? `Correct ${field} and try again.` : 'Correct the request data and try again.',
				status: response.status,
				field,
			},
		);
	}
	return genericFailure('accredible', response, request.action, message);
}

/** Old clients check `success: false` inside 2xx answers; so do we. */
export function checkAccredibleSuccess(
	response: HttpResponse,
	request: ApiRequest,
): PlatformError | undefined {
	const record = asRecord(response.body);
	if (record?.success !== false) return undefined;
	return mapAccredibleFailure({ ...response, status: 422 }, request);
}

function groupIdOf(body: unknown): string | undefined {
	const credential = asRecord(asRecord(body)?.credential);
	const id = credential?.group_id;
	return typeof id === 'number' || typeof id === 'string' ? String(id) : undefined;
}
