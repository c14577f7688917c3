/**
 * Canvas REST errors as typed errors with the sentence that tells the user what to change.
 * Shapes [facts sheet §2.5]: 401 `{"errors":[{"message":"Invalid access token."}]}`, 403
 * "Rate Limit Exceeded" (throttling, text body) or `{"status":"unauthorized",...}` (permission),
 * 400 `{"error":{"message":...}}` for CourseProgress in courses that are not module based.
 */
export type CanvasErrorKind =
	| 'unauthorized'
	| 'forbidden'
	| 'throttled'
	| 'not_found'
	| 'not_module_based'
	| 'bad_request'
	| 'server'
	| 'unexpected';

export class CanvasApiError extends Error {
	readonly kind: CanvasErrorKind;
	/** HTTP status (0 when the answer was unusable rather than an error status). */
	readonly status: number;
	/** What was asked, e.g. "the enrollments of course 565" (never a URL: it may carry a token). */
	readonly what: string;
	/** Canvas's own message, when it sent one. */
	readonly canvasMessage?: string;
	readonly fix: string;

	constructor(fields: {
		kind: CanvasErrorKind;
		status: number;
		what: string;
		canvasMessage?: string;
	}) {
		const said = fields.canvasMessage ? `: ${fields.canvasMessage}` : '';
		super(
			fields.status > 0
				? `Canvas answered ${fields.what} with HTTP ${fields.status}${said}`
				: `Canvas answered ${fields.what} with something unexpected${said}`,
		);
		this.name = 'CanvasApiError';
		this.kind = fields.kind;
		this.status = fields.status;
		this.what = fields.what;
		this.canvasMessage = fields.canvasMessage;
		this.fix = canvasFixFor(fields.kind);
	}
}

export function canvasFixFor(kind: CanvasErrorKind): string {
	switch (kind) {
		case 'unauthorized':
			return 'Check the access token in the Canvas API credential (Account → Settings → Approved Integrations → + New Access Token): it may have expired, been deleted, or belong to another Canvas site';
		case 'forbidden':
			return "The token's user may not read this: use a token of a teacher in the course or of an admin (it must see enrollments, grades and module progress)";
		case 'throttled':
			return 'Canvas kept throttling the token (403 Rate Limit Exceeded) after retries: poll less often, watch fewer courses, or give this workflow a token no other integration shares';
		case 'not_found':
			return "Check the course id (the number after /courses/ in the course's address) and that the token's user can see the course";
		case 'not_module_based':
			return "Canvas records completion only in courses with module requirements: add requirements to the course's modules (Modules → Edit → Add requirement), or leave the course out";
		case 'bad_request':
			return 'Canvas refused the request parameters: check the course ids (whole numbers)';
		case 'server':
			return 'Canvas had a problem answering; the next poll asks again. If it persists, check the Canvas status page';
		case 'unexpected':
			return 'Check the Canvas URL in the Canvas API credential: it must be the site root (e.g. https://school.instructure.com), without /api/v1';
	}
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first message of any Canvas error body: errors[].message, error.message, message, text. */
export function canvasMessageOf(body: unknown): string | undefined {
	let message: unknown;
	if (isObject(body)) {
		const list = Array.isArray(body.errors) ? body.errors : undefined;
		if (list && isObject(list[0])) message = list[0].message;
		else if (isObject(body.error)) message = body.error.message;
		else if (typeof body.error === 'string') message = body.error;
		else message = body.message;
	} else if (typeof body === 'string') {
		// Text answers are short ("403 Forbidden (Rate Limit Exceeded)"); HTML pages are not shown.
		message = body.trim().startsWith('<') ? undefined : body.trim().slice(0, 200);
	}
	return typeof message === 'string' && message.trim() !== '' ? message.trim() : undefined;
}

/** True for Canvas's throttling answer (403 with "Rate Limit Exceeded" or no budget left). */
export function isThrottled(status: number, headers: Record<string, string>, body: unknown) {
	if (status !== 403) return false;
	if (/rate limit exceeded/i.test(canvasMessageOf(body) ?? '')) return true;
	const remaining = Number(headerOf(headers, 'x-rate-limit-remaining'));
	return headerOf(headers, 'x-rate-limit-remaining') !== undefined && remaining <= 0;
}

/** A header by name, whatever case the transport kept. */
export function headerOf(headers: Record<string, string>, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted) return value;
	}
	return undefined;
}

/** Maps one non-2xx answer to its typed error. */
export function canvasErrorFor(
	what: string,
	status: number,
	headers: Record<string, string>,
	body: unknown,
): CanvasApiError {
	const canvasMessage = canvasMessageOf(body);
	let kind: CanvasErrorKind;
	if (status === 401) kind = 'unauthorized';
	else if (isThrottled(status, headers, body)) kind = 'throttled';
	else if (status === 403) kind = 'forbidden';
	else if (status === 404) kind = 'not_found';
	else if (status === 400 && /not module based/i.test(canvasMessage ?? ''))
		kind = 'not_module_based';
	else if (status === 400 || status === 422) kind = 'bad_request';
	else if (status >= 500) kind = 'server';
	else kind = 'unexpected';
	return new CanvasApiError({ kind, status, what, canvasMessage });
}
