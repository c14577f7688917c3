import { canonicalJson, sha256Hex } from '../canonical';
import { invalidInput } from './errors';

export interface IdempotencyKeyParts {
	learnerId: string;
	templateId: string;
	courseId: string;
	/** What identifies this completion: its business key or the completion time. */
	completion: string;
}

/** `prefix` + the hash of the named parts, each non-empty text, or invalid_input naming them. */
function hashedKey<T extends object>(
	prefix: string,
	parts: T,
	names: ReadonlyArray<keyof T & string>,
) {
	const issues = names
		.filter((name) => typeof parts[name] !== 'string' || (parts[name] as string).trim() === '')
		.map((name) => ({ path: name, message: 'missing; expected non-empty text' }));
	if (issues.length > 0) throw invalidInput('idempotency key parts', issues);
	const picked = Object.fromEntries(names.map((name) => [name, parts[name]]));
	return `${prefix}${sha256Hex(canonicalJson(picked))}`;
}

/**
 * The default idempotency key: learner + credential template + course + completion, hashed so
 * the key (which stays on the public chain) never spells out an email or a name used as an id.
 */
export function deriveIdempotencyKey(parts: IdempotencyKeyParts): string {
	return hashedKey('ik_', parts, ['learnerId', 'templateId', 'courseId', 'completion']);
}

/**
 * The key of an attendee's CPE certificate for one event: one credential per attendee and event,
 * however often the event is run again. Hashed like the default key, so an e-mail used as
 * attendee id never appears on the chain.
 */
export function deriveAttendeeEventKey(parts: { attendeeId: string; eventId: string }): string {
	return hashedKey('cpe_', parts, ['attendeeId', 'eventId']);
}
