import { formatPath, type PathSegment, type ValidationIssue } from '../../../domain/rules/issues';
import { invalidInput } from '../../../domain/ledger/errors';

/*
 * PostgreSQL text cannot hold U+0000, and its JSON parser refuses the escape \u0000 and unpaired
 * surrogates (the entry index reads each signed line as jsonb). One such string would fail the
 * whole INSERT, and with it every transaction batched into the same commit, so each entry is
 * checked on its own before the batch is written.
 */

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): string | undefined {
	if (text.includes('\u0000')) {
		return 'contains a NUL character (U+0000), which PostgreSQL cannot store; remove it';
	}
	if (UNPAIRED_SURROGATE.test(text)) {
		return 'contains an unpaired UTF-16 surrogate (broken Unicode), which PostgreSQL cannot store; fix the text';
	}
	return undefined;
}

/** The first string, property names included, under `value` that PostgreSQL cannot store. */
export function unstorableText(value: unknown): ValidationIssue | undefined {
	// An explicit stack: deeply nested input must not exhaust the call stack.
	const stack: Array<{ value: unknown; path: PathSegment[] }> = [{ value, path: [] }];
	while (stack.length > 0) {
		const { value: current, path } = stack.pop() as { value: unknown; path: PathSegment[] };
		if (typeof current === 'string') {
			const problem = textProblem(current);
			if (problem) return { path: formatPath(path), message: problem };
		} else if (Array.isArray(current)) {
			for (let i = current.length - 1; i >= 0; i--)
				stack.push({ value: current[i], path: [...path, i] });
		} else if (current !== null && typeof current === 'object') {
			for (const [key, child] of Object.entries(current).reverse()) {
				const problem = textProblem(key);
				if (problem)
					return { path: formatPath([...path, key]), message: `the property name ${problem}` };
				stack.push({ value: child, path: [...path, key] });
			}
		}
	}
	return undefined;
}

/** Throws invalid_input naming the field when `value` holds text PostgreSQL cannot store. */
export function checkStorableText(value: unknown, what: string, where = ''): void {
	const issue = unstorableText(value);
	if (issue) throw invalidInput(what, [issue], where);
}
