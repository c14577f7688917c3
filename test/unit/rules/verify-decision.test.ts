import { DecisionSchema } from '../../../nodes/core/domain/model';
import { verifyCompletion } from '../../../nodes/core/domain/rules';
import { codes, completion, COURSE_ID, NOW, ruleSetWith } from './rule-fixtures';

const strictCourse = {
	passingScore: 80,
	minTimeOnTaskMinutes: 30,
	requiredModules: ['m1'],
	prerequisites: ['C-100'],
	subjectiveCriteria: [{ id: 'capstone' }],
};

describe('decision envelope', () => {
	const rules = ruleSetWith({ passingScore: 80 });

	it('carries the subject, rule identity and decision time', () => {
		const decision = verifyCompletion(completion({ score: 90 }), rules, { now: NOW });
		expect(decision.subject).toEqual({
			learnerId: '57',
			courseId: COURSE_ID,
			source: 'moodle',
			businessKey: `moodle|57|${COURSE_ID}|2024-06-03T16:00:00Z`,
		});
		expect(decision.ruleSetId).toBe('acme-cpe');
		expect(decision.ruleVersion).toBe('2026.1');
		expect(decision.ruleHash).toBe(rules.ruleHash);
		expect(decision.decidedAt).toBe('2026-03-01T12:00:00.000Z');
		expect(DecisionSchema.parse(decision)).toEqual(decision);
	});

	it('defaults decidedAt to the current time', () => {
		const before = Date.now();
		const decision = verifyCompletion(completion({ score: 90 }), rules);
		const decidedAt = Date.parse(decision.decidedAt);
		expect(decidedAt).toBeGreaterThanOrEqual(before);
		expect(decidedAt).toBeLessThanOrEqual(Date.now());
	});

	it('refuses an invalid now', () => {
		expect(() => verifyCompletion(completion(), rules, { now: new Date('nope') })).toThrow(
			RangeError,
		);
	});

	it('is deterministic for the same input, rules and time', () => {
		const input = completion({ score: 79, timeSpentMinutes: 12 });
		expect(verifyCompletion(input, rules, { now: NOW })).toEqual(
			verifyCompletion(input, rules, { now: NOW }),
		);
	});
});

describe('combining checks', () => {
	it('runs every check and keeps all their reasons in check order', () => {
		const input = completion({
			score: 79,
			timeSpentMinutes: 30,
			modules: [{ id: 'm1', status: 'exempt' }],
			prerequisites: [{ courseId: 'C-100', status: 'incomplete' }],
			integrityHold: true,
			approvals: { capstone: 'approved' },
		});
		const decision = verifyCompletion(input, ruleSetWith(strictCourse), { now: NOW });
		expect(codes(decision)).toEqual([
			'SCORE_NEAR_THRESHOLD',
			'TIME_AT_MINIMUM',
			'MODULE_EXEMPT',
			'PREREQUISITE_MISSING',
			'INTEGRITY_HOLD',
			'APPROVAL_GRANTED',
		]);
		expect(decision.outcome).toBe('not_eligible');
	});

	it('is needs_review when the worst reason is a review reason', () => {
		const input = completion({
			score: 85,
			timeSpentMinutes: 45,
			modules: [{ id: 'm1', status: 'completed' }],
			prerequisites: [{ courseId: 'C-100', status: 'completed' }],
			approvals: { capstone: 'pending' },
		});
		const decision = verifyCompletion(input, ruleSetWith(strictCourse), { now: NOW });
		expect(decision.outcome).toBe('needs_review');
		expect(codes(decision)).not.toContain('ALL_CRITERIA_MET');
	});

	it('is verified with ALL_CRITERIA_MET last when every check passes', () => {
		const input = completion({
			score: 85,
			timeSpentMinutes: 45,
			modules: [{ id: 'm1', status: 'completed' }],
			prerequisites: [{ courseId: 'C-100', status: 'completed' }],
			approvals: { capstone: 'approved' },
			recipientName: 'Ada Lovelace',
		});
		const decision = verifyCompletion(input, ruleSetWith(strictCourse), { now: NOW });
		expect(decision.outcome).toBe('verified');
		expect(codes(decision)).toEqual([
			'SCORE_MET',
			'TIME_MET',
			'MODULES_COMPLETE',
			'PREREQUISITES_MET',
			'IDENTITY_MATCH',
			'APPROVAL_GRANTED',
			'ALL_CRITERIA_MET',
		]);
		expect(decision.dataPoints).toEqual({
			courseRuleFound: true,
			passingScore: 80,
			reviewMargin: 2,
			score: 85,
			maxScore: 100,
			scorePercent: 85,
			minTimeOnTaskMinutes: 30,
			timeSpentMinutes: 45,
			requiredModules: ['m1'],
			completedModules: ['m1'],
			exemptModules: [],
			incompleteModules: [],
			missingModules: [],
			prerequisitesRequired: ['C-100'],
			prerequisitesCompleted: ['C-100'],
			prerequisitesInAppeal: [],
			prerequisitesMissing: [],
			identityChecked: true,
			nameDistance: 0,
			nameTolerance: 2,
			integrityHold: false,
			investigationActive: false,
			approvalsGranted: ['capstone'],
			approvalsRejected: [],
			approvalsPending: [],
		});
	});
});
