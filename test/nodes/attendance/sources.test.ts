// Every evidence source the Attendance node reads, in the real engine: binary CSV, CSV text,
// JSON items, Zoom report pages and webhooks; errors that name the row and the column.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	attendanceNode,
	cpeFixture,
	cpeJson,
	IDENTITY_MAP,
	inputItems,
	out,
	pairedIndexes,
	runChain,
} from '../support/cpe';

const TIMELINES = 0;
const NOT_USED = 1;
const keyOf = (item: INodeExecutionData) =>
	`${String(item.json.attendeeId)} ${String(item.json.sessionId)}`;
const findingCodes = (item: INodeExecutionData | undefined) =>
	((item?.json.findings ?? []) as Array<{ code: string }>).map((f) => f.code);

describe('Attendance: badge scans from a binary CSV', () => {
	const items = inputItems([{ files: { data: cpeFixture('badge-scans.csv') } }]);
	const parameters = { evidenceInput: 'binary', options: { identityMap: IDENTITY_MAP } };

	test('a bad row stops the node with its row and column named', async () => {
		const run = await runChain(items, [attendanceNode(parameters)]);
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(
			'CSV in item 0 (binary "data"), row 26, column "Session": received unknown session id "Z9"; expected one of the schedule\'s session ids or titles',
		);
	});

	test('with Continue On Fail the other rows become timelines and bad rows error items', async () => {
		const run = await runChain(items, [
			attendanceNode(parameters, { onError: 'continueRegularOutput' }),
		]);
		expect(run.status).toBe('success');
		const timelines = out(run, 'Attendance', TIMELINES);
		// Per attendee, sessions in schedule order; L2 and L3 come from Ada's lightning scans.
		expect(timelines.map(keyOf)).toEqual([
			'ada@example.com KEY',
			'ada@example.com A1',
			'ada@example.com H1',
			'ada@example.com L1',
			'ada@example.com L2',
			'ada@example.com L3',
			'alan@example.com A1',
			'alan@example.com B1',
			'grace@example.com KEY',
			'grace@example.com A1',
			'grace@example.com B1',
			'grace@example.com H1',
			'grace@example.com L1',
		]);
		const errors = out(run, 'Attendance', NOT_USED).filter((item) => item.json.error);
		expect(errors.map((item) => item.json.error)).toEqual([
			expect.stringContaining('row 26, column "Session"'),
			expect.stringContaining('row 27, column "Scan Time": received "half past nine"'),
		]);
		for (const item of [...timelines, ...errors]) expect(pairedIndexes(item)).toEqual([0]);
		// Every row is accounted for: signals on timelines plus error rows.
		const signals = timelines.reduce((n, t) => n + (t.json.signals as unknown[]).length, 0);
		expect(signals + errors.length).toBe(27);
	});

	test('a scan without a session id finds its session by room and time', async () => {
		const run = await runChain(items, [
			attendanceNode(parameters, { onError: 'continueRegularOutput' }),
		]);
		const grace = out(run, 'Attendance').find((t) => keyOf(t) === 'grace@example.com H1');
		expect(grace?.json.presenceMinutes).toBe(57);
		expect((grace?.json.signals as IDataObject[]).map((s) => s.row)).toEqual([16, 17]);
	});

	test('each timeline carries its session definition and the timeline options', async () => {
		const run = await runChain(items, [
			attendanceNode(parameters, { onError: 'continueRegularOutput' }),
		]);
		const lightning = out(run, 'Attendance').find((t) => keyOf(t) === 'ada@example.com L1');
		expect(lightning?.json.session).toMatchObject({
			id: 'L1',
			timezone: 'America/Chicago',
			creditPolicy: 'nasba-fifths',
			programId: 'LIGHTNING',
		});
		expect((lightning?.json.programSessions as IDataObject[]).map((s) => s.id)).toEqual([
			'L1',
			'L2',
			'L3',
		]);
		expect(lightning?.json.eventId).toBe('SPRING-CPE-2026');
	});
});

describe('Attendance: CSV text and JSON items', () => {
	test('kiosk CSV (semicolons, US dates): skipped and bad rows are reported, not dropped', async () => {
		const run = await runChain(inputItems([{}]), [
			attendanceNode(
				{
					evidenceInput: 'text',
					attendanceCsv: cpeFixture('kiosk-checkins.csv'),
					sourceName: 'kiosk',
				},
				{ onError: 'continueRegularOutput' },
			),
		]);
		expect(out(run, 'Attendance').map(keyOf)).toEqual(['1004 A1', '1005 B1']);
		const notUsed = out(run, 'Attendance', NOT_USED).map((item) => item.json);
		expect(notUsed).toEqual([
			expect.objectContaining({
				status: 'skipped',
				row: 3,
				reason: 'column "Checked In" says the attendee did not check in',
			}),
			expect.objectContaining({
				error: expect.stringMatching(
					/^Attendance CSV row 4, column "Check-Out Time": received "05\/14\/2026 9:45 AM", which is before/,
				),
			}),
		]);
	});

	test('heartbeat items keep their item index as pairedItem', async () => {
		const heartbeats = cpeJson('heartbeats.json') as IDataObject[];
		const run = await runChain(inputItems(heartbeats.map((json) => ({ json }))), [
			attendanceNode({ evidenceInput: 'items', sourceName: 'platform' }),
		]);
		const timelines = out(run, 'Attendance');
		expect(timelines).toHaveLength(1);
		expect(pairedIndexes(timelines[0])).toEqual(heartbeats.map((_, index) => index));
		expect((timelines[0].json.signals as IDataObject[]).every((s) => s.kind === 'heartbeat')).toBe(
			true,
		);
	});

	test('an explicit column mapping reads an export the aliases do not know', async () => {
		const csv =
			'Delegate No,Track Code,Swipe Time,Way\n77,A1,2026-05-14 09:29,in\n77,A1,2026-05-14 11:11,out\n';
		const run = await runChain(inputItems([{}]), [
			attendanceNode({
				evidenceInput: 'text',
				attendanceCsv: csv,
				options: {
					columnMapping: JSON.stringify({
						attendeeId: 'Delegate No',
						sessionId: 'Track Code',
						time: 'Swipe Time',
						kind: 'Way',
					}),
				},
			}),
		]);
		expect(out(run, 'Attendance').map((t) => [keyOf(t), t.json.presenceMinutes])).toEqual([
			['77 A1', 100],
		]);
	});

	test('a column mapping with an unknown field is refused with the field named', async () => {
		const run = await runChain(inputItems([{}]), [
			attendanceNode({ evidenceInput: 'text', options: { columnMapping: '{"badge": "Badge"}' } }),
		]);
		expect(run.error?.message).toMatch(/^Invalid Column Mapping option: "badge" is not a field/);
	});
});

describe('Attendance: Zoom', () => {
	test('a report page: one join and leave per segment, waiting room reported, guest by name', async () => {
		const page = cpeJson('zoom-webinar-report.json') as IDataObject;
		const run = await runChain(inputItems([{ json: page }]), [
			attendanceNode({
				evidenceInput: 'items',
				sessionId: 'W1',
				options: { identityMap: IDENTITY_MAP },
			}),
		]);
		const timelines = out(run, 'Attendance');
		expect(timelines.length).toBeGreaterThan(0);
		expect(timelines.every((t) => t.json.sessionId === 'W1')).toBe(true);
		expect(timelines.every((t) => t.json.family === 'virtual')).toBe(true);
		const guests = timelines.filter((t) => findingCodes(t).includes('IDENTITY_FROM_NAME_ONLY'));
		expect(guests.length).toBeGreaterThan(0);
		expect(out(run, 'Attendance', NOT_USED).map((i) => i.json)).toEqual([
			expect.objectContaining({
				status: 'skipped',
				row: 5,
				reason: 'participant was in the waiting room, not in the session',
			}),
		]);
	});

	test('a report page without a session is an error naming the fix', async () => {
		const run = await runChain(
			inputItems([{ json: cpeJson('zoom-webinar-report.json') as IDataObject }]),
			[attendanceNode({ evidenceInput: 'items' })],
		);
		expect(run.error?.message).toMatch(
			/^Item 0 is a Zoom report page without a session: set Session ID/,
		);
	});

	test('webhooks (also wrapped by the Webhook node) map meetings to sessions', async () => {
		const hooks = cpeJson('zoom-webhooks.json') as IDataObject[];
		const items = hooks.map((body, index) => ({
			json: index === 1 ? { headers: {}, body } : body,
		}));
		const run = await runChain(inputItems(items), [
			attendanceNode(
				{ evidenceInput: 'items', options: { zoomMeetingSessions: '{"85746065432": "H1"}' } },
				{ onError: 'continueRegularOutput' },
			),
		]);
		const timelines = out(run, 'Attendance');
		expect(timelines.map(keyOf)).toEqual(['katherine@example.com H1']);
		expect(pairedIndexes(timelines[0])).toEqual([1, 2]);
		expect(timelines[0].json.presenceMinutes).toBe(70);
		const notUsed = out(run, 'Attendance', NOT_USED);
		expect(notUsed.map((i) => [i.json.status ?? 'error', pairedIndexes(i)])).toEqual([
			['skipped', [0]],
			['error', [3]],
		]);
		expect(notUsed[1].json.error).toMatch(
			/^Zoom webhook in item 3, column "payload.object.id": received meeting "99999999999"/,
		);
	});
});

describe('Attendance: routing of what is not used', () => {
	test('a scan that fits no session by time or room goes to Not Used, paired with its item', async () => {
		const rows = [
			{ 'Badge ID': '5', Room: 'Room A', 'Scan Time': '2026-05-14 09:40' },
			{ 'Badge ID': '5', Room: 'Car Park', 'Scan Time': '2026-05-14 03:00' },
		];
		const run = await runChain(inputItems(rows.map((json) => ({ json }))), [
			attendanceNode({ evidenceInput: 'items' }),
		]);
		expect(out(run, 'Attendance').map((t) => [keyOf(t), pairedIndexes(t)])).toEqual([
			['5 A1', [0]],
		]);
		const notUsed = out(run, 'Attendance', NOT_USED);
		expect(
			notUsed.map((i) => [i.json.status, (i.json.signal as IDataObject).at, pairedIndexes(i)]),
		).toEqual([['unassigned', '2026-05-14T08:00:00.000Z', [1]]]);
	});

	test('with Continue (using error output) bad rows go to the error output', async () => {
		const csv = 'Badge ID,Session,Scan Time\n5,A1,2026-05-14 09:40\n6,A1,not a time\n';
		const run = await runChain(inputItems([{}]), [
			attendanceNode(
				{ evidenceInput: 'text', attendanceCsv: csv },
				{ onError: 'continueErrorOutput' },
			),
		]);
		expect(out(run, 'Attendance').map(keyOf)).toEqual(['5 A1']);
		expect(out(run, 'Attendance', NOT_USED)).toEqual([]);
		const errors = out(run, 'Attendance', 2);
		expect(errors.map((i) => [i.json.error, pairedIndexes(i)])).toEqual([
			[
				expect.stringMatching(/^Attendance CSV row 2, column "Scan Time": received "not a time"/),
				[0],
			],
		]);
	});
});

describe('Attendance: the schedule', () => {
	const scan =
		'Badge ID,Session,Scan Time,Direction\n1,A1,2026-05-14 09:30,in\n1,A1,2026-05-14 11:10,out\n';

	test("from a binary schedule CSV, local times in each row's zone", async () => {
		const run = await runChain(inputItems([{ files: { schedule: cpeFixture('schedule.csv') } }]), [
			attendanceNode({ scheduleSource: 'binary', evidenceInput: 'text', attendanceCsv: scan }),
		]);
		const [timeline] = out(run, 'Attendance');
		expect(timeline.json).toMatchObject({
			sessionId: 'A1',
			contentMinutes: 100,
			presenceMinutes: 100,
		});
		expect(timeline.json.presence).toEqual([
			{ start: '2026-05-14T14:30:00.000Z', end: '2026-05-14T16:10:00.000Z', sources: ['badge'] },
		]);
	});

	test('from an input field holding session rows', async () => {
		const rows = [
			{
				'Session ID': 'A1',
				Title: 'Revenue',
				Start: '2026-05-14 09:30',
				End: '2026-05-14 11:10',
				'Time Zone': 'UTC',
			},
		];
		const run = await runChain(inputItems([{ json: { sessions: rows } }]), [
			attendanceNode({
				scheduleSource: 'field',
				scheduleField: 'sessions',
				evidenceInput: 'text',
				attendanceCsv: scan,
			}),
		]);
		expect(out(run, 'Attendance')[0].json.presence).toEqual([
			{ start: '2026-05-14T09:30:00.000Z', end: '2026-05-14T11:10:00.000Z', sources: ['badge'] },
		]);
	});

	test('a session that ends before it starts is refused with its row and column', async () => {
		const csv = 'Session ID,Title,Start,End\nA1,Revenue,2026-05-14 09:30,2026-05-14 08:00\n';
		const run = await runChain(inputItems([{ files: { schedule: csv } }]), [
			attendanceNode(
				{ scheduleSource: 'binary', evidenceInput: 'text', attendanceCsv: scan },
				{ onError: 'continueRegularOutput' },
			),
		]);
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(
			'Invalid schedule (binary property "schedule") at "row 1, column "End"": received "2026-05-14 08:00", which is not after the start "2026-05-14 09:30"; expected an end after the start',
		);
	});

	test('an unknown Session ID parameter is refused before any row is read', async () => {
		const run = await runChain(inputItems([{}]), [
			attendanceNode({ evidenceInput: 'text', attendanceCsv: scan, sessionId: 'NOPE' }),
		]);
		expect(run.error?.message).toBe('Session ID "NOPE" is not in the schedule');
	});
});
