import type { ValidationIssue } from '../../domain/rules/issues';
import { PLATFORM_LABELS, type PlatformName } from './types';

export type PlatformErrorCode =
	/** The request failed our own validation; `issues` names every bad field. Nothing was sent. */
	| 'invalid_request'
	/** No template is mapped for this course. */
	| 'missing_template_mapping'
	| 'template_not_found'
	/** Archived or draft template: the platform refuses to issue from it. */
	| 'template_archived'
	/** The platform refused a field; `field` names it when the platform did. */
	| 'validation_error'
	| 'unauthorized'
	| 'token_expired'
	| 'forbidden'
	/** Accredible: out of credits, the credential was created but not published. */
	| 'no_credits'
	/** Certifier 402: a premium-only feature. */
	| 'payment_required'
	| 'not_found'
	/** The credential's state does not allow the change (e.g. issuing a sent Certifier credential). */
	| 'invalid_state'
	| 'rate_limited'
	| 'server_error'
	| 'timeout'
	| 'network'
	/** A 2xx answer we cannot read. */
	| 'unexpected_response';

const RETRYABLE: ReadonlySet<PlatformErrorCode> = new Set([
	'rate_limited',
	'server_error',
	'timeout',
	'network',
]);

export type ErrorDetail = string | number | boolean | null;

export interface PlatformErrorOptions {
	/** What to do about it, in one sentence. */
	fix: string;
	status?: number;
	field?: string;
	issues?: ValidationIssue[];
	retryAfterMs?: number;
	details?: Record<string, ErrorDetail>;
	cause?: unknown;
}

/**
 * The one error type the platform clients throw. The message names the cause and the fix; it
 * never contains request headers, so keys and tokens cannot leak through it.
 */
export class PlatformError extends Error {
	readonly code: PlatformErrorCode;
	readonly platform: PlatformName;
	readonly retryable: boolean;
	readonly fix: string;
	readonly status?: number;
	readonly field?: string;
	readonly issues: ValidationIssue[];
	readonly retryAfterMs?: number;
	readonly details: Record<string, ErrorDetail>;
	readonly cause?: unknown;

	constructor(
		platform: PlatformName,
		code: PlatformErrorCode,
		cause: string,
		options: PlatformErrorOptions,
	) {
		super(`${PLATFORM_LABELS[platform]}: ${cause} ${options.fix}`);
		this.name = 'PlatformError';
		this.platform = platform;
		this.code = code;
		this.retryable = RETRYABLE.has(code);
		this.fix = options.fix;
		this.status = options.status;
		this.field = options.field;
		this.issues = options.issues ?? [];
		this.retryAfterMs = options.retryAfterMs;
		this.details = options.details ?? {};
		if (options.cause !== undefined) this.cause = options.cause;
	}
}

export function isPlatformError(error: unknown, code?: PlatformErrorCode): error is PlatformError {
	return error instanceof PlatformError && (code === undefined || error.code === code);
}

/** Ends a sentence cut from a platform message so the fix reads as the next sentence. */
export function sentence(text: string): string {
	const trimmed = text.trim();
	return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
