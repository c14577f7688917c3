import { z } from 'zod';

import { levenshtein } from './name-distance';

/** A refused field: where it is and what was wrong with it. */
export interface ValidationIssue {
	path: string;
	message: string;
}

export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

const MAX_KEY_CHARS = 60;

/** A key as messages show it: cut when long, so a megabyte key is not echoed in every message. */
function shortKey(key: string): string {
	return key.length > MAX_KEY_CHARS ? `${key.slice(0, MAX_KEY_CHARS - 3)}...` : key;
}

/**
 * Dot path with array indexes in brackets: courses.C-101.requiredModules[2].
 * Keys that would make the dot path ambiguous (dots, spaces, empty) are written as ["key"], and
 * so are long keys, cut.
 */
export function formatPath(path: ReadonlyArray<PathSegment>): string {
	let out = '';
	for (const segment of path) {
		if (typeof segment === 'number') out += `[${segment}]`;
		else if (PLAIN_KEY.test(segment) && segment.length <= MAX_KEY_CHARS)
			out += out === '' ? segment : `.${segment}`;
		else out += `[${JSON.stringify(shortKey(segment))}]`;
	}
	return out;
}

/** Short, quoted description of a received value for messages (long strings are cut). */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') {
		if (value === '') return 'an empty string';
		return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
	}
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return `a list of ${value.length} item(s)`;
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const TYPE_NAMES: Record<string, string> = {
	string: 'text',
	number: 'a number',
	integer: 'a whole number',
	boolean: 'true or false',
	object: 'an object',
	array: 'a list',
};

/** zod messages that always say what was received and what is expected. */
export const receivedExpectedErrorMap: z.ZodErrorMap = (issue, ctx) => {
	const received = describeValue(ctx.data);
	switch (issue.code) {
		case z.ZodIssueCode.invalid_type:
			if (issue.received === 'undefined') {
				return { message: `missing; expected ${TYPE_NAMES[issue.expected] ?? issue.expected}` };
			}
			if (issue.expected === 'string' && typeof ctx.data === 'number') {
				// YAML reads `101` as a number; ids must be written as text.
				return {
					message: `received the number ${received}; expected text (quote it: "${received}")`,
				};
			}
			return {
				message: `received ${received}; expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`,
			};
		case z.ZodIssueCode.too_small:
			return {
				message: `received ${received}; expected ${bound(issue.type, issue.minimum, issue.inclusive, 'at least', 'more than')}`,
			};
		case z.ZodIssueCode.too_big:
			return {
				message: `received ${received}; expected ${bound(issue.type, issue.maximum, issue.inclusive, 'at most', 'less than')}`,
			};
		case z.ZodIssueCode.not_finite:
			return { message: `received ${received}; expected a finite number` };
		case z.ZodIssueCode.invalid_enum_value:
			return {
				message: `received ${received}; expected one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}`,
			};
		default:
			return { message: `received ${received}; ${ctx.defaultError}` };
	}
};

function bound(
	type: string,
	limit: number | bigint,
	inclusive: boolean,
	inclusiveWord: string,
	exclusiveWord: string,
): string {
	const word = inclusive ? inclusiveWord : exclusiveWord;
	if (type === 'string') {
		return Number(limit) === 1 && inclusive
			? 'non-empty text'
			: `text of ${word} ${limit} character(s)`;
	}
	if (type === 'array') return `a list of ${word} ${limit} item(s)`;
	return `a number ${word} ${limit}`;
}

/**
 * zod issues as ValidationIssues. An unknown-keys issue is split into one issue per key, at the
 * key's own path, with a "did you mean" hint taken from the schema's known keys at that place.
 */
export function toValidationIssues(error: z.ZodError, schema: z.ZodTypeAny): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	const seenPaths = new Set<string>();
	for (const issue of error.issues) {
		if (issue.code !== z.ZodIssueCode.unrecognized_keys) {
			const path = formatPath(issue.path);
			// One message per field: Infinity fails both "finite" and "at most 100".
			if (!seenPaths.has(path)) issues.push({ path, message: issue.message });
			seenPaths.add(path);
			continue;
		}
		const known = knownKeysAt(schema, issue.path);
		for (const key of issue.keys) {
			const hint = closestKey(key, known);
			const expected =
				known.length > 0 ? `expected one of ${known.join(', ')}` : 'expected no extra fields';
			issues.push({
				path: formatPath([...issue.path, key]),
				message: `unknown field ${describeValue(key)}${hint ? ` (did you mean "${hint}"?)` : ''}; ${expected}`,
			});
		}
	}
	return issues;
}

function closestKey(key: string, known: string[]): string | undefined {
	const lower = key.toLowerCase();
	const sameLetters = known.find((k) => k.toLowerCase() === lower);
	if (sameLetters) return sameLetters;
	let best: { key: string; distance: number } | undefined;
	for (const candidate of known) {
		// Banded at 2 edits: an unknown key may be any length, the hint only wants close ones.
		const distance = levenshtein(lower, candidate.toLowerCase(), 2);
		if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
	}
	return best?.key;
}

/** Walks a schema along a data path to list the keys the object at that path may have. */
function knownKeysAt(schema: z.ZodTypeAny, path: ReadonlyArray<PathSegment>): string[] {
	let current: z.ZodTypeAny | undefined = unwrap(schema);
	for (const segment of path) {
		if (current instanceof z.ZodObject) current = (current.shape as z.ZodRawShape)[String(segment)];
		else if (current instanceof z.ZodRecord) current = current.valueSchema as z.ZodTypeAny;
		else if (current instanceof z.ZodArray) current = current.element as z.ZodTypeAny;
		else return [];
		current = current && unwrap(current);
	}
	return current instanceof z.ZodObject ? Object.keys(current.shape as z.ZodRawShape) : [];
}

function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
	let current = schema;
	for (;;) {
		if (current instanceof z.ZodOptional || current instanceof z.ZodNullable)
			current = current.unwrap();
		else if (current instanceof z.ZodDefault) current = current.removeDefault();
		else if (current instanceof z.ZodEffects) current = current.innerType();
		else return current;
	}
}
