import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Parameters that map a field of the input item as they are (`{{ $json.subject.attendeeId }}`,
 * `{{ $json }}`, `{{ $json.attendeeName ?? $json.subject.attendeeId }}`) read straight from
 * the item. n8n 2.x evaluates every expression in a sandbox
 * and copies the data it touches into it: a conference's 2,000 attendee items (17 KB each) spent
 * about 11 s in Reserve's `{{ $json }}` and its key fields alone, and the copies raised the
 * server's memory by hundreds of MB. Anything else (other expressions, a path that does not
 * resolve to a JSON value) goes through n8n as before, so its results and errors are n8n's own.
 */
const ITEM_FIELD =
	/^=\{\{\s*\$json(?:\.[A-Za-z_$][\w$]*)*(?:\s*\?\?\s*\$json(?:\.[A-Za-z_$][\w$]*)*)*\s*\}\}$/;
/** Each `$json.a.b` of `$json.a ?? $json.b`: the first that is neither missing nor null wins. */
const EACH_PATH = /\$json((?:\.[A-Za-z_$][\w$]*)*)/g;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' &&
	value !== null &&
	(Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/** What `path` (".a.b") names in `json`: missing or null (for `??`), a JSON value, or other. */
type Found = { kind: 'nullish' } | { kind: 'value'; value: unknown } | { kind: 'other' };

function lookUp(json: unknown, path: string): Found {
	let value = json;
	for (const key of path.split('.').slice(1)) {
		// Into null, a string or a list: an error or a property to JavaScript, so n8n decides.
		if (!isPlainObject(value)) return { kind: 'other' };
		if (!Object.prototype.hasOwnProperty.call(value, key))
			// An inherited name (constructor, toString) is something to JavaScript: n8n decides.
			return key in value ? { kind: 'other' } : { kind: 'nullish' };
		value = value[key];
	}
	if (value === null) return { kind: 'nullish' };
	if (typeof value === 'string' || typeof value === 'boolean') return { kind: 'value', value };
	if (typeof value === 'number')
		return Number.isFinite(value) ? { kind: 'value', value } : { kind: 'other' };
	// A copy, as n8n's evaluation gives: the input item must not change through the result.
	if (Array.isArray(value) || isPlainObject(value))
		return { kind: 'value', value: structuredClone(value) };
	return { kind: 'other' };
}

/** The value of `$json.a ?? $json.b ...` read from the item; undefined when n8n must decide. */
function fieldAt(json: unknown, expression: string): unknown {
	for (const [, path] of expression.matchAll(EACH_PATH)) {
		const found = lookUp(json, path);
		if (found.kind === 'value') return found.value;
		if (found.kind === 'other') return undefined;
	}
	return undefined;
}

/**
 * `this.getNodeParameter(name, itemIndex, fallback)`, with the fields of a collection taken one
 * by one, and a plain item-field mapping read from the input item without n8n's sandbox.
 */
export function itemParameter(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: unknown,
): unknown {
	const raw: unknown = this.getNodeParameter(name, itemIndex, fallback, { rawExpressions: true });
	if (typeof raw === 'string') {
		const value = ITEM_FIELD.test(raw)
			? fieldAt(this.getInputData()[itemIndex]?.json, raw)
			: undefined;
		if (value !== undefined) return value;
	} else if (isPlainObject(raw) && raw !== fallback) {
		return Object.fromEntries(
			Object.keys(raw).map((key) => [
				key,
				itemParameter.call(this, `${name}.${key}`, itemIndex, undefined),
			]),
		);
	}
	return this.getNodeParameter(name, itemIndex, fallback);
}
