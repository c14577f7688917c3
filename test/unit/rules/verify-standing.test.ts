import { verifyCompletion, type VerificationInput } from '../../../nodes/core/domain/rules';
import { codes, completion, detailOf, NOW, ruleSetWith } from './rule-fixtures';

const options = { now: NOW };

describe('identity check (default tolerance 2)', () => {
	const rules = ruleSetWith({});
	const named = (
		learnerName: string | undefined,
		recipientName: string | undefined,
	): VerificationInput => completion({ learner: { id: '57', name: learnerName }, recipientName });

	it.each<[string, string, string, number, string]>([
		['identical', 'Ada Lovelace', 'Ada Lovelace', 0, 'IDENTITY_MATCH'],
		['accents, case and spaces only', 'José  Álvarez', 'jose alvarez', 0, 'IDENTITY_MATCH'],
		['decomposed accents', 'Zoe\u0308 Mu\u0308ller', 'Zoë Müller', 0, 'IDENTITY_MATCH'],
		['compatibility forms (full-width)', 'Ａｄａ Lovelace', 'Ada Lovelace', 0, 'IDENTITY_MATCH'],
		['one typo', 'Ada Lovelace', 'Ada Lovelase', 1, 'IDENTITY_MATCH'],
		['exactly the tolerance', 'Ada Lovelace', 'Ada Lovelacexx', 2, 'IDENTITY_MATCH'],
		['one more than the tolerance', 'Ada Lovelace', 'Ada Lovelacexxx', 3, 'NAME_MISMATCH'],
		['another person', 'Ada Lovelace', 'Grace Hopper', 11, 'NAME_MISMATCH'],
	])('%s', (_, learnerName, recipientName, distance, code) => {
		const decision = verifyCompletion(named(learnerName, recipientName), rules, options);
		expect(codes(decision)[0]).toBe(code);
		expect(decision.outcome).toBe(code === 'NAME_MISMATCH' ? 'needs_review' : 'verified');
		expect(decision.dataPoints).toMatchObject({
			identityChecked: true,
			nameDistance: distance,
			nameTolerance: 2,
		});
	});

	it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
		['course tolerance 0 flags one typo', { nameTolerance: 0 }, {}, 'NAME_MISMATCH'],
		['default tolerance 0 flags one typo', {}, { nameTolerance: 0 }, 'NAME_MISMATCH'],
		[
			'course tolerance 1 accepts one typo over default 0',
			{ nameTolerance: 1 },
			{ nameTolerance: 0 },
			'IDENTITY_MATCH',
		],
	])('%s', (_, course, defaults, code) => {
		const decision = verifyCompletion(
			named('Ada Lovelace', 'Ada Lovelase'),
			ruleSetWith(course, { defaults }),
			options,
		);
		expect(codes(decision)[0]).toBe(code);
	});

	it.each<[string, string | undefined, string | undefined, boolean | undefined]>([
		['no recipient name', 'Ada Lovelace', undefined, undefined],
		['no learner name', undefined, 'Grace Hopper', undefined],
		['identityCheck off', 'Ada Lovelace', 'Grace Hopper', false],
	])('is not checked with %s', (_, learnerName, recipientName, identityCheck) => {
		const decision = verifyCompletion(
			named(learnerName, recipientName),
			ruleSetWith({ identityCheck }),
			options,
		);
		expect(codes(decision)).toEqual(['ALL_CRITERIA_MET']);
		expect(decision.dataPoints.identityChecked).toBe(false);
		expect('nameDistance' in decision.dataPoints).toBe(false);
	});

	it('never writes names or emails into the decision', () => {
		const input = completion({
			learner: { id: '57', email: 'ada@example.org', name: 'Ada Lovelace' },
			recipientName: 'Grace Hopper',
		});
		const decision = verifyCompletion(input, ruleSetWith({ passingScore: 80 }), options);
		expect(detailOf(decision, 'NAME_MISMATCH')).toMatch(
			/by \d+ edit\(s\), more than the tolerance of 2/,
		);
		const written = JSON.stringify(decision);
		for (const secret of ['Ada', 'Lovelace', 'Grace', 'Hopper', 'ada@example.org', 'example.org']) {
			expect(written).not.toContain(secret);
		}
	});
});

describe('integrity check', () => {
	it.each<[string, Partial<VerificationInput>, string[], string]>([
		['no flags', {}, ['ALL_CRITERIA_MET'], 'verified'],
		[
			'flags false',
			{ integrityHold: false, investigationActive: false },
			['ALL_CRITERIA_MET'],
			'verified',
		],
		['integrity hold', { integrityHold: true }, ['INTEGRITY_HOLD'], 'needs_review'],
		['investigation', { investigationActive: true }, ['INVESTIGATION_ACTIVE'], 'needs_review'],
		[
			'both',
			{ integrityHold: true, investigationActive: true },
			['INTEGRITY_HOLD', 'INVESTIGATION_ACTIVE'],
			'needs_review',
		],
	])('%s', (_, flags, expected, outcome) => {
		const decision = verifyCompletion(completion(flags), ruleSetWith({}), options);
		expect(codes(decision)).toEqual(expected);
		expect(decision.outcome).toBe(outcome);
		expect(decision.dataPoints).toMatchObject({
			integrityHold: flags.integrityHold === true,
			investigationActive: flags.investigationActive === true,
		});
	});
});

describe('subjective criteria check (capstone, practical)', () => {
	const rules = ruleSetWith({
		subjectiveCriteria: [{ id: 'capstone', label: 'Capstone project' }, { id: 'practical' }],
	});

	it.each<[string, VerificationInput['approvals'], string[], string]>([
		[
			'both approved',
			{ capstone: 'approved', practical: 'approved' },
			['APPROVAL_GRANTED', 'APPROVAL_GRANTED', 'ALL_CRITERIA_MET'],
			'verified',
		],
		[
			'one rejected',
			{ capstone: 'approved', practical: 'rejected' },
			['APPROVAL_GRANTED', 'APPROVAL_REJECTED'],
			'not_eligible',
		],
		[
			'one pending',
			{ capstone: 'pending', practical: 'approved' },
			['APPROVAL_PENDING', 'APPROVAL_GRANTED'],
			'needs_review',
		],
		[
			'one absent',
			{ capstone: 'approved' },
			['APPROVAL_GRANTED', 'APPROVAL_PENDING'],
			'needs_review',
		],
		['no approvals at all', undefined, ['APPROVAL_PENDING', 'APPROVAL_PENDING'], 'needs_review'],
		[
			'rejected and pending',
			{ capstone: 'rejected' },
			['APPROVAL_REJECTED', 'APPROVAL_PENDING'],
			'not_eligible',
		],
		[
			'approvals for unknown criteria are ignored',
			{ other: 'approved', capstone: 'approved', practical: 'approved' },
			['APPROVAL_GRANTED', 'APPROVAL_GRANTED', 'ALL_CRITERIA_MET'],
			'verified',
		],
	])('%s', (_, approvals, expected, outcome) => {
		const decision = verifyCompletion(completion({ approvals }), rules, options);
		expect(codes(decision)).toEqual(expected);
		expect(decision.outcome).toBe(outcome);
	});

	it('names the criterion in each reason and lists them in dataPoints', () => {
		const decision = verifyCompletion(
			completion({ approvals: { capstone: 'pending' } }),
			rules,
			options,
		);
		expect(decision.reasons.map((r) => r.detail)).toEqual([
			'criterion "capstone" (Capstone project) is pending',
			'criterion "practical" has no approval yet',
		]);
		expect(decision.dataPoints).toMatchObject({
			approvalsGranted: [],
			approvalsRejected: [],
			approvalsPending: ['capstone', 'practical'],
		});
	});

	it('does not mistake inherited object properties for approvals', () => {
		const tricky = ruleSetWith({ subjectiveCriteria: [{ id: 'constructor' }, { id: 'toString' }] });
		const decision = verifyCompletion(completion({ approvals: {} }), tricky, options);
		expect(codes(decision)).toEqual(['APPROVAL_PENDING', 'APPROVAL_PENDING']);
	});
});

describe('course without a rule', () => {
	it('goes to review naming the course and the rule set, and runs no other check', () => {
		const input = completion({ course: { id: 'C-999' }, integrityHold: true, score: 0 });
		const decision = verifyCompletion(input, ruleSetWith({ passingScore: 80 }), options);
		expect(codes(decision)).toEqual(['COURSE_RULE_MISSING']);
		expect(decision.outcome).toBe('needs_review');
		expect(decision.reasons[0].detail).toBe(
			'rule set "acme-cpe" version 2026.1 has no rule for course "C-999"',
		);
		expect(decision.dataPoints).toEqual({ courseRuleFound: false });
	});

	it('treats a course id that is an Object.prototype name as missing', () => {
		const decision = verifyCompletion(
			completion({ course: { id: 'constructor' } }),
			ruleSetWith({}),
			options,
		);
		expect(codes(decision)).toEqual(['COURSE_RULE_MISSING']);
	});
});
