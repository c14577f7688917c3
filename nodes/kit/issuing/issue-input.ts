import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

import { TEXT_LIMITS, tooLongMessage } from '../../core/domain/model/limits';
import {
	isPlatformError,
	parseIssueRequest,
	type IssueRequest,
	type PlatformName,
} from '../../core/integrations/platforms';
import { RESERVED_KEY_ISSUE, isReservedKey } from '../../core/domain/safe-keys';
import { describeIssues, type FieldIssue } from '../errors';
import { optionalText } from '../text';

/** Maps the issue request's field paths to the node's parameter names the user sees. */
export type FieldLabels = Record<string, string>;

function label(path: string, labels: FieldLabels): string {
	return labels[path] ?? path;
}

/** A refusal before anything is sent, naming the parameter and the field path. */
export function inputError(
	node: INode,
	itemIndex: number,
	issues: FieldIssue[],
	labels: FieldLabels,
): NodeOperationError {
	const first = issues[0];
	const path = first?.path ?? '(root)';
	return new NodeOperationError(
		node,
		`Item ${itemIndex}: invalid "${label(path, labels)}" (${path}): ${first?.message ?? 'unknown problem'}. Nothing was sent.`,
		{
			itemIndex,
			description: describeIssues(
				issues.map((issue) => ({ ...issue, path: `${label(issue.path, labels)} (${issue.path})` })),
			),
		},
	);
}

// name@domain.tld without spaces. The look-ahead checks the domain's characters once; the dot
// search after it can then never fail late, so the check is linear (the plain form
// /^[^\s@]+@[^\s@]+\.[^\s@]+$/ rescanned the domain from every dot: quadratic).
const EMAIL = /^[^\s@]+@(?=[^\s@]+$).+\../;

/**
 * The "Recipient Email" search filter, lower-cased (the platforms compare emails that way), or
 * undefined when empty; a malformed address is refused before any request.
 */
export function recipientEmailFilter(
	node: INode,
	itemIndex: number,
	value: unknown,
): string | undefined {
	const email = optionalText(value)?.toLowerCase();
	if (email === undefined) return undefined;
	const problem =
		email.length > TEXT_LIMITS.email
			? tooLongMessage(email.length, TEXT_LIMITS.email)
			: EMAIL.test(email)
				? undefined
				: `received "${email}"; expected an email address`;
	if (problem) {
		throw inputError(node, itemIndex, [{ path: 'filters.recipientEmail', message: problem }], {
			'filters.recipientEmail': 'Recipient Email',
		});
	}
	return email;
}

/** Checks and normalises an issue request before any request; refusals name the parameter. */
export function checkedIssueRequest(
	node: INode,
	itemIndex: number,
	input: unknown,
	platform: PlatformName,
	labels: FieldLabels,
): IssueRequest {
	try {
		return parseIssueRequest(input, platform);
	} catch (error) {
		if (isPlatformError(error, 'invalid_request') && error.issues.length > 0) {
			throw inputError(node, itemIndex, error.issues, labels);
		}
		throw new NodeOperationError(node, error as Error, { itemIndex });
	}
}

/** An id checked for shape, so an obviously wrong one is refused without a request. */
export function checkedId(
	node: INode,
	itemIndex: number,
	value: unknown,
	path: string,
	labels: FieldLabels,
	shape: { pattern: RegExp; expected: string },
): string {
	const text = optionalText(value) ?? '';
	if (text === '' || !shape.pattern.test(text)) {
		const received =
			text === '' ? 'nothing' : `"${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`;
		throw inputError(
			node,
			itemIndex,
			[{ path, message: `received ${received}; expected ${shape.expected}` }],
			labels,
		);
	}
	return text;
}

/**
 * Custom attributes from a JSON parameter: an object whose values are text (numbers and booleans
 * are written as text). Anything else is refused naming the attribute.
 */
export function attributesFrom(
	node: INode,
	itemIndex: number,
	value: unknown,
	path: string,
	labels: FieldLabels,
): Record<string, string> | undefined {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw inputError(
				node,
				itemIndex,
				[{ path, message: `is not valid JSON (${(error as Error).message})` }],
				labels,
			);
		}
	}
	if (parsed === undefined || parsed === null) return undefined;
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw inputError(
			node,
			itemIndex,
			[
				{
					path,
					message: `received ${Array.isArray(parsed) ? 'an array' : typeof parsed}; expected an object of attribute → text`,
				},
			],
			labels,
		);
	}
	const attributes: Record<string, string> = {};
	const issues: FieldIssue[] = [];
	for (const [key, raw] of Object.entries(parsed as IDataObject)) {
		// The attribute names become keys of the request body: no prototype keys.
		if (isReservedKey(key)) issues.push({ path: `${path}.${key}`, message: RESERVED_KEY_ISSUE });
		else if (typeof raw === 'string') attributes[key] = raw;
		else if (typeof raw === 'number' || typeof raw === 'boolean') attributes[key] = String(raw);
		else
			issues.push({
				path: `${path}.${key}`,
				message: `received ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}; expected text`,
			});
	}
	if (issues.length > 0)
		throw inputError(node, itemIndex, issues, {
			...labels,
			[issues[0].path]: labels[path] ?? path,
		});
	return Object.keys(attributes).length > 0 ? attributes : undefined;
}

/**
 * A date parameter as YYYY-MM-DD: n8n date pickers give "2026-05-01T00:00:00", expressions often
 * give a full ISO timestamp. Anything else is passed on as is, for the request check to refuse.
 */
export function dateOnly(value: unknown): string | undefined {
	const text = optionalText(value);
	if (text === undefined) return undefined;
	return /^\d{4}-\d{2}-\d{2}(?:[T ]|$)/.test(text) ? text.slice(0, 10) : text;
}
