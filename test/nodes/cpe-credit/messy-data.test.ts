// Messy evidence through Attendance → CPE Credit: every case ends in a defined decision on a
// defined output with a reason code, and no signal disappears.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	attendanceNode,
	creditFromCsv,
	creditNode,
	CREDIT,
	decisionRows,
	inputItems,
	NEEDS_REVIEW,
	out,
	runChain,
	scheduleYaml,
	sessionYaml,
} from '../support/cpe';

const schedule = scheduleYaml([
	sessionYaml('S1', '09:00', '10:40', 'room: Room A'),
	sessionYaml('S2', '10:00', '11:00', 'room: Room B'),
	sessionYaml('W', '13:00', '14:40', 'deliveryMethod: group-internet, pollsScheduled: 6'),
]);
const nasba = { policySource: 'preset', preset: 'nasba' };
/** Rows "attendee,session,local time,kind,source" on 2026-05-14. */
const csv = (rows: string[]) =>
	[
		'Attendee ID,Session,Time,Type,Source',
		...rows.map((r) => {
			const [a, s, t, k, src = 'badge'] = r.split(',');
			return [a, s, `2026-05-14 ${t}`, k, src].join(',');
		}),
	].join('\n');
const run = (rows: string[], options: INodeParameters = {}) =>
	creditFromCsv(schedule, csv(rows), nasba, options);

describe('CPE Credit: messy attendance data', () => {
	test('duplicate scans: counted once, every scan kept in the evidence', async () => {
		const { decisions } = await run([
			'a1,S1,08:58,in',
			'a1,S1,08:59,in',
			'a1,S1,10:41,out',
			'a1,S1,10:42,out',
		]);
		expect(decisionRows(decisions)).toEqual([
			'a1 | S1 | full_credit | 2 | DUPLICATE_SIGNALS MET_DURATION_THRESHOLD',
		]);
		const uses = (decisions[0].json.evidence as IDataObject[]).map((s) => s.use);
		expect(uses).toHaveLength(4);
		expect(uses.filter((use) => use === 'duplicate')).toHaveLength(2);
	});

	test('scan-out without scan-in: Needs Review, nothing counted', async () => {
		const result = await run(['a1,S1,10:40,out']);
		expect(out(result.run, 'CPE Credit', NEEDS_REVIEW).map((i) => i.json.credits)).toEqual(['0']);
		expect(decisionRows(result.decisions)).toEqual([
			'a1 | S1 | needs_review | 0 | CHECK_OUT_WITHOUT_CHECK_IN NO_PRESENCE_DURING_CONTENT',
		]);
	});

	test('scan-in without scan-out: Needs Review with MISSING_CHECKOUT', async () => {
		const { decisions } = await run(['a1,S1,09:00,in']);
		expect(
			decisions.map((d) => [d.json.outcome, (d.json.reasons as IDataObject[])[0].code]),
		).toEqual([['needs_review', 'MISSING_CHECKOUT']]);
	});

	test('overlapping sessions attended one after the other: each decided on its own', async () => {
		const { decisions } = await run([
			'a1,S1,09:00,in',
			'a1,S1,10:00,out',
			'a1,S2,10:00,in',
			'a1,S2,11:00,out',
		]);
		expect(decisions.map((d) => [d.json.subject, d.json.outcome, d.json.credits])).toEqual([
			[{ attendeeId: 'a1', sessionId: 'S1', sessionIds: ['S1'] }, 'partial_credit', '1.2'],
			[{ attendeeId: 'a1', sessionId: 'S2', sessionIds: ['S2'] }, 'full_credit', '1.2'],
		]);
	});

	test('two rooms at once: both decisions in review, the overlap named, credits still shown', async () => {
		const { run: result, decisions } = await run([
			'a1,S1,09:00,in',
			'a1,S1,10:40,out',
			'a1,S2,10:00,in',
			'a1,S2,11:00,out',
		]);
		expect(out(result, 'CPE Credit', CREDIT)).toEqual([]);
		expect(
			decisions.map((d) => [
				d.json.outcome,
				d.json.credits,
				(d.json.reasons as IDataObject[])[0].code,
			]),
		).toEqual([
			['needs_review', '2', 'ATTENDED_OVERLAPPING_SESSIONS'],
			['needs_review', '1.2', 'ATTENDED_OVERLAPPING_SESSIONS'],
		]);
	});

	test('clock skew within tolerance: both sources used, CLOCK_SKEW_TOLERATED', async () => {
		const { decisions } = await run([
			'a1,S1,09:02,in',
			'a1,S1,10:38,out',
			'a1,S1,09:00,join,zoom_report',
			'a1,S1,10:36,leave,zoom_report',
		]);
		expect(decisionRows(decisions)).toEqual([
			'a1 | S1 | partial_credit | 1.8 | CLOCK_SKEW_TOLERATED LEFT_EARLY PARTIAL_DURATION_CREDIT',
		]);
		expect((decisions[0].json.windowsUsed as IDataObject[])[0].sources).toEqual([
			'badge',
			'zoom_report',
		]);
	});

	test('clock skew beyond tolerance is a conflict, unless the Attendance node widens it', async () => {
		const rows = [
			'a1,S1,09:00,in',
			'a1,S1,10:30,out',
			'a1,S1,09:00,join,zoom_report',
			'a1,S1,10:40,leave,zoom_report',
		];
		const strict = await run(rows);
		expect((strict.decisions[0].json.reasons as IDataObject[])[0].code).toBe('CONFLICTING_SOURCES');
		expect(strict.decisions[0].json.outcome).toBe('needs_review');
		// The credit node applies the options the timelines were built with.
		const widened = await run(rows, { clockSkewMinutes: 15 });
		expect((widened.decisions[0].json.reasons as IDataObject[])[0].code).toBe(
			'CLOCK_SKEW_TOLERATED',
		);
	});

	test('DST change during a session: real elapsed minutes credited; a repeated-hour time goes to review', async () => {
		const night =
			'timezone: America/New_York\nsessions:\n  - { id: N, title: Overnight, start: "2026-11-01 00:30", end: "2026-11-01 02:30" }';
		const exact = await creditFromCsv(
			night,
			'Badge,Session,Check-In Time,Check-Out Time\n7,N,2026-11-01T04:30:00Z,2026-11-01T07:30:00Z\n',
			nasba,
		);
		expect(
			exact.decisions.map((d) => [d.json.contentMinutes, d.json.attendedMinutes, d.json.credits]),
		).toEqual([[180, 180, '3.6']]);
		expect(decisionRows(exact.decisions)[0]).toContain('DST_TRANSITION_IN_SESSION');
		const local = await creditFromCsv(
			night,
			'Badge,Session,Check-In Time,Check-Out Time\n7,N,2026-11-01 00:30,2026-11-01 01:30\n',
			nasba,
		);
		expect(decisionRows(local.decisions)).toEqual([
			'7 | N | needs_review | 1.2 | DST_TRANSITION_IN_SESSION LOCAL_TIME_AMBIGUOUS_DST LEFT_EARLY PARTIAL_DURATION_CREDIT',
		]);
	});

	test('empty Zoom emails: identified by name, credited for review, never dropped', async () => {
		const page = {
			participants: [
				{
					id: '',
					user_id: '9',
					name: 'Guest Viewer',
					user_email: '',
					join_time: '2026-05-14T17:00:00Z',
					leave_time: '2026-05-14T18:40:00Z',
					duration: 6000,
					status: 'in_meeting',
				},
			],
		};
		const result = await runChain(inputItems([{ json: page }]), [
			attendanceNode({ schedule, evidenceInput: 'items', sessionId: 'W' }),
			creditNode({ policySource: 'preset', preset: 'nasba' }),
		]);
		const review = out(result, 'CPE Credit', NEEDS_REVIEW);
		expect(review).toHaveLength(1);
		expect(review[0].json.subject).toMatchObject({ sessionId: 'W' });
		expect((review[0].json.reasons as IDataObject[]).map((r) => r.code)).toContain(
			'IDENTITY_FROM_NAME_ONLY',
		);
	});
});
