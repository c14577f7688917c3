import { canonicalJson, sha256Hex } from '../../../nodes/core/domain/canonical';
import {
	parseCreditPolicies,
	parseCreditPolicy,
	parseCreditPolicyText,
	type CreditPolicyParseResult,
} from '../../../nodes/core/domain/credit';
import { fixtureJson } from './demo-fixtures';

const issuesOf = (result: CreditPolicyParseResult) => {
	if (result.ok) throw new Error('expected the policy to be refused');
	return result.issues;
};
const custom = (extra: Record<string, unknown> = {}) => ({
	type: 'custom',
	id: 'assoc',
	version: '2026.1',
	minutesPerCredit: '60',
	increment: '0.25',
	...extra,
});

describe('credit policies from JSON', () => {
	it('fills defaults so the hash identifies the rules as applied', () => {
		const parsed = parseCreditPolicy({ type: 'nasba', id: 'n', version: 1 });
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		expect(parsed.policy).toEqual({
			type: 'nasba',
			id: 'n',
			version: '1',
			increment: 'fifths',
			polling: { mode: 'per_credit', answersPerCredit: 3 },
			grace: {
				lateArrivalMinutes: 0,
				earlyDepartureMinutes: 0,
				missingCheckout: 'needs_review',
				missingCheckIn: 'needs_review',
			},
		});
		expect(parsed.policyHash).toBe(sha256Hex(canonicalJson(parsed.policy)));
	});

	it('hashes independently of key order and formatting, and differently for any real change', () => {
		const a = parseCreditPolicyText(
			'{"type":"custom","id":"assoc","version":"2026.1","minutesPerCredit":"60","increment":"0.25"}',
		);
		const b = parseCreditPolicy({
			increment: 0.25,
			minutesPerCredit: 60,
			version: '2026.1',
			id: 'assoc',
			type: 'custom',
		});
		const c = parseCreditPolicy(custom({ increment: '0.5' }));
		if (!a.ok || !b.ok || !c.ok) throw new Error('fixtures must be valid');
		expect(a.policyHash).toBe(b.policyHash);
		expect(c.policyHash).not.toBe(a.policyHash);
	});

	it('accepts every policy of the sample conference', () => {
		const parsed = parseCreditPolicies(fixtureJson('policies.json'));
		expect(parsed.ok && [...parsed.policies.keys()]).toEqual([
			'nasba-fifths',
			'keynote-full-duration',
			'cle-ny',
			'cme-ama',
			'iacet-ceu',
			'association-80-percent',
		]);
	});

	it('refuses bad fields at their exact paths', () => {
		expect(
			issuesOf(
				parseCreditPolicy({
					type: 'nasba',
					id: 'n',
					version: '1',
					increment: 'thirds',
					grace: { missingCheckout: 'later' },
				}),
			),
		).toEqual([
			{
				path: 'grace.missingCheckout',
				message: 'received "later"; expected one of "session_end", "needs_review", "not_counted"',
			},
			{ path: 'increment', message: 'received "thirds"; expected one of "fifths", "halves"' },
		]);
		expect(
			issuesOf(parseCreditPolicy(custom({ polling: { mode: 'percent', fullCreditPercent: 175 } }))),
		).toEqual([
			{ path: 'polling.fullCreditPercent', message: 'received 175; expected a number at most 100' },
		]);
		expect(issuesOf(parseCreditPolicy(custom({ minutesPerCredit: '-50', increment: 0 })))).toEqual([
			{
				path: 'minutesPerCredit',
				message: 'received "-50"; expected a non-negative decimal such as 0.5 or "0.25"',
			},
			{ path: 'increment', message: 'expected a decimal above 0' },
		]);
	});

	it('names unknown fields with a did-you-mean hint (a typo must not disable a rule)', () => {
		const issues = issuesOf(
			parseCreditPolicy(custom({ minimumPercnt: 80, grace: { lateArrivalMinute: 5 } })),
		);
		expect(issues.map((i) => i.path)).toEqual(['grace.lateArrivalMinute', 'minimumPercnt']);
		expect(issues[0].message).toMatch(/\(did you mean "lateArrivalMinutes"\?\)/);
		expect(issues[1].message).toMatch(
			/^unknown field "minimumPercnt" \(did you mean "minimumPercent"\?\)/,
		);
	});

	it('refuses values the engine cannot apply exactly or consistently', () => {
		expect(issuesOf(parseCreditPolicy(custom({ increment: '0.00001' })))).toEqual([
			{ path: 'increment', message: 'received "0.00001"; expected at most 4 decimal places' },
		]);
		expect(
			issuesOf(parseCreditPolicy(custom({ minimumPercent: 90, fullCreditPercent: 80 }))),
		).toEqual([
			{ path: 'minimumPercent', message: 'received 90; expected at most fullCreditPercent (80)' },
		]);
		expect(issuesOf(parseCreditPolicy(custom({ partialCredit: false })))[0].path).toBe(
			'partialCredit',
		);
		expect(
			issuesOf(
				parseCreditPolicy(
					custom({ polling: { mode: 'percent', fullCreditPercent: 70, reviewPercent: 80 } }),
				),
			)[0].path,
		).toBe('polling.reviewPercent');
		expect(issuesOf(parseCreditPolicy(custom({ minimumPercent: 33.33333 })))[0]).toEqual({
			path: 'minimumPercent',
			message: 'received 33.33333; expected at most 4 decimal places',
		});
	});

	it('refuses an unknown type, a non-object, broken JSON and repeated ids', () => {
		expect(issuesOf(parseCreditPolicy({ type: 'cpd', id: 'x', version: '1' }))).toEqual([
			{
				path: 'type',
				message:
					'received "cpd"; expected a policy with type one of "nasba", "iacet", "cle", "cme", "threshold", "custom"',
			},
		]);
		expect(issuesOf(parseCreditPolicy('nasba'))[0].path).toBe('');
		expect(issuesOf(parseCreditPolicyText('{"type": "nasba",'))[0].message).toMatch(
			/^not valid JSON: /,
		);
		const twice = parseCreditPolicies([custom(), custom({ version: '2' })]);
		expect(twice.ok ? [] : twice.issues).toEqual([
			{ path: '[1].id', message: 'received "assoc" again; expected unique policy ids' },
		]);
		const nested = parseCreditPolicies([custom(), custom({ id: 'b', rounding: 'up' })]);
		expect(nested.ok ? [] : nested.issues.map((i) => i.path)).toEqual(['[1].rounding']);
	});
});
