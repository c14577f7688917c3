import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

export interface FieldIssue {
	path: string;
	message: string;
}

/** One line per issue, field first, so the first line alone tells the user what to fix. */
export function describeIssues(issues: FieldIssue[]): string {
	return issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('\n');
}

/** A validation error for one item that names the item and the first bad field. */
export function invalidItemError(
	node: INode,
	itemIndex: number,
	what: string,
	issues: FieldIssue[],
): NodeOperationError {
	const first = issues[0];
	return new NodeOperationError(
		node,
		`Item ${itemIndex}: invalid ${what} in field "${first?.path ?? '(root)'}": ${first?.message ?? 'unknown problem'}`,
		{ itemIndex, description: describeIssues(issues) },
	);
}

/** Parses a JSON parameter that may already be an object (when set by an expression). */
export function readJsonParameter(
	value: unknown,
	fieldName: string,
): { ok: true; value: unknown } | { ok: false; issue: FieldIssue } {
	if (typeof value !== 'string') return { ok: true, value };
	if (value.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(value) };
	} catch (error) {
		return {
			ok: false,
			issue: { path: fieldName, message: `is not valid JSON (${(error as Error).message})` },
		};
	}
}
