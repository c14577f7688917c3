/**
 * A text parameter as node code wants it: trimmed, and undefined when empty. Expressions may give
 * numbers (an ID) or other values, so anything is read as text rather than trusted to be a string.
 */
export function optionalText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	return text === '' ? undefined : text;
}
