// Data that differs between systems (playbook: score discrepancy > 5 %, e-mail mismatch) holds a
// completion for review, through the real engine: from a trigger's enrichment and from Map Fields.
import {
	completionEvent,
	decisionOf,
	expectCheckCase,
	runVerifyCompletion,
	type CheckCase,
} from '../support/verify-completion';

// SCORE-ONLY passes at 80 %; the lookup values sit where an LMS trigger puts them.
const lookedUp = (score: number, lookup: Record<string, unknown>, email?: string) =>
	completionEvent({
		score,
		learner: { id: '57', name: 'Ana Lima', ...(email ? { email } : {}) },
		enrichment: { status: 'enriched', source: 'moodle web services', fields: [], lookup },
	});

const cases: CheckCase[] = [
	{
		name: 'scores 4.9 points apart pass',
		event: lookedUp(90, { score: 94.9 }),
		branch: 'verified',
		codes: ['SCORE_MET', 'ALL_CRITERIA_MET'],
	},
	{
		name: 'scores 5.1 points apart are held',
		event: lookedUp(90, { score: 95.1 }),
		branch: 'needs_review',
		codes: ['SCORE_MET', 'SCORE_MISMATCH'],
	},
	{
		name: 'e-mails differing in case and spaces only pass',
		event: lookedUp(90, { email: ' ANA@example.org ' }, 'ana@Example.org'),
		branch: 'verified',
		codes: ['SCORE_MET', 'ALL_CRITERIA_MET'],
	},
	{
		name: 'another profile e-mail is held',
		event: lookedUp(90, { email: 'ana.lima@example.org' }, 'ana@example.org'),
		branch: 'needs_review',
		codes: ['SCORE_MET', 'EMAIL_MISMATCH'],
	},
];

describe('Verify Completion: systems that disagree', () => {
	test.each(cases)('$name', async (testCase) => {
		await expectCheckCase(testCase);
	});

	test('the decision keeps both scores for the reviewer', async () => {
		const decision = await expectCheckCase(cases[1]);
		expect(decision.dataPoints).toMatchObject({
			eventScorePercent: 90,
			lookupScorePercent: 95.1,
			scoreDifference: 5.1,
			scoreMismatchTolerance: 5,
		});
	});

	test('Map Fields: the recipient e-mail evidence is compared with the learner e-mail', async () => {
		const run = await runVerifyCompletion({
			items: [{ id: 57, mail: 'ana@example.org', sendTo: 'someone@example.org', points: 90 }],
			parameters: {
				inputMode: 'mapFields',
				source: 'moodle',
				learnerId: '={{ $json.id }}',
				learnerEmail: '={{ $json.mail }}',
				courseId: 'SCORE-ONLY',
				completedAt: '2024-06-03T16:00:00Z',
				score: '={{ $json.points }}',
				evidence: { recipientEmail: '={{ $json.sendTo }}', lookupScore: 90 },
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.branchOf(0)).toBe('needs_review');
		const decision = decisionOf(run.itemFor(0));
		expect(decision.reasons.map((reason) => reason.code)).toContain('EMAIL_MISMATCH');
		expect(decision.dataPoints).toMatchObject({
			emailSourcesCompared: ['event', 'recipient'],
			emailSourcesDiffering: ['recipient'],
			lookupScorePercent: 90,
		});
		expect(JSON.stringify(decision)).not.toContain('@');
	});
});
