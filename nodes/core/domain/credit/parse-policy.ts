import { z } from 'zod';

import { canonicalJson, sha256Hex } from '../canonical';
import { reservedKeyIssues } from '../safe-keys';
import {
	canonicalDecimalText,
	CREDIT_POLICY_SCHEMAS,
	type CreditPolicy,
	type CreditPolicyType,
} from '../model';
import {
	describeValue,
	receivedExpectedErrorMap,
	toValidationIssues,
	type ValidationIssue,
} from '../rules/issues';

/** A validated policy and the hash that identifies it, as applied, in every decision. */
export interface ParsedCreditPolicy {
	policy: CreditPolicy;
	policyHash: string;
}

export type CreditPolicyParseResult =
	| ({ ok: true } & ParsedCreditPolicy)
	| { ok: false; issues: ValidationIssue[] };

export type CreditPoliciesParseResult =
	| { ok: true; policies: Map<string, ParsedCreditPolicy> }
	| { ok: false; issues: ValidationIssue[] };

const TYPES = Object.keys(CREDIT_POLICY_SCHEMAS) as CreditPolicyType[];
/** Integer step arithmetic stays exact and small with at most 4 decimal places. */
const DECIMAL_FIELDS = [
	'minutesPerCredit',
	'increment',
	'credits',
	'minimumCredits',
	'maximumCredits',
] as const;
const MAX_DECIMALS = 4;

/**
 * Validates one policy (a parsed JSON object). Unknown fields are refused with a "did you mean"
 * hint, each problem at its exact path (grace.missingCheckout, polling.fullCreditPercent), so a
 * bad policy is refused before anyone is credited.
 */
export function parseCreditPolicy(input: unknown): CreditPolicyParseResult {
	const reserved = reservedKeyIssues(input);
	if (reserved.length > 0) return { ok: false, issues: reserved };
	const type =
		typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
	if (typeof type !== 'string' || !TYPES.includes(type as CreditPolicyType)) {
		const received =
			typeof input === 'object' && input !== null ? describeValue(type) : describeValue(input);
		const where =
			typeof input === 'object' && input !== null && !Array.isArray(input) ? 'type' : '';
		return {
			ok: false,
			issues: [
				{
					path: where,
					message: `received ${received}; expected a policy with type one of ${TYPES.map((t) => `"${t}"`).join(', ')}`,
				},
			],
		};
	}
	const schema: z.ZodTypeAny = CREDIT_POLICY_SCHEMAS[type as CreditPolicyType];
	const result = schema.safeParse(input, { errorMap: receivedExpectedErrorMap });
	if (!result.success) return { ok: false, issues: toValidationIssues(result.error, schema) };
	const policy = result.data as CreditPolicy;
	const issues = consistencyIssues(policy);
	if (issues.length > 0) return { ok: false, issues };
	return { ok: true, policy, policyHash: policyHash(policy) };
}

/** Reads a policy from JSON text; a syntax error is reported like any other issue. */
export function parseCreditPolicyText(text: string): CreditPolicyParseResult {
	try {
		return parseCreditPolicy(JSON.parse(text));
	} catch (error) {
		return {
			ok: false,
			issues: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }],
		};
	}
}

/** A list of policies (or one policy) with unique ids, keyed by id. Paths start at [index]. */
export function parseCreditPolicies(input: unknown): CreditPoliciesParseResult {
	const list = Array.isArray(input) ? input : [input];
	const policies = new Map<string, ParsedCreditPolicy>();
	const issues: ValidationIssue[] = [];
	list.forEach((item, index) => {
		const parsed = parseCreditPolicy(item);
		const prefix = Array.isArray(input) ? `[${index}]` : '';
		if (!parsed.ok) {
			for (const issue of parsed.issues)
				issues.push({ path: join(prefix, issue.path), message: issue.message });
		} else if (policies.has(parsed.policy.id)) {
			issues.push({
				path: join(prefix, 'id'),
				message: `received ${JSON.stringify(parsed.policy.id)} again; expected unique policy ids`,
			});
		} else {
			policies.set(parsed.policy.id, { policy: parsed.policy, policyHash: parsed.policyHash });
		}
	});
	return issues.length > 0 ? { ok: false, issues } : { ok: true, policies };
}

/** sha256 of the canonical JSON of the validated policy: blind to key order and formatting. */
export function policyHash(policy: CreditPolicy): string {
	return sha256Hex(canonicalJson(policy));
}

function consistencyIssues(policy: CreditPolicy): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	const fields = policy as unknown as Record<string, unknown>;
	for (const field of DECIMAL_FIELDS) {
		const value = fields[field];
		if (typeof value === 'string' && (value.split('.')[1] ?? '').length > MAX_DECIMALS) {
			issues.push({
				path: field,
				message: `received "${value}"; expected at most ${MAX_DECIMALS} decimal places`,
			});
		}
		if (typeof value === 'string' && value.replace('.', '').replace(/^0+/, '').length > 9) {
			issues.push({ path: field, message: `received "${value}"; expected a value below 100000` });
		}
	}
	const polling = 'polling' in policy ? policy.polling : undefined;
	const percents: Array<[string, number | undefined]> = [
		['minimumPercent', fields.minimumPercent as number | undefined],
		['fullCreditPercent', fields.fullCreditPercent as number | undefined],
		[
			'polling.fullCreditPercent',
			polling?.mode === 'percent' ? polling.fullCreditPercent : undefined,
		],
		['polling.reviewPercent', polling?.mode === 'percent' ? polling.reviewPercent : undefined],
	];
	for (const [path, value] of percents) {
		if (value === undefined) continue;
		const text = canonicalDecimalText(value);
		if (text === undefined || (text.split('.')[1] ?? '').length > MAX_DECIMALS) {
			issues.push({
				path,
				message: `received ${value}; expected at most ${MAX_DECIMALS} decimal places`,
			});
		}
	}
	if (
		policy.type === 'custom' &&
		policy.minimumPercent !== undefined &&
		policy.fullCreditPercent !== undefined &&
		policy.minimumPercent > policy.fullCreditPercent
	) {
		issues.push({
			path: 'minimumPercent',
			message: `received ${policy.minimumPercent}; expected at most fullCreditPercent (${policy.fullCreditPercent})`,
		});
	}
	if (policy.type === 'custom' && policy.fullCreditPercent === undefined && !policy.partialCredit) {
		issues.push({
			path: 'partialCredit',
			message: 'received false without fullCreditPercent; no attendance could ever earn credit',
		});
	}
	if (
		polling?.mode === 'percent' &&
		polling.reviewPercent !== undefined &&
		polling.reviewPercent > polling.fullCreditPercent
	) {
		issues.push({
			path: 'polling.reviewPercent',
			message: `received ${polling.reviewPercent}; expected at most polling.fullCreditPercent (${polling.fullCreditPercent})`,
		});
	}
	return issues;
}

function join(prefix: string, path: string): string {
	if (path === '') return prefix;
	return prefix === '' || path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}
