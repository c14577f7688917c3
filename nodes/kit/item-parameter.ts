import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Parameters that map a field of the input item as they are (`{{ $json.subject.attendeeId }}`,
 * `{{ $json }}`) read straight from the item. n8n 2.x evaluates every expression in a sandbox
 * and copies the data it touches into it: a conference's 2,000 attendee items (17 KB each) spent
 * about 11 s in Reserve's `{{ $json }}` and its key fields alone, and the copies raised the
 * server's memory by hundreds of MB. Anything else (other expressions, a path that does not
 * resolve to a JSON value) goes through n8n as before, so its results and errors are n8n's own.
 */
const ITEM_FIELD = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)*)\s*\}\}$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' &&
	value !== null &&
	(Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/** The JSON value at `path` (".a.b") of `json`, own properties only; undefined if there is none. */
function fieldAt(json: unknown, path: string): unknown {
	let value = json;
	for (const key of path.split('.').slice(1)) {
		if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
		value = value[key];
	}
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	// A copy, as n8n's evaluation gives: the input item must not change through the result.
	if (Array.isArray(value) || isPlainObject(value)) return structuredClone(value);
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
		const field = ITEM_FIELD.exec(raw);
		const value = field ? fieldAt(this.getInputData()[itemIndex]?.json, field[1]) : undefined;
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
