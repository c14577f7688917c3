import type { CompletionEvent } from '../../domain/model/completion-event';

/** Why a delivery was refused. The trigger maps each reason to an HTTP status. */
export type LmsRejectReason =
	| 'missing_signature'
	| 'bad_signature'
	| 'stale_signature'
	| 'unknown_key'
	/** The credential holds no secret: nothing can be verified, so every delivery is refused. */
	| 'secret_not_configured'
	| 'foreign_account'
	| 'keys_unavailable'
	| 'empty_body'
	| 'malformed_json'
	| 'unsupported_content_type'
	| 'wrong_type'
	| 'missing_field'
	| 'unknown_event'
	/** A key such as __proto__ that must never become an object key (see safe-keys). */
	| 'reserved_key';

export interface LmsReject {
	ok: false;
	reason: LmsRejectReason;
	/** The payload field (dot path) or header at fault; "(body)" for the whole body. */
	field: string;
	message: string;
}

/** A normalised completion and its identity (source|learner|course|completedAt). */
export interface KeyedCompletion {
	businessKey: string;
	event: CompletionEvent;
}

export type NormaliseResult = { ok: true; completions: KeyedCompletion[] } | LmsReject;
export type CheckResult = { ok: true } | LmsReject;

export function reject(reason: LmsRejectReason, field: string, message: string): LmsReject {
	return { ok: false, reason, field, message };
}

/**
 * 401 for authenticity problems, 403 for an authentic delivery from a sender this trigger does not
 * accept, 415 for a body we cannot read, 422 for a readable but unusable one, 503 when the
 * trigger cannot check authenticity itself (keys unavailable): the sender should retry.
 */
export function httpStatusFor(reason: LmsRejectReason): number {
	switch (reason) {
		case 'missing_signature':
		case 'bad_signature':
		case 'stale_signature':
		case 'unknown_key':
		case 'secret_not_configured':
			return 401;
		case 'foreign_account':
			return 403;
		case 'keys_unavailable':
			return 503;
		case 'unsupported_content_type':
			return 415;
		case 'empty_body':
		case 'malformed_json':
			return 400;
		default:
			return 422;
	}
}
