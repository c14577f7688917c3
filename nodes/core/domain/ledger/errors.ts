import type { z } from 'zod';

import {
	receivedExpectedErrorMap,
	toValidationIssues,
	type ValidationIssue,
} from '../rules/issues';
import { nestingIssue, type JsonValue } from './json';

export type LedgerErrorCode =
	/** An argument failed validation; `issues` names every bad field. Nothing was written. */
	| 'invalid_input'
	/** The idempotency key has no entries (or no credential) in the ledger. */
	| 'unknown_key'
	/** The request does not fit the credential's current state (e.g. revoking twice). */
	| 'invalid_state'
	/** A signing or verification key could not be used. Never carries key material. */
	| 'invalid_signing_key'
	/**
	 * Private evidence cannot be encrypted or decrypted: a malformed or missing Evidence Encryption
	 * Key, or an altered ciphertext. Never carries key material or evidence.
	 */
	| 'evidence_key'
	/** The chain file ends in an incomplete line; see details.offset / details.seq. */
	| 'torn_tail'
	/** A stored line cannot be read; see details.offset / details.line. */
	| 'malformed_line'
	/** Another process held the ledger lock for longer than the configured wait. */
	| 'lock_timeout'
	/** The storage layer failed (disk full, permissions, lost connection...). */
	| 'store_failure';

/** The one error type the ledger throws on purpose; adapters map `code` and `issues` to node errors. */
export class LedgerError extends Error {
	readonly code: LedgerErrorCode;
	readonly issues: ValidationIssue[];
	readonly details: Record<string, JsonValue>;
	readonly cause?: unknown;

	constructor(
		code: LedgerErrorCode,
		message: string,
		options: {
			issues?: ValidationIssue[];
			details?: Record<string, JsonValue>;
			cause?: unknown;
		} = {},
	) {
		super(message);
		this.name = 'LedgerError';
		this.code = code;
		this.issues = options.issues ?? [];
		this.details = options.details ?? {};
		if (options.cause !== undefined) this.cause = options.cause;
	}
}

/** A store_failure naming the operation and the system error code (never paths or contents). */
export function storeFailure(what: string, error: unknown): LedgerError {
	const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
	return new LedgerError('store_failure', `${what} (${code})`, { cause: error });
}

export function isLedgerError(error: unknown, code?: LedgerErrorCode): error is LedgerError {
	return error instanceof LedgerError && (code === undefined || error.code === code);
}

/** An invalid_input error whose message starts with the first bad field, prefixed by `where`. */
export function invalidInput(what: string, issues: ValidationIssue[], where = ''): LedgerError {
	const prefixed = issues.map((issue) => ({
		path: where && issue.path ? `${where}.${issue.path}` : where || issue.path,
		message: issue.message,
	}));
	// A misspelt field also shows up as a missing one; the spelling hint is the more useful lead.
	const first = prefixed.find((issue) => issue.message.includes('did you mean')) ?? prefixed[0];
	const message = first
		? `Invalid ${what}: ${first.path || '(root)'}: ${first.message}`
		: `Invalid ${what}`;
	return new LedgerError('invalid_input', message, { issues: prefixed });
}

/** Parses with the project's "received ...; expected ..." messages, or throws invalid_input. */
export function parseOrThrow<S extends z.ZodTypeAny>(
	schema: S,
	value: unknown,
	what: string,
	where = '',
): z.output<S> {
	const tooDeep = nestingIssue(value);
	if (tooDeep) throw invalidInput(what, [tooDeep], where);
	const result = schema.safeParse(value, { errorMap: receivedExpectedErrorMap });
	if (result.success) return result.data as z.output<S>;
	throw invalidInput(what, toValidationIssues(result.error, schema), where);
}
