import { OutcomeSchema, type Outcome } from '../../../nodes/core/domain/model';
import {
	outcomeOf,
	REASON_CODES,
	verifyCompletion,
	type ReasonCode,
	type VerificationInput,
} from '../../../nodes/core/domain/rules';
import { completion, NOW, ruleSetWith } from './rule-fixtures';

// The published catalogue. Changing this list is a breaking change for workflows that filter on codes.
const PUBLISHED: Record<string, string> = {
	ALL_CRITERIA_MET: 'verified',
	SCORE_MET: 'verified',
	SCORE_NEAR_THRESHOLD: 'needs_review',
	SCORE_BELOW_THRESHOLD: 'not_eligible',
	SCORE_MISSING: 'needs_review',
	TIME_MET: 'verified',
	TIME_AT_MINIMUM: 'needs_review',
	// Review by default; a rule set may make it refuse (timeBelowMinimum: not_eligible).
	TIME_BELOW_MINIMUM: 'needs_review',
	TIME_MISSING: 'needs_review',
	MODULES_COMPLETE: 'verified',
	MODULES_INCOMPLETE: 'not_eligible',
	MODULE_EXEMPT: 'needs_review',
	PREREQUISITES_MET: 'verified',
	PREREQUISITE_IN_APPEAL: 'needs_review',
	PREREQUISITE_MISSING: 'not_eligible',
	IDENTITY_MATCH: 'verified',
	NAME_MISMATCH: 'needs_review',
	SCORE_MISMATCH: 'needs_review',
	EMAIL_MISMATCH: 'needs_review',
	INTEGRITY_HOLD: 'needs_review',
	INVESTIGATION_ACTIVE: 'needs_review',
	APPROVAL_GRANTED: 'verified',
	APPROVAL_REJECTED: 'not_eligible',
	APPROVAL_PENDING: 'needs_review',
	COURSE_RULE_MISSING: 'needs_review',
};

describe('REASON_CODES', () => {
	it('is exactly the published catalogue with its outcomes', () => {
		const actual = Object.fromEntries(
			Object.entries(REASON_CODES).map(([code, info]) => [code, info.outcome]),
		);
		expect(actual).toEqual(PUBLISHED);
	});

	it.each(Object.entries(REASON_CODES))(
		'%s has a valid outcome and a one-line description',
		(code, info) => {
			expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
			expect(OutcomeSchema.safeParse(info.outcome).success).toBe(true);
			expect(info.description).toMatch(/^[A-Z][^\n]{10,}\.$/);
		},
	);

	it('cannot be modified at run time', () => {
		expect(Object.isFrozen(REASON_CODES)).toBe(true);
	});
});

describe('outcomeOf', () => {
	it.each<[ReasonCode[], string]>([
		[[], 'verified'],
		[['SCORE_MET', 'TIME_MET'], 'verified'],
		[['SCORE_MET', 'TIME_AT_MINIMUM'], 'needs_review'],
		[['INTEGRITY_HOLD', 'MODULES_INCOMPLETE', 'SCORE_MET'], 'not_eligible'],
		[['APPROVAL_REJECTED', 'APPROVAL_PENDING'], 'not_eligible'],
	])('%j -> %s', (reasonCodes, outcome) => {
		expect(outcomeOf(reasonCodes)).toBe(outcome);
	});

	it.each<[string, Outcome, Outcome]>([
		['makes a review reason refuse', 'not_eligible', 'not_eligible'],
		['restates the catalogued outcome', 'needs_review', 'needs_review'],
		['cannot make a review reason verified', 'verified', 'needs_review'],
	])("a reason's own outcome %s", (_, own, expected) => {
		expect(outcomeOf([{ code: 'TIME_BELOW_MINIMUM', outcome: own }])).toBe(expected);
	});

	it("a reason's own outcome cannot soften a refusing code", () => {
		expect(outcomeOf([{ code: 'MODULES_INCOMPLETE', outcome: 'needs_review' }])).toBe(
			'not_eligible',
		);
	});
});

describe('every catalogued code is reachable and nothing else is emitted', () => {
	const course = {
		passingScore: 80,
		minTimeOnTaskMinutes: 30,
		requiredModules: ['m1'],
		prerequisites: ['C-100'],
		subjectiveCriteria: [{ id: 'capstone' }],
	};
	const scenarios: Array<Partial<VerificationInput>> = [
		{
			score: 90,
			timeSpentMinutes: 40,
			modules: [{ id: 'm1', status: 'completed' }],
			prerequisites: [{ courseId: 'C-100', status: 'completed' }],
			recipientName: 'Ada Lovelace',
			approvals: { capstone: 'approved' },
		},
		{
			score: 79,
			timeSpentMinutes: 30,
			modules: [{ id: 'm1', status: 'exempt' }],
			prerequisites: [{ courseId: 'C-100', status: 'in_appeal' }],
			recipientName: 'Grace Hopper',
			lmsLookup: { score: 50, email: 'grace@example.org' },
			integrityHold: true,
			investigationActive: true,
			approvals: { capstone: 'pending' },
		},
		{ score: 10, timeSpentMinutes: 5, approvals: { capstone: 'rejected' } },
		{},
		{ course: { id: 'unknown' } },
	];

	it('covers the whole catalogue', () => {
		const seen = new Set<string>();
		for (const scenario of scenarios) {
			const decision = verifyCompletion(completion(scenario), ruleSetWith(course), { now: NOW });
			for (const reason of decision.reasons) seen.add(reason.code);
		}
		expect([...seen].sort()).toEqual(Object.keys(REASON_CODES).sort());
	});
});
