// The review view of one attendee: the decision in review in full (outcome, attendance, rule,
// windows counted, reasons, every source signal and its use), the other decisions in one line.
import { parseSchedule } from '../../../nodes/core/domain/attendance';
import { computeCredits, parseCreditPolicies } from '../../../nodes/core/domain/credit';
import type { AttendanceSignal, CreditDecision } from '../../../nodes/core/domain/model';
import {
	attendeeEvidence,
	reviewView,
	type EvidenceSignal,
} from '../../../nodes/core/domain/report';

const schedule = parseSchedule({
	eventId: 'SPRING-CPE-2026',
	timezone: 'UTC',
	defaultPolicy: 'nasba',
	sessions: [
		{
			id: 'A1',
			title: 'Revenue <recognition> & leases',
			start: '2026-05-14 09:00',
			end: '2026-05-14 09:50',
		},
		{ id: 'B1', title: 'Ethics for CPAs', start: '2026-05-14 10:00', end: '2026-05-14 10:50' },
	],
});
if (!schedule.ok) throw new Error(JSON.stringify(schedule.issues));
const policies = parseCreditPolicies([
	{ type: 'nasba', id: 'nasba', version: '2026.1', increment: 'fifths' },
]);
if (!policies.ok) throw new Error(JSON.stringify(policies.issues));

const signal = (sessionId: string, kind: string, at: string, row: number): AttendanceSignal =>
	({
		attendeeId: 'ada@example.com',
		sessionId,
		kind,
		at,
		source: 'badge',
		confidence: 0.95,
		row,
		room: 'Room A',
	}) as AttendanceSignal;
// A1: in, out, back in without an exit (review by default); B1: in and out, fully credited.
const signals = [
	signal('A1', 'check_in', '2026-05-14T08:58:00Z', 2),
	signal('A1', 'check_out', '2026-05-14T09:20:00Z', 5),
	signal('A1', 'check_in', '2026-05-14T09:25:00Z', 6),
	signal('B1', 'check_in', '2026-05-14T09:59:00Z', 3),
	signal('B1', 'check_out', '2026-05-14T10:51:00Z', 4),
];
const computed = computeCredits({
	schedule,
	policies: policies.policies,
	signals,
	now: new Date('2026-05-20T00:00:00Z'),
});
if (!computed.ok) throw new Error(JSON.stringify(computed.issues));
const decisions = JSON.parse(JSON.stringify(computed.decisions)) as CreditDecision[];
const evidenceOf = (sessionId: string): EvidenceSignal[] =>
	signals.filter((s) => s.sessionId === sessionId).map((s) => ({ ...s, use: 'counted' }));
const [evidence] = attendeeEvidence(
	decisions.map((decision) => ({
		decision,
		sessionTitle: schedule.sessions.get(decision.subject.sessionId)?.session.title,
		evidence: evidenceOf(decision.subject.sessionId),
	})),
);
const view = reviewView(evidence, { eventId: 'SPRING-CPE-2026', attendeeName: 'Ada Lovelace' });
const inReview = decisions.find((d) => d.outcome === 'needs_review') as CreditDecision;

describe('reviewView', () => {
	test('the scenario has one decision in review and one credited', () => {
		expect(decisions.map((d) => `${d.subject.sessionId} ${d.outcome}`)).toEqual([
			'A1 needs_review',
			'B1 full_credit',
		]);
		expect(view.sessionsInReview).toEqual(['A1']);
	});

	test('the text names the attendee, the event and what is in review', () => {
		const lines = view.text.split('\n');
		expect(lines[0]).toBe('CPE review: ada@example.com (Ada Lovelace), event SPRING-CPE-2026');
		expect(lines[1]).toBe(
			`1 of 2 decisions in review; ${evidence.creditsAwarded} credits awarded by the others.`,
		);
		expect(lines).toContain('In review: A1 Revenue <recognition> & leases');
	});

	test('for a roll-up, what an approval may grant, in the text and the page alike', () => {
		const range = 'from 1 (the computed credit) to 3 (A1 at most 2 in steps of 0.2 added)';
		const withRange = reviewView(evidence, { creditRange: range });
		const said = `An approval grants a total ${range}; no amount keeps the computed credit.`;
		expect(withRange.text.split('\n')[1]).toContain(said);
		expect(withRange.html).toContain(said);
		expect(view.text).not.toContain('An approval grants');
	});

	test('the decision in review shows its rule, windows, every reason and every source signal', () => {
		const text = view.text;
		expect(text).toContain(`  Rule: nasba version 2026.1, hash ${inReview.ruleHash.slice(0, 12)}`);
		expect(text).toContain(
			`  Attended: ${inReview.attendedMinutes} of ${inReview.contentMinutes} minutes (${inReview.attendedPercent} %), group-live`,
		);
		expect(text).toContain(
			'  Windows counted: 2026-05-14 09:00:00 UTC to 2026-05-14 09:20:00 UTC (badge)',
		);
		expect(inReview.reasons.length).toBeGreaterThan(0);
		for (const reason of inReview.reasons)
			expect(text).toContain(`    - ${reason.code}: ${reason.detail}`);
		expect(text).toContain('  Source signals (3):');
		expect(text).toContain(
			'    - 2026-05-14 08:58:00 UTC  check_in  badge (confidence 0.95), session A1, row 2, room Room A: counted',
		);
		expect(text).toContain('    - 2026-05-14 09:25:00 UTC  check_in  badge');
	});

	test('the credited decision is one line with its reason codes, its signals not repeated', () => {
		const credited = decisions[1];
		const codes = credited.reasons.map((r) => r.code).join(', ');
		expect(codes).not.toBe('');
		expect(view.text.split('\n').slice(-2)).toEqual([
			'Other decisions:',
			`  - B1 Ethics for CPAs: full_credit, 1 credits (${codes})`,
		]);
		expect(view.text).not.toContain('row 3');
	});

	test('the HTML says the same with every value escaped, one table row per signal', () => {
		expect(view.html).toContain('<h3>In review: A1 Revenue &lt;recognition&gt; &amp; leases</h3>');
		expect(view.html).not.toContain('<recognition>');
		expect(view.html.match(/<tr><td>/g)).toHaveLength(3);
		expect(view.html).toContain('<td>2026-05-14 08:58:00 UTC</td><td>check_in</td><td>badge</td>');
		for (const reason of inReview.reasons) expect(view.html).toContain(`<li>${reason.code}: `);
	});
});
