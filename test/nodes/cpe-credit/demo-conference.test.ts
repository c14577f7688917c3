// The sample conference: one Attendance node per source, their timelines merged into one
// CPE Credit run (the credit node rebuilds every attendee's timeline from all signals), then the
// auditor reports. The same decisions as the domain's own demo test.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	attendanceNode,
	binaryText,
	cpeFixture,
	cpeJson,
	creditNode,
	CREDIT,
	decisionRows,
	IDENTITY_MAP,
	inputItems,
	mergeDecisions,
	NEEDS_REVIEW,
	NO_CREDIT,
	out,
	pairedIndexes,
	reportNode,
	runChain,
	type InputItem,
} from '../support/cpe';

const options = { identityMap: IDENTITY_MAP, includeRaw: false };
const SOURCES: Array<[string, InputItem[], INodeParameters]> = [
	['badge', [{ files: { data: cpeFixture('badge-scans.csv') } }], { evidenceInput: 'binary' }],
	[
		'kiosk',
		[{ files: { data: cpeFixture('kiosk-checkins.csv') } }],
		{ evidenceInput: 'binary', sourceName: 'kiosk' },
	],
	[
		'zoom report',
		[{ json: cpeJson('zoom-webinar-report.json') as IDataObject }],
		{ evidenceInput: 'items', sessionId: 'W1' },
	],
	[
		'zoom webhooks',
		(cpeJson('zoom-webhooks.json') as IDataObject[]).map((json) => ({ json })),
		{
			evidenceInput: 'items',
			options: { ...options, zoomMeetingSessions: '{"85746065432": "H1"}' },
		},
	],
	[
		'polls',
		[{ files: { data: cpeFixture('polls.csv') } }],
		{ evidenceInput: 'binary', sourceName: 'poll', defaultKind: 'poll_answer' },
	],
	[
		'manual',
		[{ files: { data: cpeFixture('manual-confirmations.csv') } }],
		{ evidenceInput: 'binary', sourceName: 'moderator' },
	],
	[
		'heartbeats',
		(cpeJson('heartbeats.json') as IDataObject[]).map((json) => ({ json })),
		{ evidenceInput: 'items', sourceName: 'platform' },
	],
];

const EXPECTED = [
	'1004 | A1 | full_credit | 2 | MET_DURATION_THRESHOLD',
	'1005 | B1 | no_credit | 0 | ARRIVED_LATE LEFT_EARLY BELOW_MINIMUM_CREDIT',
	'1008 | A1 | full_credit | 2 | MANUAL_CONFIRMATION_APPLIED MET_DURATION_THRESHOLD',
	'1009 | B1 | partial_credit | 1.2 | MANUAL_CONFIRMATION_APPLIED LEFT_EARLY PARTIAL_DURATION_CREDIT',
	'ada@example.com | KEY | full_credit | 1 | EARLY_DEPARTURE_GRACE_APPLIED MET_DURATION_THRESHOLD',
	'ada@example.com | A1 | full_credit | 2 | DUPLICATE_SIGNALS MET_DURATION_THRESHOLD',
	'ada@example.com | W1 | partial_credit | 1.8 | PARTIAL_DURATION_CREDIT POLLING_REQUIREMENT_MET',
	'ada@example.com | H1 | full_credit | 1.4 | DELIVERY_METHOD_FROM_ATTENDANCE MET_DURATION_THRESHOLD',
	'ada@example.com | LIGHTNING | partial_credit | 1.4 | ARRIVED_LATE LEFT_EARLY PROGRAM_AGGREGATED PARTIAL_DURATION_CREDIT',
	'alan@example.com | A1 | needs_review | 0 | MISSING_CHECKOUT NO_PRESENCE_DURING_CONTENT',
	'alan@example.com | B1 | needs_review | 0 | CHECK_OUT_WITHOUT_CHECK_IN NO_PRESENCE_DURING_CONTENT',
	'grace@example.com | KEY | no_credit | 0 | ARRIVED_LATE BELOW_ATTENDANCE_MINIMUM',
	'grace@example.com | A1 | needs_review | 0 | ATTENDED_OVERLAPPING_SESSIONS ARRIVED_LATE LEFT_EARLY BELOW_MINIMUM_CREDIT',
	'grace@example.com | B1 | needs_review | 1.4 | ATTENDED_OVERLAPPING_SESSIONS ARRIVED_LATE PARTIAL_DURATION_CREDIT',
	'grace@example.com | H1 | partial_credit | 1 | ARRIVED_LATE LEFT_EARLY DELIVERY_METHOD_FROM_ATTENDANCE PARTIAL_DURATION_CREDIT',
	'grace@example.com | LIGHTNING | no_credit | 0 | ARRIVED_LATE PROGRAM_AGGREGATED BELOW_MINIMUM_CREDIT',
	'katherine@example.com | W1 | no_credit | 0 | CLOCK_SKEW_TOLERATED LEFT_EARLY PARTIAL_DURATION_CREDIT POLLING_BELOW_MINIMUM',
	'katherine@example.com | H1 | partial_credit | 1 | DELIVERY_METHOD_FROM_ATTENDANCE MET_DURATION_THRESHOLD POLLING_LIMITED_CREDIT',
	'name:guest viewer | W1 | needs_review | 0 | IDENTITY_FROM_NAME_ONLY ARRIVED_LATE LEFT_EARLY PARTIAL_DURATION_CREDIT POLLING_BELOW_MINIMUM',
];

let timelines: INodeExecutionData[];
let decisionItems: INodeExecutionData[][];

beforeAll(async () => {
	timelines = [];
	for (const [name, items, parameters] of SOURCES) {
		const run = await runChain(inputItems(items), [
			attendanceNode(
				{ ...parameters, options: { ...options, ...(parameters.options as IDataObject) } },
				{ onError: 'continueRegularOutput' },
			),
		]);
		if (run.status !== 'success') throw new Error(`${name}: ${run.error?.message}`);
		timelines.push(...out(run, 'Attendance').map((item) => ({ json: item.json })));
	}
	const run = await runChain(timelines, [creditNode()]);
	decisionItems = [CREDIT, NEEDS_REVIEW, NO_CREDIT].map((index) => out(run, 'CPE Credit', index));
});

const sorted = (rows: string[]) => [...rows].sort();

describe('CPE Credit: the sample conference', () => {
	test('one decision per attendee and session (or program), on the output its outcome names', () => {
		expect(sorted(decisionItems.flatMap(decisionRows))).toEqual(sorted(EXPECTED));
		expect(
			decisionItems[CREDIT].every((i) =>
				['full_credit', 'partial_credit'].includes(String(i.json.outcome)),
			),
		).toBe(true);
		expect(decisionItems[NEEDS_REVIEW].every((i) => i.json.outcome === 'needs_review')).toBe(true);
		expect(decisionItems[NO_CREDIT].every((i) => i.json.outcome === 'no_credit')).toBe(true);
	});

	test('each decision pairs with the timelines it was made from', () => {
		for (const item of decisionItems.flat()) {
			const subject = item.json.subject as { attendeeId: string; sessionIds: string[] };
			const paired = pairedIndexes(item).map((index) => timelines[index].json);
			expect(paired.length).toBeGreaterThan(0);
			for (const timeline of paired) {
				expect(timeline.attendeeId).toBe(subject.attendeeId);
				expect(subject.sessionIds).toContain(timeline.sessionId);
			}
		}
	});

	test('each attendee in the hybrid panel gets the delivery method they used', () => {
		const h1 = decisionItems
			.flat()
			.filter((i) => (i.json.subject as IDataObject).sessionId === 'H1');
		expect(
			sorted(
				h1.map(
					(i) =>
						`${String((i.json.subject as IDataObject).attendeeId)} ${String(i.json.deliveryMethod)}`,
				),
			),
		).toEqual([
			'ada@example.com group-live',
			'grace@example.com group-live',
			'katherine@example.com group-internet',
		]);
	});

	test('the schedule read off the timelines and the same schedule as a parameter decide alike', async () => {
		const run = await runChain(timelines, [
			creditNode({ scheduleSource: 'parameter', schedule: cpeFixture('schedule.json') }),
		]);
		const rows = [CREDIT, NEEDS_REVIEW, NO_CREDIT].flatMap((index) =>
			decisionRows(out(run, 'CPE Credit', index)),
		);
		expect(sorted(rows)).toEqual(sorted(EXPECTED));
	});
});

describe('CPE Credit reports on the sample conference', () => {
	const decisions = () => decisionItems.flat().map((item) => ({ json: item.json }));
	const csvRows = (text: string) => text.trimEnd().split('\r\n');

	test('Roster CSV: a header and one row per decision, with the policy hash', async () => {
		const run = await runChain(decisions(), [reportNode('rosterCsv')]);
		const [file] = out(run, 'Report');
		expect(file.json).toEqual({ report: 'roster', rows: 19, fileName: 'roster.csv' });
		expect(file.binary?.data).toMatchObject({ mimeType: 'text/csv', fileName: 'roster.csv' });
		const rows = csvRows(binaryText(file));
		expect(rows).toHaveLength(20);
		expect(rows[0]).toBe(
			'attendee_id,session_id,session_title,session_ids,outcome,credits,max_credits,attended_minutes,content_minutes,attended_percent,delivery_method,field_of_study,windows_used,reason_codes,policy_id,policy_version,policy_hash,decided_at',
		);
		const adaA1 = rows.find((row) => row.startsWith('ada@example.com,A1,'));
		expect(adaA1).toMatch(
			/^ada@example.com,A1,Revenue recognition update,A1,full_credit,2,2,100,100,100,group-live,Accounting,2026-05-14T14:30:00.000Z\/2026-05-14T16:10:00.000Z,DUPLICATE_SIGNALS MET_DURATION_THRESHOLD,nasba-fifths,2026.1,[0-9a-f]{64},/,
		);
		expect(pairedIndexes(file)).toHaveLength(19);
	});

	test('Sponsor Report: per session, every participant with window, decision and credits', async () => {
		const run = await runChain(decisions(), [
			reportNode('sponsorReport', { fileName: 'spring-sponsor.csv' }),
		]);
		const [file] = out(run, 'Report');
		const rows = csvRows(binaryText(file));
		expect(rows).toHaveLength(20);
		const key = rows.filter((row) => row.startsWith('KEY,'));
		expect(key).toEqual([
			'KEY,Opening keynote: the future of audit,Auditing,group-live,1,ada@example.com,2026-05-14T13:30:00.000Z/2026-05-14T14:20:00.000Z,50,full_credit,1,EARLY_DEPARTURE_GRACE_APPLIED MET_DURATION_THRESHOLD',
			expect.stringMatching(
				/^KEY,Opening keynote: the future of audit,Auditing,group-live,1,grace@example.com,.*,no_credit,0,ARRIVED_LATE BELOW_ATTENDANCE_MINIMUM$/,
			),
		]);
		const sessions = file.json.sessions as IDataObject[];
		expect(sessions.find((s) => s.sessionId === 'KEY')).toEqual({
			sessionId: 'KEY',
			sessionTitle: 'Opening keynote: the future of audit',
			creditValue: '1',
			participants: 2,
			creditsAwarded: '1',
			outcomes: { full_credit: 1, partial_credit: 0, no_credit: 1, needs_review: 0 },
		});
		expect(file.binary?.data?.fileName).toBe('spring-sponsor.csv');
	});

	test('Attendee Evidence: one item and file per attendee with every window, reason and signal', async () => {
		const run = await runChain(decisions(), [reportNode('attendeeEvidence')]);
		const files = out(run, 'Report');
		expect(files.map((f) => f.json.attendeeId)).toEqual([
			'1004',
			'1005',
			'1008',
			'1009',
			'ada@example.com',
			'alan@example.com',
			'grace@example.com',
			'katherine@example.com',
			'name:guest viewer',
		]);
		const ada = files.find((f) => f.json.attendeeId === 'ada@example.com') as INodeExecutionData;
		expect(ada.json).toMatchObject({
			creditsAwarded: '7.6',
			pendingReview: 0,
			fileName: 'evidence-ada@example.com.csv',
		});
		const lines = csvRows(binaryText(ada));
		expect(lines.filter((l) => l.split(',')[2] === 'decision')).toHaveLength(5);
		const signals = lines.filter((l) => l.split(',')[2] === 'signal');
		expect(signals.length).toBeGreaterThan(10);
		expect(signals.some((l) => l.includes(',duplicate,'))).toBe(true);
		expect(pairedIndexes(ada)).toHaveLength(5);
		const guest = files.find(
			(f) => f.json.attendeeId === 'name:guest viewer',
		) as INodeExecutionData;
		expect(guest.json.fileName).toBe('evidence-name_guest_viewer.csv');
		expect(guest.json).toMatchObject({ creditsAwarded: '0', pendingReview: 1 });
	});

	test('in one workflow: Attendance → CPE Credit → Merge → Roster CSV', async () => {
		const run = await runChain(inputItems([{ files: { data: cpeFixture('badge-scans.csv') } }]), [
			attendanceNode({ evidenceInput: 'binary', options }, { onError: 'continueRegularOutput' }),
			creditNode(),
			mergeDecisions,
			reportNode('rosterCsv'),
		]);
		expect(run.status).toBe('success');
		const decisionsCount = [CREDIT, NEEDS_REVIEW, NO_CREDIT].reduce(
			(n, i) => n + out(run, 'CPE Credit', i).length,
			0,
		);
		expect(decisionsCount).toBe(11);
		expect(out(run, 'Report')[0].json.rows).toBe(11);
	});
});
