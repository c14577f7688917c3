import {
	attendeeNameOf,
	computeCredits,
	rollUpByAttendee,
} from '../../../nodes/core/domain/credit';
import type { CreditDecision } from '../../../nodes/core/domain/model';
import { loadDemo } from './demo-fixtures';

// The sample conference (test/fixtures/cpe) rolled up to one item per attendee and event.
const demo = loadDemo();
const result = computeCredits({
	schedule: demo.schedule,
	policies: demo.policies,
	signals: Object.values(demo.sources).flatMap((source) => source.signals),
	now: new Date('2026-05-20T00:00:00Z'),
});
if (!result.ok) throw new Error(JSON.stringify(result.issues));
const decisions = result.decisions;
const rollUps = rollUpByAttendee(decisions, demo.schedule, 'SPRING-CPE-2026');

/** Credits as whole hundredths, added with integers: an independent check of the decimal sums. */
const hundredths = (credits: string) => {
	const [whole, fraction = ''] = credits.split('.');
	return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
};

describe('rollUpByAttendee', () => {
	it('gives one item per attendee, every session decision accounted for once', () => {
		const attendees = [...new Set(decisions.map((d) => d.subject.attendeeId))];
		expect(rollUps.map((r) => r.subject.attendeeId)).toEqual(attendees);
		for (const rollUp of rollUps) {
			const own = decisions.filter((d) => d.subject.attendeeId === rollUp.subject.attendeeId);
			const listed = [
				...rollUp.sessionCredits.map((line) => line.sessionId),
				...rollUp.uncreditedSessions.map((line) => line.sessionId),
			];
			expect(listed.sort()).toEqual(own.map((d) => d.subject.sessionId).sort());
			expect(rollUp.subject.eventId).toBe('SPRING-CPE-2026');
		}
	});

	it('totals equal the sum of the credited sessions, exactly', () => {
		for (const rollUp of rollUps) {
			const own = decisions.filter(
				(d) => d.subject.attendeeId === rollUp.subject.attendeeId && d.outcome !== 'needs_review',
			);
			const expected = own.reduce((sum, d) => sum + hundredths(d.credits), 0);
			expect(hundredths(rollUp.credits)).toBe(expected);
		}
		const ada = rollUps.find((r) => r.subject.attendeeId === 'ada@example.com');
		expect(ada?.sessionCredits.length).toBeGreaterThan(1);
	});

	it('lists each credited session with title, local date, delivery method, field and policy', () => {
		const ada = rollUps.find((r) => r.subject.attendeeId === 'ada@example.com');
		const keynote = ada?.sessionCredits.find((line) => line.sessionId === 'KEY');
		const session = demo.schedule.sessions.get('KEY');
		const decision = decisions.find(
			(d) => d.subject.attendeeId === 'ada@example.com' && d.subject.sessionId === 'KEY',
		) as CreditDecision;
		expect(keynote).toEqual({
			sessionId: 'KEY',
			sessionIds: ['KEY'],
			title: session?.session.title,
			date: '2026-05-14',
			deliveryMethod: decision.deliveryMethod,
			fieldOfStudy: session?.session.fieldOfStudy,
			credits: decision.credits,
			outcome: decision.outcome,
			ruleSetId: decision.ruleSetId,
			ruleVersion: decision.ruleVersion,
			ruleHash: decision.ruleHash,
		});
	});

	it('sends an attendee with any session in review to Needs Review, and one with nothing earned to No Credit', () => {
		for (const rollUp of rollUps) {
			const own = decisions.filter((d) => d.subject.attendeeId === rollUp.subject.attendeeId);
			if (own.some((d) => d.outcome === 'needs_review'))
				expect(rollUp.outcome).toBe('needs_review');
			else if (rollUp.credits === '0') expect(rollUp.outcome).toBe('no_credit');
			else expect(['full_credit', 'partial_credit']).toContain(rollUp.outcome);
		}
		expect(rollUps.find((r) => r.subject.attendeeId === '1005')).toMatchObject({
			outcome: 'no_credit',
			credits: '0',
			sessionCredits: [],
		});
	});

	it('names the policies: one policy as is, several joined with a hash over all of them', () => {
		const ada = rollUps.find((r) => r.subject.attendeeId === 'ada@example.com');
		const hashes = new Set(ada?.sessionCredits.map((line) => line.ruleHash));
		// Ada's keynote is credited under its own threshold policy, her other sessions under NASBA.
		expect(hashes.size).toBeGreaterThan(1);
		expect(ada?.ruleSetId).toContain('+');
		expect([...hashes]).not.toContain(ada?.ruleHash);
		expect(ada?.ruleHash).toMatch(/^[0-9a-f]{64}$/);
		const single = rollUps.find((r) => new Set(r.sessionCredits.map((l) => l.ruleHash)).size === 1);
		expect(single?.ruleHash).toBe(single?.sessionCredits[0].ruleHash);
	});
});

describe('attendeeNameOf', () => {
	it('reads the name column of a source row, or first and last name', () => {
		expect(attendeeNameOf([{ 'Full Name': 'Ada Lovelace', Email: 'ada@example.com' }])).toBe(
			'Ada Lovelace',
		);
		expect(attendeeNameOf([undefined, { 'First Name': 'Grace', 'Last Name': 'Hopper' }])).toBe(
			'Grace Hopper',
		);
		expect(attendeeNameOf([{ Email: 'alan@example.com' }])).toBeUndefined();
	});
});
