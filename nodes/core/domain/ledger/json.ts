import { z } from 'zod';

import { formatPath, type PathSegment } from '../rules/issues';

export type JsonValue =
	| string
	| number
	| boolean
	| null
	| JsonValue[]
	| { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

// Built once: a lazy getter that built the union on every call made each append cost ~100 µs.
const jsonValueUnion: z.ZodType<JsonValue> = z.union([
	z.string(),
	z.number().finite(),
	z.boolean(),
	z.null(),
	z.array(z.lazy(() => JsonValueSchema)),
	z.record(
		z.string(),
		z.lazy(() => JsonValueSchema),
	),
]);

/** Any value JSON can carry faithfully (finite numbers, plain objects and arrays). */
export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() => jsonValueUnion);

export const JsonObjectSchema: z.ZodType<JsonObject> = z.record(z.string(), JsonValueSchema);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const proto: unknown = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

/** The fields that are set: what the ledger writes or plans never carries `undefined`. */
export function definedFields<T extends object>(fields: T): T {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

/** Nesting the ledger takes: deeper values are refused before any recursive code walks them. */
export const MAX_JSON_DEPTH = 64;

/**
 * A refusal for a value nested deeper than MAX_JSON_DEPTH (the path of its top field), or
 * undefined. Walked with an explicit stack, so 10,000 levels cannot overflow the call stack.
 */
export function nestingIssue(value: unknown): { path: string; message: string } | undefined {
	// Each entry keeps its depth and its top field only (all the message names): copying the
	// whole path per value cost as much as hashing an attendee's evidence.
	const stack: Array<[unknown, number, PathSegment[]]> = [[value, 0, []]];
	while (stack.length > 0) {
		const [item, depth, top] = stack.pop() as [unknown, number, PathSegment[]];
		if (depth > MAX_JSON_DEPTH) {
			return {
				path: formatPath(top),
				message: `nested more than ${MAX_JSON_DEPTH} levels deep; flatten the value`,
			};
		}
		if (typeof item !== 'object' || item === null) continue;
		const isArray = Array.isArray(item);
		for (const [key, child] of Object.entries(item)) {
			stack.push([child, depth + 1, depth === 0 ? [isArray ? Number(key) : key] : top]);
		}
	}
	return undefined;
}
