// Prerequisites, identity, integrity, approvals, missing course rules and the combination of
// every check, run through the real engine against test/fixtures/rule-sets/completion-rules.yaml.
import {
	completionEvent,
	expectCheckCase,
	readJsonFixture,
	type CheckCase,
} from '../support/verify-completion';

const prerequisitesOnly = (prerequisites?: Array<{ courseId: string; status: string }>) =>
	completionEvent({ course: { id: 'PREREQUISITES-ONLY' }, prerequisites });
const identityOnly = (overrides: Record<string, unknown>) =>
	completionEvent({ course: { id: 'IDENTITY-ONLY' }, ...overrides });
const approvalsOnly = (approvals?: Record<string, string>) =>
	completionEvent({ course: { id: 'APPROVALS-ONLY' }, approvals });

const PREREQUISITES_MET = ['PREREQUISITES_MET', 'ALL_CRITERIA_MET'];

// PREREQUISITES-ONLY requires SAFE-100; evidence comes from the item or the node option.
const prerequisiteCases: CheckCase[] = [
	{
		name: 'completed, reported in the item',
		event: prerequisitesOnly([{ courseId: 'SAFE-100', status: 'completed' }]),
		branch: 'verified',
		codes: PREREQUISITES_MET,
	},
	{
		name: 'under appeal, reported in the item',
		event: prerequisitesOnly([{ courseId: 'SAFE-100', status: 'in_appeal' }]),
		branch: 'needs_review',
		codes: ['PREREQUISITE_IN_APPEAL'],
	},
	{
		name: 'incomplete, reported in the item',
		event: prerequisitesOnly([{ courseId: 'SAFE-100', status: 'incomplete' }]),
		branch: 'not_eligible',
		codes: ['PREREQUISITE_MISSING'],
	},
	{
		name: 'no record anywhere',
		event: prerequisitesOnly(undefined),
		branch: 'not_eligible',
		codes: ['PREREQUISITE_MISSING'],
	},
	{
		name: 'only another course completed',
		event: prerequisitesOnly([{ courseId: 'SAFE-200', status: 'completed' }]),
		branch: 'not_eligible',
		codes: ['PREREQUISITE_MISSING'],
	},
	{
		name: 'completed, from the Completed Prerequisites option',
		event: prerequisitesOnly(undefined),
		completedPrerequisites: [{ learnerId: '57', courseId: 'SAFE-100', status: 'completed' }],
		branch: 'verified',
		codes: PREREQUISITES_MET,
	},
	{
		name: 'completed, from the option with a numeric learner id',
		event: prerequisitesOnly(undefined),
		completedPrerequisites: [{ learnerId: 57, courseId: 'SAFE-100', status: 'completed' }],
		branch: 'verified',
		codes: PREREQUISITES_MET,
	},
	{
		name: 'the option only knows another learner',
		event: prerequisitesOnly(undefined),
		completedPrerequisites: [{ learnerId: '58', courseId: 'SAFE-100', status: 'completed' }],
		branch: 'not_eligible',
		codes: ['PREREQUISITE_MISSING'],
	},
	{
		name: 'under appeal, from the option',
		event: prerequisitesOnly(undefined),
		completedPrerequisites: [{ learnerId: '57', courseId: 'SAFE-100', status: 'in_appeal' }],
		branch: 'needs_review',
		codes: ['PREREQUISITE_IN_APPEAL'],
	},
	{
		name: 'incomplete in the item, completed in the option',
		event: prerequisitesOnly([{ courseId: 'SAFE-100', status: 'incomplete' }]),
		completedPrerequisites: [{ learnerId: '57', courseId: 'SAFE-100', status: 'completed' }],
		branch: 'verified',
		codes: PREREQUISITES_MET,
	},
];

// IDENTITY-ONLY: learner name "Ana Lima", tolerance 2 edits after normalisation.
const identityCases: CheckCase[] = [
	{
		name: 'same name',
		event: identityOnly({ recipientName: 'Ana Lima' }),
		branch: 'verified',
		codes: ['IDENTITY_MATCH', 'ALL_CRITERIA_MET'],
	},
	{
		name: 'case, accents and spacing are normalised away',
		event: identityOnly({ recipientName: '  ANA   LÍMA ' }),
		branch: 'verified',
		codes: ['IDENTITY_MATCH', 'ALL_CRITERIA_MET'],
	},
	{
		name: 'two edits are within tolerance',
		event: identityOnly({ recipientName: 'Ava Lina' }),
		branch: 'verified',
		codes: ['IDENTITY_MATCH', 'ALL_CRITERIA_MET'],
	},
	{
		name: 'three edits are a mismatch',
		event: identityOnly({ recipientName: 'Eva Lina' }),
		branch: 'needs_review',
		codes: ['NAME_MISMATCH'],
	},
	{
		name: 'no recipient name: nothing to compare',
		event: identityOnly({}),
		branch: 'verified',
		codes: ['ALL_CRITERIA_MET'],
	},
	{
		name: 'no learner name: nothing to compare',
		event: identityOnly({ learner: { id: '57' }, recipientName: 'Someone Else' }),
		branch: 'verified',
		codes: ['ALL_CRITERIA_MET'],
	},
];

const integrityCases: CheckCase[] = [
	{
		name: 'integrity hold',
		event: identityOnly({ integrityHold: true }),
		branch: 'needs_review',
		codes: ['INTEGRITY_HOLD'],
	},
	{
		name: 'active investigation',
		event: identityOnly({ investigationActive: true }),
		branch: 'needs_review',
		codes: ['INVESTIGATION_ACTIVE'],
	},
	{
		name: 'both at once',
		event: identityOnly({ integrityHold: true, investigationActive: true }),
		branch: 'needs_review',
		codes: ['INTEGRITY_HOLD', 'INVESTIGATION_ACTIVE'],
	},
	{
		name: 'both explicitly false',
		event: identityOnly({ integrityHold: false, investigationActive: false }),
		branch: 'verified',
		codes: ['ALL_CRITERIA_MET'],
	},
];

// APPROVALS-ONLY: one subjective criterion "capstone"; silence is pending, never approval.
const approvalCases: CheckCase[] = [
	{
		name: 'approved',
		event: approvalsOnly({ capstone: 'approved' }),
		branch: 'verified',
		codes: ['APPROVAL_GRANTED', 'ALL_CRITERIA_MET'],
	},
	{
		name: 'rejected',
		event: approvalsOnly({ capstone: 'rejected' }),
		branch: 'not_eligible',
		codes: ['APPROVAL_REJECTED'],
	},
	{
		name: 'pending',
		event: approvalsOnly({ capstone: 'pending' }),
		branch: 'needs_review',
		codes: ['APPROVAL_PENDING'],
	},
	{
		name: 'no approvals sent',
		event: approvalsOnly(undefined),
		branch: 'needs_review',
		codes: ['APPROVAL_PENDING'],
	},
	{
		name: 'only another criterion approved',
		event: approvalsOnly({ practical: 'approved' }),
		branch: 'needs_review',
		codes: ['APPROVAL_PENDING'],
	},
];

const fullEvent = readJsonFixture('completions/completion-event.json');

const combinedCases: CheckCase[] = [
	{
		name: 'every check passes',
		event: fullEvent,
		branch: 'verified',
		codes: [
			'SCORE_MET',
			'TIME_MET',
			'MODULES_COMPLETE',
			'PREREQUISITES_MET',
			'IDENTITY_MATCH',
			'APPROVAL_GRANTED',
			'ALL_CRITERIA_MET',
		],
	},
	{
		name: 'the most severe reason decides, and every reason is reported',
		event: { ...fullEvent, score: 79, integrityHold: true, approvals: { capstone: 'rejected' } },
		branch: 'not_eligible',
		codes: [
			'SCORE_NEAR_THRESHOLD',
			'TIME_MET',
			'MODULES_COMPLETE',
			'PREREQUISITES_MET',
			'IDENTITY_MATCH',
			'INTEGRITY_HOLD',
			'APPROVAL_REJECTED',
		],
	},
	{
		name: 'all met except the time threshold is held for review',
		event: { ...fullEvent, timeSpentMinutes: 45 },
		branch: 'needs_review',
		codes: [
			'SCORE_MET',
			'TIME_BELOW_MINIMUM',
			'MODULES_COMPLETE',
			'PREREQUISITES_MET',
			'IDENTITY_MATCH',
			'APPROVAL_GRANTED',
		],
	},
	{
		name: 'one review reason holds back an otherwise verified completion',
		event: { ...fullEvent, timeSpentMinutes: 60 },
		branch: 'needs_review',
		codes: [
			'SCORE_MET',
			'TIME_AT_MINIMUM',
			'MODULES_COMPLETE',
			'PREREQUISITES_MET',
			'IDENTITY_MATCH',
			'APPROVAL_GRANTED',
		],
	},
];

describe('Verify Completion: prerequisites', () => {
	test.each(prerequisiteCases)('$name -> $branch $codes', async (testCase) => {
		await expectCheckCase(testCase);
	});
});

describe('Verify Completion: identity', () => {
	test.each(identityCases)('$name -> $branch $codes', async (testCase) => {
		await expectCheckCase(testCase);
	});
});

describe('Verify Completion: integrity', () => {
	test.each(integrityCases)('$name -> $branch $codes', async (testCase) => {
		await expectCheckCase(testCase);
	});
});

describe('Verify Completion: subjective approvals', () => {
	test.each(approvalCases)('$name -> $branch $codes', async (testCase) => {
		await expectCheckCase(testCase);
	});
});

describe('Verify Completion: course without a rule', () => {
	test('goes to review, names the course and runs no other check', async () => {
		const decision = await expectCheckCase({
			name: 'unknown course',
			event: completionEvent({ course: { id: 'CHEM-999' }, score: 10, integrityHold: true }),
			branch: 'needs_review',
			codes: ['COURSE_RULE_MISSING'],
		});
		expect(decision.reasons[0].detail).toContain('CHEM-999');
	});
});

describe('Verify Completion: all checks together', () => {
	test.each(combinedCases)('$name -> $branch', async (testCase) => {
		await expectCheckCase(testCase);
	});
});
