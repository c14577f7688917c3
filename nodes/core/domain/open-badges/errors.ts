export type OpenBadgeErrorCode =
	/** A field of the request is missing or malformed; `field` names it and the message the fix. */
	| 'invalid_input'
	/** The issuer key cannot be used. Never carries key material. */
	| 'invalid_issuer_key'
	/** No credential with this id in the ledger. */
	| 'unknown_credential'
	/** The request does not fit the credential's status (e.g. revoking twice). */
	| 'invalid_state';

/** The one error the Open Badge code throws on purpose: a field, a reason and the fix. */
export class OpenBadgeError extends Error {
	readonly code: OpenBadgeErrorCode;
	readonly field: string;

	constructor(code: OpenBadgeErrorCode, field: string, message: string) {
		super(message);
		this.name = 'OpenBadgeError';
		this.code = code;
		this.field = field;
	}
}

export function isOpenBadgeError(error: unknown): error is OpenBadgeError {
	return error instanceof OpenBadgeError;
}

export function invalidField(field: string, message: string): OpenBadgeError {
	return new OpenBadgeError('invalid_input', field, `${field}: ${message}`);
}
