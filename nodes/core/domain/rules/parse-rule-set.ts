import { isMap, isScalar, parseDocument, Scalar, visit, type YAMLError } from 'yaml';

import { canonicalJson, sha256Hex } from '../canonical';
import { reservedKeyIssues } from '../safe-keys';
import { CompletionRuleSetSchema, type CompletionRuleSet } from '../model';
import { receivedExpectedErrorMap, toValidationIssues, type ValidationIssue } from './issues';
import { withoutRedundantTimeBelowMinimum } from './time-below-minimum';

/** A rule set ready for verification, with the hash that identifies it in decisions. */
export interface ParsedCompletionRuleSet {
	ruleSet: CompletionRuleSet;
	ruleHash: string;
}

export type RuleSetParseResult =
	| ({ ok: true } & ParsedCompletionRuleSet)
	| { ok: false; issues: ValidationIssue[] };

/**
 * Validates an already-parsed rule set (e.g. a JSON node parameter). Every problem is reported
 * with its path, so invalid rules are refused before any learner is judged.
 */
export function parseCompletionRuleSet(input: unknown): RuleSetParseResult {
	// Course ids are record keys: zod would copy a "__proto__" key onto the parsed rule set.
	const reserved = reservedKeyIssues(input);
	if (reserved.length > 0) return { ok: false, issues: reserved };
	const result = CompletionRuleSetSchema.safeParse(input, { errorMap: receivedExpectedErrorMap });
	if (!result.success) {
		return { ok: false, issues: toValidationIssues(result.error, CompletionRuleSetSchema) };
	}
	const ruleSet = withoutRedundantTimeBelowMinimum(result.data);
	return { ok: true, ruleSet, ruleHash: ruleSetHash(ruleSet) };
}

export interface RuleSetTextOptions {
	/**
	 * Whether messages may quote the text's values and parser excerpts (default true). Off for
	 * text read from a file: the path may name any file (a .env, /etc/passwd), so messages then
	 * say where and what is wrong (line and column, field path, type) but never repeat its text.
	 */
	quoteValues?: boolean;
}

/**
 * Parses JSON or YAML text (JSON is read by the YAML 1.2 parser, of which it is a subset), then
 * validates it. Duplicate keys are refused. Numeric scalars used as map keys and as `version`
 * keep their literal text, so `version: 2026.10` stays "2026.10" and course `0101` stays "0101".
 */
export function parseCompletionRuleSetText(
	text: string,
	options: RuleSetTextOptions = {},
): RuleSetParseResult {
	const quote = options.quoteValues ?? true;
	if (text.trim() === '') {
		return {
			ok: false,
			issues: [{ path: '', message: 'received empty text; expected a JSON or YAML rule set' }],
		};
	}
	// YAML would accept sloppy JSON such as `"version": }` (null); text that starts like JSON
	// must be JSON. It is then still read through the YAML parser to keep numeric literals.
	const trimmed = text.trim();
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			JSON.parse(trimmed);
		} catch (error) {
			const problem = quote ? `: ${(error as Error).message}` : jsonErrorPlace(error as Error);
			return { ok: false, issues: [{ path: '', message: `not valid JSON${problem}` }] };
		}
	}
	const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
	if (doc.errors.length > 0) {
		return {
			ok: false,
			issues: doc.errors.map((error) => ({
				path: '',
				message: `not valid JSON or YAML${quote ? `: ${error.message.split('\n')[0]}` : yamlErrorPlace(error)}`,
			})),
		};
	}
	keepNumericLiterals(doc);
	let input: unknown;
	try {
		input = doc.toJS({ maxAliasCount: 100 });
	} catch (error) {
		// The YAML library throws for an alias without an anchor, or aliases that expand too far.
		// Both are ReferenceErrors; only the message tells an alias bomb from a missing anchor.
		const problem = /alias count/i.test((error as Error).message)
			? 'aliases expand to too many nodes'
			: 'an alias (*name) refers to no anchor (&name) defined before it';
		return { ok: false, issues: [{ path: '', message: `not valid YAML: ${problem}` }] };
	}
	const result = parseCompletionRuleSet(input);
	if (result.ok || quote) return result;
	return { ok: false, issues: result.issues.map(withoutQuotedValues) };
}

/** " at line L, column C" when the JSON parser's message gives the place, else a hint. */
function jsonErrorPlace(error: Error): string {
	const lineColumn = /line (\d+) column (\d+)/.exec(error.message);
	if (lineColumn) return ` at line ${lineColumn[1]}, column ${lineColumn[2]}`;
	const position = /at position (\d+)/.exec(error.message);
	if (position) return ` at character ${Number(position[1]) + 1}`;
	return ' (check brackets, commas and quotes)';
}

function yamlErrorPlace(error: YAMLError): string {
	const place = error.linePos?.[0];
	const what = error.code.toLowerCase().replace(/_/g, ' ');
	return place ? ` at line ${place.line}, column ${place.col} (${what})` : ` (${what})`;
}

// `received "..."` and `(quote it: "...")` carry the text's own values; the path stays.
const QUOTED_VALUE = /(received |quote it: )"(?:[^"\\]|\\.)*"/g;

function withoutQuotedValues(issue: ValidationIssue): ValidationIssue {
	const message = issue.message.replace(QUOTED_VALUE, (_, lead: string) =>
		lead === 'received ' ? 'received text' : 'quote it',
	);
	return { path: issue.path, message };
}

/** sha256 of the canonical JSON of a validated rule set: blind to key order and formatting. */
export function ruleSetHash(ruleSet: CompletionRuleSet): string {
	return sha256Hex(canonicalJson(ruleSet));
}

function keepNumericLiterals(doc: ReturnType<typeof parseDocument>): void {
	visit(doc, {
		Pair(_, pair) {
			if (isScalar(pair.key) && typeof pair.key.value === 'number' && pair.key.source) {
				pair.key = new Scalar(pair.key.source);
			}
		},
	});
	if (isMap(doc.contents)) {
		const version = doc.contents.get('version', true);
		if (isScalar(version) && typeof version.value === 'number' && version.source) {
			doc.contents.set('version', version.source);
		}
	}
}
