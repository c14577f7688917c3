import {
	parseVerificationInput,
	verifyCompletion,
	type VerificationInput,
} from '../../../nodes/core/domain/rules';
import { openTestLedger, removeTempFolders } from '../ledger/support/fixtures';
import { codes, completion, detailOf, NOW, ruleSetWith } from './rule-fixtures';

const options = { now: NOW };
const rules = ruleSetWith({ passingScore: 70 });

describe('score mismatch between the event and the LMS lookup (default tolerance 5 points)', () => {
	const scored = (score: number, lookupScore: number, maxScore?: number): VerificationInput =>
		completion({ score, maxScore, lmsLookup: { score: lookupScore } });

	it.each<[string, number, number, number | undefined, boolean]>([
		['4.9 points apart', 80, 84.9, undefined, false],
		['5.1 points apart', 80, 85.1, undefined, true],
		['exactly 5 points apart (not more than 5)', 80, 85, undefined, false],
		['lookup lower by 5.1 points', 85.1, 80, undefined, true],
		['0.1 + 0.2 style floats at the boundary', 0.3, 5.3, undefined, false],
		['points on another scale: 40/50 is 80 %, lookup 85.1 %', 40, 85.1, 50, true],
		['points on another scale: 40/50 is 80 %, lookup 84.9 %', 40, 84.9, 50, false],
	])('%s', (_, score, lookupScore, maxScore, held) => {
		const decision = verifyCompletion(scored(score, lookupScore, maxScore), rules, options);
		expect(codes(decision).includes('SCORE_MISMATCH')).toBe(held);
		if (held) expect(decision.outcome).toBe('needs_review');
		expect(decision.dataPoints).toMatchObject({
			lookupScorePercent: lookupScore,
			scoreMismatchTolerance: 5,
		});
		expect(decision.dataPoints.eventScorePercent).toBeCloseTo((score / (maxScore ?? 100)) * 100, 6);
	});

	it('names both values and the tolerance in the reason', () => {
		const decision = verifyCompletion(scored(80, 85.1), rules, options);
		expect(detailOf(decision, 'SCORE_MISMATCH')).toBe(
			"the event's score 80% and the LMS lookup's score 85.1% differ by 5.1 points, more than the tolerance of 5",
		);
		expect(decision.dataPoints.scoreDifference).toBe(5.1);
	});

	it('a passing score still goes to review when the systems disagree', () => {
		const decision = verifyCompletion(scored(95, 60), rules, options);
		expect(codes(decision)).toEqual(expect.arrayContaining(['SCORE_MET', 'SCORE_MISMATCH']));
		expect(decision.outcome).toBe('needs_review');
	});

	it.each<[string, number, number, boolean]>([
		['tolerance 2 holds 2.5 points', 2, 82.5, true],
		['tolerance 10 accepts 9.9 points', 10, 89.9, false],
		['tolerance 0 holds any difference', 0, 80.01, true],
	])('rule-set setting: %s', (_, tolerance, lookupScore, held) => {
		const decision = verifyCompletion(
			scored(80, lookupScore),
			ruleSetWith({ passingScore: 70 }, { defaults: { scoreMismatchTolerance: tolerance } }),
			options,
		);
		expect(codes(decision).includes('SCORE_MISMATCH')).toBe(held);
		expect(decision.dataPoints.scoreMismatchTolerance).toBe(tolerance);
	});

	it('is not compared when either score is absent', () => {
		for (const input of [completion({ score: 80 }), completion({ lmsLookup: { score: 20 } })]) {
			const decision = verifyCompletion(input, rules, options);
			expect(codes(decision)).not.toContain('SCORE_MISMATCH');
			expect(decision.dataPoints).not.toHaveProperty('lookupScorePercent');
		}
	});

	it('leaves the hash of rule sets without the setting unchanged', () => {
		const withDefault = ruleSetWith(
			{ passingScore: 70 },
			{ defaults: { scoreMismatchTolerance: 5 } },
		);
		expect(withDefault.ruleHash).not.toBe(rules.ruleHash);
		expect(ruleSetWith({ passingScore: 70 }).ruleHash).toBe(rules.ruleHash);
	});
});

describe('e-mail mismatch between the event, the LMS profile and the recipient', () => {
	const rules = ruleSetWith({});
	const emails = (
		event: string | undefined,
		profile: string | undefined,
		recipient: string | undefined,
	): VerificationInput =>
		completion({
			learner: { id: '57', email: event, name: 'Ada Lovelace' },
			...(profile !== undefined ? { lmsLookup: { email: profile } } : {}),
			recipientEmail: recipient,
		});

	it.each<[string, string | undefined, string | undefined, string | undefined, boolean]>([
		['all three equal', 'ada@example.org', 'ada@example.org', 'ada@example.org', false],
		['case only', 'Ada@Example.ORG', 'ada@example.org', 'ADA@EXAMPLE.ORG', false],
		['surrounding spaces only', ' ada@example.org ', 'ada@example.org', 'ada@example.org\t', false],
		['profile differs', 'ada@example.org', 'ada.l@example.org', 'ada@example.org', true],
		['recipient differs', 'ada@example.org', 'ada@example.org', 'grace@example.org', true],
		['only event and recipient, differing', 'ada@example.org', undefined, 'ada@example.com', true],
		[
			'only event and profile, equal but for case',
			'ADA@example.org',
			'ada@EXAMPLE.org',
			undefined,
			false,
		],
	])('%s', (_, event, profile, recipient, held) => {
		const decision = verifyCompletion(emails(event, profile, recipient), rules, options);
		expect(codes(decision).includes('EMAIL_MISMATCH')).toBe(held);
		expect(decision.outcome).toBe(held ? 'needs_review' : 'verified');
	});

	it('names the sources that differ, never the addresses (the decision goes to the public chain)', () => {
		const decision = verifyCompletion(
			emails('ada@example.org', 'ada.l@example.org', 'ADA@example.org'),
			rules,
			options,
		);
		expect(decision.dataPoints).toMatchObject({
			emailSourcesCompared: ['event', 'profile', 'recipient'],
			emailSourcesDiffering: ['profile'],
		});
		expect(detailOf(decision, 'EMAIL_MISMATCH')).toBe(
			'the e-mail of the LMS profile differs from the one of the event (case and spaces aside)',
		);
		expect(JSON.stringify(decision)).not.toMatch(/@/);
	});

	it('compares with the profile when the event has no address', () => {
		const decision = verifyCompletion(
			emails(undefined, 'ada@example.org', 'bob@example.org'),
			rules,
			options,
		);
		expect(decision.dataPoints.emailSourcesDiffering).toEqual(['recipient']);
		expect(detailOf(decision, 'EMAIL_MISMATCH')).toContain(
			'the recipient differs from the one of the LMS profile',
		);
	});

	it('is not compared with fewer than two addresses', () => {
		const decision = verifyCompletion(
			emails('ada@example.org', undefined, undefined),
			rules,
			options,
		);
		expect(codes(decision)).not.toContain('EMAIL_MISMATCH');
		expect(decision.dataPoints).not.toHaveProperty('emailSourcesCompared');
	});
});

describe('reading the lookup values from a completion item', () => {
	const base = {
		source: 'moodle',
		learner: { id: '57', email: 'ada@example.org' },
		course: { id: 'C-101' },
		completedAt: '2024-06-03T16:00:00Z',
		score: 80,
	};

	it("takes an LMS trigger's enrichment.lookup", () => {
		const parsed = parseVerificationInput({
			...base,
			enrichment: {
				status: 'enriched',
				source: 'moodle web services',
				fields: [],
				lookup: { score: 85.1, email: 'x@example.org' },
			},
		});
		expect(parsed.ok && parsed.value.lmsLookup).toEqual({ score: 85.1, email: 'x@example.org' });
	});

	it('prefers lmsLookup and names the field of a bad value', () => {
		const parsed = parseVerificationInput({ ...base, lmsLookup: { score: 'high' } });
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.issues[0].path).toBe('lmsLookup.score');
		const fromTrigger = parseVerificationInput({ ...base, enrichment: { lookup: { score: -1 } } });
		expect(!fromTrigger.ok && fromTrigger.issues[0].path).toBe('enrichment.lookup.score');
	});

	it('reads recipientEmail and survives a re-parse of its own output', () => {
		const first = parseVerificationInput({
			...base,
			recipientEmail: ' ada@example.org ',
			lmsLookup: { score: 81 },
		});
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		expect(first.value.recipientEmail).toBe('ada@example.org');
		const again = parseVerificationInput(first.value);
		expect(again.ok && again.value).toEqual(first.value);
	});
});

describe('held decisions go to the ledger as they are', () => {
	afterEach(removeTempFolders);

	it('a score and e-mail mismatch decision is accepted by the public chain', async () => {
		const decision = verifyCompletion(
			completion({
				score: 80,
				recipientEmail: 'someone@example.org',
				lmsLookup: { score: 90, email: 'other@example.org' },
			}),
			rules,
			options,
		);
		expect(codes(decision)).toEqual(expect.arrayContaining(['SCORE_MISMATCH', 'EMAIL_MISMATCH']));
		const { ledger } = await openTestLedger();
		const recorded = await ledger.recordDecision('k-held', decision);
		expect(recorded.status).toBe('recorded');
		expect(recorded.entry.payload.dataPoints).toMatchObject({ lookupScorePercent: 90 });
	});
});
