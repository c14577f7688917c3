import { parseCsv } from '../../../nodes/core/domain/attendance';
import { computeCredits, sumCredits } from '../../../nodes/core/domain/credit';
import type { CreditDecision } from '../../../nodes/core/domain/model';
import {
	attendeeEvidence,
	csvCell,
	evidenceCsv,
	ROSTER_HEADER,
	rosterCsv,
	sponsorReport,
	toCsv,
	type ReportEntry,
} from '../../../nodes/core/domain/report';
import { loadDemo } from '../credit/demo-fixtures';
import { seededRandom } from '../credit/seeded-random';

// The sample conference's decisions, as the CPE Credit node hands them to the reports.
const demo = loadDemo();
const computed = computeCredits({
	schedule: demo.schedule,
	policies: demo.policies,
	signals: Object.values(demo.sources).flatMap((s) => s.signals),
	now: new Date('2026-05-20T00:00:00Z'),
});
if (!computed.ok) throw new Error(JSON.stringify(computed.issues));
const decisions = JSON.parse(JSON.stringify(computed.decisions)) as CreditDecision[];
const titles = new Map([...demo.schedule.sessions.values()].map((s) => [s.id, s.session.title]));
const entries: ReportEntry[] = decisions.map((decision) => ({
	decision,
	sessionTitle: titles.get(decision.subject.sessionId),
}));

function table(text: string): Array<Record<string, string>> {
	const parsed = parseCsv(text);
	if (!parsed.ok) throw new Error(parsed.message);
	return parsed.rows;
}

describe('csvCell and toCsv', () => {
	it.each([
		['=1+1', "'=1+1"],
		['+SUM(A1)', "'+SUM(A1)"],
		['-2', "'-2"],
		['@cmd', "'@cmd"],
		['\tx', "'\tx"],
		['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
		['a,b', '"a,b"'],
		['plain', 'plain'],
	])('%j becomes %j', (value, cell) => {
		expect(csvCell(value)).toBe(cell);
	});

	it('round-trips any text through a CSV reader, formula starts as text (seeded property)', () => {
		const random = seededRandom(20260514);
		const alphabet = [
			'=',
			'+',
			'-',
			'@',
			'\t',
			'\r',
			'\n',
			'"',
			',',
			';',
			' ',
			'a',
			'Z',
			'1',
			'é',
			"'",
		];
		for (let run = 0; run < 500; run++) {
			const value = Array.from(
				{ length: 1 + Math.floor(random() * 8) },
				() => alphabet[Math.floor(random() * alphabet.length)],
			).join('');
			const rows = table(
				toCsv([
					['h', 'x'],
					[value, 'end'],
				]),
			);
			expect(rows).toHaveLength(1);
			const cell = rows[0].h;
			// The reader sees either the value or the value behind the neutralising apostrophe.
			expect(/^[=+\-@\t\r]/.test(value) ? cell === `'${value}` : cell === value).toBe(true);
			expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
			expect(rows[0].x).toBe('end');
		}
	});
});

describe('roster', () => {
	it('one row per decision under the header, with credits as written', () => {
		const rows = table(rosterCsv(entries));
		expect(Object.keys(rows[0])).toEqual(ROSTER_HEADER);
		expect(rows).toHaveLength(decisions.length);
		expect(rows.map((r) => r.credits)).toEqual(decisions.map((d) => d.credits));
		const ada = rows.find(
			(r) => r.attendee_id === 'ada@example.com' && r.session_id === 'LIGHTNING',
		);
		expect(ada).toMatchObject({
			session_ids: 'L1 L2 L3',
			outcome: 'partial_credit',
			credits: '1.4',
			policy_id: 'nasba-fifths',
			policy_version: '2026.1',
			reason_codes: 'ARRIVED_LATE LEFT_EARLY PROGRAM_AGGREGATED PARTIAL_DURATION_CREDIT',
		});
		expect(ada?.policy_hash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('neutralises formulas in every column a person can influence', () => {
		const evil = JSON.parse(JSON.stringify(decisions[0])) as CreditDecision;
		evil.subject.attendeeId = '=cmd|"/c calc"!A1';
		evil.fieldOfStudy = '+1';
		const [row] = table(rosterCsv([{ decision: evil, sessionTitle: '@title' }]));
		expect([row.attendee_id, row.field_of_study, row.session_title]).toEqual([
			`'=cmd|"/c calc"!A1`,
			"'+1",
			"'@title",
		]);
	});
});

describe('sponsor report', () => {
	const report = sponsorReport(entries);

	it('every decision once, grouped by session, participants sorted', () => {
		expect(report.rows).toHaveLength(decisions.length);
		const sessionsInOrder = report.rows
			.map((r) => r[0])
			.filter((id, k, all) => all.indexOf(id) === k);
		expect(sessionsInOrder).toEqual(report.sessions.map((s) => s.sessionId));
		for (const session of report.sessions) {
			const people = report.rows.filter((r) => r[0] === session.sessionId).map((r) => r[5]);
			expect(people).toEqual([...people].sort());
			expect(people).toHaveLength(session.participants);
		}
		expect(table(report.csv)).toHaveLength(decisions.length);
	});

	it('sums awarded credits exactly and leaves decisions in review out of the award', () => {
		const b1 = report.sessions.find((s) => s.sessionId === 'B1');
		// 1005 no credit, 1009 1.2, alan and grace in review (grace's 1.4 not yet awarded).
		expect(b1).toMatchObject({
			creditValue: '2',
			participants: 4,
			creditsAwarded: '1.2',
			outcomes: { full_credit: 0, partial_credit: 1, no_credit: 1, needs_review: 2 },
		});
		const total = sumCredits(report.sessions.map((s) => s.creditsAwarded));
		const expected = sumCredits(
			decisions.filter((d) => d.outcome !== 'needs_review').map((d) => d.credits),
		);
		expect(total).toBe(expected);
	});

	it('prints the attendance window used as ISO intervals', () => {
		const key = report.rows.find((r) => r[0] === 'KEY' && r[5] === 'ada@example.com');
		expect(key?.[6]).toBe('2026-05-14T13:30:00.000Z/2026-05-14T14:20:00.000Z');
	});
});

describe('attendee evidence', () => {
	const signals = [
		{
			kind: 'check_out' as const,
			at: '2026-05-14T14:17:00.000Z',
			source: 'badge',
			confidence: 0.95,
			row: 2,
			use: 'counted',
		},
		{
			kind: 'check_in' as const,
			at: '2026-05-14T13:27:00.000Z',
			source: 'badge',
			confidence: 0.95,
			row: 1,
			use: 'counted',
		},
	];
	const withEvidence = entries.map((e) =>
		e.decision.subject.attendeeId === 'ada@example.com' && e.decision.subject.sessionId === 'KEY'
			? { ...e, evidence: signals }
			: e,
	);
	const views = attendeeEvidence(withEvidence);

	it('one view per attendee, sorted, credits summed exactly', () => {
		expect(views.map((v) => v.attendeeId)).toEqual(
			[...new Set(decisions.map((d) => d.subject.attendeeId))].sort(),
		);
		const ada = views.find((v) => v.attendeeId === 'ada@example.com');
		expect(ada?.creditsAwarded).toBe('7.6');
		expect(ada?.decisions.map((d) => d.sessionId)).toEqual(['KEY', 'A1', 'W1', 'H1', 'LIGHTNING']);
		const grace = views.find((v) => v.attendeeId === 'grace@example.com');
		expect(grace?.pendingReview).toBe(2);
	});

	it('lists signals in time order with what each contributed', () => {
		const ada = views.find((v) => v.attendeeId === 'ada@example.com');
		expect(ada?.decisions[0].signals.map((s) => s.kind)).toEqual(['check_in', 'check_out']);
		const rows = table(evidenceCsv(ada as (typeof views)[number]));
		const key = rows.filter((r) => r.session_id === 'KEY');
		expect(key.map((r) => r.record)).toEqual([
			'decision',
			'window',
			'reason',
			'reason',
			'signal',
			'signal',
		]);
		expect(key[4]).toMatchObject({
			start_or_at: '2026-05-14T13:27:00.000Z',
			kind: 'check_in',
			use: 'counted',
			detail: 'row 1',
		});
	});

	it('is a copy: changing a view does not change the decision', () => {
		const view = attendeeEvidence(entries)[0];
		view.decisions[0].reasons[0].code = 'CHANGED';
		expect(
			entries.find((e) => e.decision.subject.attendeeId === view.attendeeId)?.decision.reasons[0]
				.code,
		).not.toBe('CHANGED');
	});
});
