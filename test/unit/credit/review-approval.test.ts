// A reviewer approving an attendee in review may enter the credit to grant. Empty keeps the
// computed credit; an amount is the attendee's new total, checked against the rule: not below
// what attendance earned, not above each session in review at its maximum, in the rule's
// increment. A refusal names the field and the range to enter.
import {
	approvalRange,
	approvedCredits,
	computeCredits,
	reviewCreditLimits,
	ReviewCreditError,
	rollUpByAttendee,
} from '../../../nodes/core/domain/credit';
import { loadDemo } from './demo-fixtures';

const RULE = { ruleSetId: 'nasba-fifths', ruleVersion: '2026.1', ruleHash: 'a'.repeat(64) };

/** Mary: the keynote credited (1), A1 in review (at most 2, fifths), L1 in review (at most 0.5, halves). */
function mary(inReview: Array<[string, string, string]> = [['A1', '2', '0.2']]) {
	return {
		subject: { attendeeId: 'mary@example.com', eventId: 'SPRING-CPE-2026' },
		outcome: 'needs_review',
		credits: '1',
		sessionCredits: [
			{ sessionId: 'KEY', sessionIds: ['KEY'], title: 'Keynote', credits: '1', ...RULE },
		],
		uncreditedSessions: inReview.map(([sessionId, maxCredits, increment]) => ({
			sessionId,
			title: `${sessionId} title`,
			outcome: 'needs_review',
			reasonCodes: ['MISSING_CHECKOUT'],
			review: {
				sessionIds: [sessionId],
				date: '2026-05-14',
				deliveryMethod: 'group-live',
				fieldOfStudy: 'Accounting',
				...RULE,
				maxCredits,
				increment,
			},
		})),
	};
}

const refusal = (entered: unknown, item: unknown = mary()) => {
	try {
		approvedCredits(item, entered);
	} catch (error) {
		if (error instanceof ReviewCreditError) return error.message;
		throw error;
	}
	throw new Error(`${String(entered)} was accepted`);
};

describe('approvedCredits: the credit a reviewer grants', () => {
	test.each([undefined, null, '', '  '])('empty (%p) keeps the computed credit', (entered) => {
		expect(approvedCredits(mary(), entered)).toEqual({
			credits: '1',
			computedCredits: '1',
			sessionCredits: [expect.objectContaining({ sessionId: 'KEY', credits: '1' })],
		});
	});

	test('an amount above the computed credit goes to the session in review, as a certificate line', () => {
		const approved = approvedCredits(mary(), '2.4');
		expect(approved.credits).toBe('2.4');
		expect(approved.computedCredits).toBe('1');
		expect(approved.sessionCredits).toEqual([
			expect.objectContaining({ sessionId: 'KEY', credits: '1' }),
			{
				sessionId: 'A1',
				sessionIds: ['A1'],
				title: 'A1 title',
				date: '2026-05-14',
				deliveryMethod: 'group-live',
				fieldOfStudy: 'Accounting',
				credits: '1.4',
				outcome: 'partial_credit',
				...RULE,
			},
		]);
	});

	test('sessions in review fill in schedule order, each up to its maximum', () => {
		const item = mary([
			['A1', '2', '0.2'],
			['L1', '0.5', '0.5'],
		]);
		expect(reviewCreditLimits(item)).toMatchObject({ computed: '1', maximum: '3.5' });
		const lines = approvedCredits(item, 3.5).sessionCredits;
		expect(lines.map((l) => [l.sessionId, l.credits, l.outcome])).toEqual([
			['KEY', '1', undefined],
			['A1', '2', 'full_credit'],
			['L1', '0.5', 'full_credit'],
		]);
		expect(approvedCredits(item, '1.00').credits).toBe('1');
	});

	test.each([
		[
			'abc',
			/^Credits "abc" is not a number of credits: enter credits as a decimal number such as 2\.4/,
		],
		['2,4', /^Credits "2,4" is not a number of credits/],
		['-1', /^Credits "-1" cannot be negative: .* leave Credits empty for the computed 1$/],
		[
			'0',
			/^Credits 0 is below the 1 credits the attendance already earned: enter a total from 1 \(the computed credit\) to 3 \(A1 at most 2 in steps of 0\.2 added\); to lower earned credits, refuse and correct the attendance data$/,
		],
		[
			'3.2',
			/^Credits 3\.2 is above the most the rule allows: enter a total from 1 \(the computed credit\) to 3 \(A1 at most 2 in steps of 0\.2 added\)$/,
		],
		[
			'2.5',
			/^Credits 2\.5 would give A1 1\.5 credits, not whole steps of its rule's increment 0\.2: enter a total from 1/,
		],
	])('%p is refused, naming the field and what to enter', (entered, message) => {
		expect(refusal(entered)).toMatch(message);
	});

	test('the range a reviewer reads beside the form, and none for an item not in review', () => {
		expect(approvalRange(mary())).toBe(
			'from 1 (the computed credit) to 3 (A1 at most 2 in steps of 0.2 added)',
		);
		expect(approvalRange({ ...mary(), uncreditedSessions: [] })).toBeUndefined();
	});

	test('an item without a session in review is refused, naming what to connect', () => {
		const credited = { ...mary(), uncreditedSessions: [] };
		expect(refusal('2', credited)).toMatch(/Needs Review output \(One Item per Attendee\)/);
		expect(refusal('2', { credits: '1' })).toMatch(/not a CPE Credit attendee item/);
	});
});

describe('roll-ups carry what an approval needs', () => {
	test('each session in review has its line facts, its maximum and its increment', () => {
		const demo = loadDemo();
		const result = computeCredits({
			schedule: demo.schedule,
			policies: demo.policies,
			signals: Object.values(demo.sources).flatMap((source) => source.signals),
			now: new Date('2026-05-20T00:00:00Z'),
		});
		if (!result.ok) throw new Error(JSON.stringify(result.issues));
		const inReview = result.decisions.filter((d) => d.outcome === 'needs_review');
		expect(inReview.length).toBeGreaterThan(0);
		const rollUps = rollUpByAttendee(result.decisions, demo.schedule, 'SPRING-CPE-2026');
		for (const decision of inReview) {
			const rollUp = rollUps.find((r) => r.subject.attendeeId === decision.subject.attendeeId);
			const session = rollUp?.uncreditedSessions.find(
				(s) => s.sessionId === decision.subject.sessionId,
			);
			expect(session?.review).toMatchObject({
				sessionIds: decision.subject.sessionIds,
				deliveryMethod: decision.deliveryMethod,
				maxCredits: decision.maxCredits,
				increment: decision.dataPoints.increment,
				date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			});
		}
		const noCredit = rollUps
			.flatMap((r) => r.uncreditedSessions)
			.filter((s) => s.outcome !== 'needs_review');
		expect(noCredit.every((s) => s.review === undefined)).toBe(true);
	});
});
