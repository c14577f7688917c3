import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { findReservedKey, reservedKeyMessage } from '../core/domain/safe-keys';

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

/**
 * Parses a JSON parameter that may already be an object (when set by an expression, e.g. from a
 * webhook's item). Either way a key such as __proto__ is refused with its path: callers copy
 * these keys into plain objects.
 */
export function readJsonParameter(
	value: unknown,
	fieldName: string,
): { ok: true; value: unknown } | { ok: false; issue: FieldIssue } {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return { ok: true, value: undefined };
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return {
				ok: false,
				issue: { path: fieldName, message: `is not valid JSON (${(error as Error).message})` },
			};
		}
	}
	const reserved = findReservedKey(parsed, fieldName);
	return reserved === undefined
		? { ok: true, value: parsed }
		: { ok: false, issue: { path: reserved, message: reservedKeyMessage(reserved) } };
}
