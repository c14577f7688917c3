import type { CompletionEvent } from '../../domain/model/completion-event';
import {
	CompletionEventSchema,
	completionBusinessKey,
	parseIsoInstant,
} from '../../domain/model/completion-event';
import { findReservedKey, reservedKeyMessage } from '../../domain/safe-keys';
import type { KeyedCompletion, LmsReject } from './result';
import { reject } from './result';

export type Value<T> = { ok: true; value: T } | LmsReject;
type Obj = Record<string, unknown>;

export const isObject = (value: unknown): value is Obj =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Raw bytes as n8n hands them over (Buffer) or a string; undefined when the body was empty. */
export function bodyText(raw: Buffer | string | undefined): string {
	if (raw === undefined) return '';
	return typeof raw === 'string' ? raw : raw.toString('utf8');
}

/**
 * Parses a JSON body. Form-encoded bodies are refused with a message that says what to change:
 * a parsed form loses types and nesting, so the payload would not be the one the LMS signed.
 */
export function parseJsonBody(text: string, contentType: string | undefined): Value<unknown> {
	if (text.trim() === '') return reject('empty_body', '(body)', 'The request body is empty');
	if ((contentType ?? '').toLowerCase().includes('application/x-www-form-urlencoded')) {
		return reject(
			'unsupported_content_type',
			'content-type',
			'The body is form-encoded; configure the LMS webhook to send JSON (application/json)',
		);
	}
	let value: unknown;
	try {
		value = JSON.parse(text) as unknown;
	} catch (error) {
		return reject(
			'malformed_json',
			'(body)',
			`The body is not valid JSON (${(error as Error).message})`,
		);
	}
	return refuseReservedKeys(value);
}

/** Refuses a parsed body with a key such as __proto__, naming the field (see safe-keys). */
export function refuseReservedKeys<T>(value: T): Value<T> {
	const field = findReservedKey(value);
	return field === undefined
		? { ok: true, value }
		: reject('reserved_key', field, reservedKeyMessage(field));
}

/** Reads a dot path; numbers in the path index arrays. */
export function at(root: unknown, path: string): unknown {
	let current: unknown = root;
	for (const part of path.split('.')) {
		if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
		else if (isObject(current)) current = current[part];
		else return undefined;
	}
	return current;
}

/** An id the LMS may send as a number or a string; always returned as a string. */
export function idAt(root: unknown, path: string, what: string): Value<string> {
	const value = at(root, path);
	if (value === undefined || value === null || value === '') {
		return reject('missing_field', path, `${what} is missing (field "${path}")`);
	}
	if (typeof value === 'number' && Number.isFinite(value))
		return { ok: true, value: String(value) };
	if (typeof value === 'string' && value.trim() !== '') return { ok: true, value: value.trim() };
	return reject(
		'wrong_type',
		path,
		`${what} must be a string or number (field "${path}" is ${describe(value)})`,
	);
}

/** An optional text field: undefined when absent or empty, never a wrong-type failure. */
export function optionalText(root: unknown, path: string): string | undefined {
	const value = at(root, path);
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** ISO-8601 with Z or an offset → UTC. Naive times are refused: they would shift dates. */
export function utcFromIso(root: unknown, path: string): Value<string> {
	const value = at(root, path);
	if (value === undefined || value === null || value === '') {
		return reject('missing_field', path, `The completion time is missing (field "${path}")`);
	}
	const instant = typeof value === 'string' ? parseIsoInstant(value) : undefined;
	if (instant === undefined) {
		return reject(
			'wrong_type',
			path,
			`Field "${path}" must be an ISO-8601 time with Z or an offset, got ${describe(value)}`,
		);
	}
	return { ok: true, value: new Date(instant).toISOString() };
}

/** Unix seconds (number or numeric string, as Moodle and TalentLMS send them) → UTC. */
export function utcFromUnixSeconds(root: unknown, path: string): Value<string> {
	const value = at(root, path);
	if (value === undefined || value === null || value === '') {
		return reject('missing_field', path, `The completion time is missing (field "${path}")`);
	}
	const seconds = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
	if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds <= 0) {
		return reject(
			'wrong_type',
			path,
			`Field "${path}" must be unix seconds, got ${describe(value)}`,
		);
	}
	return { ok: true, value: new Date(seconds * 1000).toISOString() };
}

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** "YYYY-MM-DD HH:MM:SS" with no zone, read as UTC (Docebo); ISO with a zone is accepted too. */
export function utcFromNaiveUtc(root: unknown, path: string): Value<string> {
	const value = at(root, path);
	if (typeof value === 'string' && NAIVE.test(value.trim())) {
		const instant = parseIsoInstant(value.trim().replace(' ', 'T') + 'Z');
		if (instant === undefined) {
			return reject('wrong_type', path, `Field "${path}" is not a real date and time: "${value}"`);
		}
		return { ok: true, value: new Date(instant).toISOString() };
	}
	return utcFromIso(root, path);
}

/** Validates against the CompletionEvent contract and adds the business key. */
export function keyed(event: CompletionEvent): Value<KeyedCompletion> {
	const parsed = CompletionEventSchema.safeParse(event);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const path = issue.path.join('.');
		return reject('wrong_type', path, `Field "${path}" ${issue.message}`);
	}
	return { ok: true, value: { businessKey: completionBusinessKey(event), event } };
}

/**
 * A short, safe rendering of a received value for messages: long text is cut, and objects are
 * never converted (String() throws on {"toString": 1} and would echo a whole payload).
 */
export function describe(value: unknown): string {
	if (value === undefined) return 'missing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
	return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
