import { isMap, isScalar, parseDocument, Scalar, visit } from 'yaml';

import { canonicalJson, sha256Hex } from '../canonical';
import { reservedKeyIssues } from '../safe-keys';
import { CompletionRuleSetSchema, type CompletionRuleSet } from '../model';
import { receivedExpectedErrorMap, toValidationIssues, type ValidationIssue } from './issues';

/** YAML aliases (*name) a rule set may use: each one copies a node, so many of them blow up. */
const MAX_YAML_ALIASES = 100;

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
	return { ok: true, ruleSet: result.data, ruleHash: ruleSetHash(result.data) };
}

/**
 * Parses JSON or YAML text (JSON is read by the YAML 1.2 parser, of which it is a subset), then
 * validates it. Duplicate keys are refused. Numeric scalars used as map keys and as `version`
 * keep their literal text, so `version: 2026.10` stays "2026.10" and course `0101` stays "0101".
 */
export function parseCompletionRuleSetText(text: string): RuleSetParseResult {
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
			return {
				ok: false,
				issues: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }],
			};
		}
	}
	const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
	if (doc.errors.length > 0) {
		return {
			ok: false,
			issues: doc.errors.map((error) => ({
				path: '',
				message: `not valid JSON or YAML: ${error.message.split('\n')[0]}`,
			})),
		};
	}
	keepNumericLiterals(doc);
	let value: unknown;
	try {
		value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
	} catch (error) {
		// The yaml library throws (ReferenceError) when aliases would expand past the limit.
		const reason = (error as Error).message.split('\n')[0];
		return {
			ok: false,
			issues: [
				{
					path: '',
					message: `not a usable YAML rule set (${reason}); write the rules out instead of repeating YAML aliases (at most ${MAX_YAML_ALIASES})`,
				},
			],
		};
	}
	return parseCompletionRuleSet(value);
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
