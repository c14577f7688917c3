import {
	kindFromWord,
	parseAttendanceCsv,
	parseAttendanceRows,
	parseCsv,
	resolveColumns,
} from '../../../nodes/core/domain/attendance';
import { AttendanceSignalSchema } from '../../../nodes/core/domain/model';
import { scheduleOf, session } from '../credit/cpe-fixtures';

const schedule = scheduleOf([
	session('S1', '09:00', '10:40', { title: 'Revenue recognition', room: 'Room A' }),
	session('S2', '11:00', '12:00', { title: 'Ethics', room: 'Room B' }),
	session('S3', '11:00', '12:00', { title: 'Tax', room: 'Room C' }),
]);
const options = { schedule, source: 'badge', includeRaw: false };

describe('CSV as exports write it', () => {
	it('removes the BOM, detects semicolons, keeps quoted delimiters, quotes and line breaks', () => {
		const table = parseCsv(
			'\ufeffName;Note\r\n"Lovelace; Ada";"said ""hi""\nthen left"\r\n\r\nTuring;x\n',
		);
		expect(table).toEqual({
			ok: true,
			header: ['Name', 'Note'],
			rows: [
				{ Name: 'Lovelace; Ada', Note: 'said "hi"\nthen left' },
				{ Name: 'Turing', Note: 'x' },
			],
		});
	});

	it('refuses a repeated header and an unclosed quote, saying where', () => {
		expect(parseCsv('Email,Email\na,b')).toMatchObject({ ok: false, column: 'Email' });
		expect(parseCsv('Email,Time\n"a,b')).toMatchObject({
			ok: false,
			message: 'a quoted field is never closed',
		});
	});
});

describe('column aliases and kind words', () => {
	it('maps what badge, kiosk, Eventbrite and Zoom exports call their columns', () => {
		expect(
			resolveColumns([
				'Badge ID',
				'Email Address',
				'Check-In Time',
				'Check-Out Time',
				'Session Name',
				'Scanned By',
				'user_email',
			]),
		).toEqual({
			attendeeId: 'Badge ID',
			email: 'Email Address',
			checkIn: 'Check-In Time',
			checkOut: 'Check-Out Time',
			sessionId: 'Session Name',
			source: 'Scanned By',
		});
		expect(resolveColumns(['Scan Time', 'Who'], { attendeeId: 'Who' })).toEqual({
			attendeeId: 'Who',
			time: 'Scan Time',
		});
	});

	it.each([
		['Check-In', 'check_in'],
		['OUT', 'check_out'],
		['webinar.participant_left', 'leave'],
		['Heartbeat', 'heartbeat'],
		['moderator', 'manual'],
		['sideways', undefined],
	])('%s is %s', (word, kind) => {
		expect(kindFromWord(word)).toBe(kind);
	});
});

describe('rows to signals', () => {
	it('reads in/out pairs from one row as a paired segment in the session zone', () => {
		const result = parseAttendanceCsv(
			'Attendee #,Session,Check-In Time,Check-Out Time\n42,S1,2026-05-14 09:05,2026-05-14 10:37\n',
			options,
		);
		expect(result.errors).toEqual([]);
		expect(
			result.signals.map((s) => [
				s.kind,
				s.at,
				s.segmentId,
				s.attendeeId,
				s.sessionId,
				s.identity,
				s.row,
			]),
		).toEqual([
			['check_in', '2026-05-14T13:05:00.000Z', 'badge#1', '42', 'S1', 'id', 1],
			['check_out', '2026-05-14T14:37:00.000Z', 'badge#1', '42', 'S1', 'id', 1],
		]);
		for (const signal of result.signals)
			expect(AttendanceSignalSchema.safeParse(signal).success).toBe(true);
	});

	it('finds the session by title and joins a date column with a time-only column', () => {
		const result = parseAttendanceCsv(
			'Email,Session Name,Date,Time,Direction\nADA@example.com,revenue recognition,05/14/2026,9:05 AM,entry\n',
			options,
		);
		expect(
			result.signals.map((s) => [s.attendeeId, s.sessionId, s.kind, s.at, s.identity]),
		).toEqual([['ada@example.com', 'S1', 'check_in', '2026-05-14T13:05:00.000Z', 'email']]);
	});

	it('assigns door scans without a session by time and room, and flags parallel sessions', () => {
		const rows = [
			{ Badge: '7', Room: 'Room B', 'Scan Time': '2026-05-14 11:02' },
			{ Badge: '7', 'Scan Time': '2026-05-14 11:30' },
			{ Badge: '7', 'Scan Time': '2026-05-14 15:00' },
		];
		const result = parseAttendanceRows(rows, options);
		expect(result.signals.map((s) => [s.sessionId, s.candidateSessionIds])).toEqual([
			['S2', undefined],
			[undefined, ['S2', 'S3']],
		]);
		expect(result.unassigned.map((s) => s.row)).toEqual([3]);
	});

	it('reads poll answers, non-responses included, and manual confirmations with and without windows', () => {
		const polls = parseAttendanceCsv(
			'Email,Session,Submitted Date/Time,Question,Answer\na@x.org,S1,2026-05-14 09:20,Q1,yes\na@x.org,S1,2026-05-14 09:40,Q2,\n',
			{
				...options,
				defaultKind: 'poll_answer',
			},
		);
		expect(polls.signals.map((s) => [s.kind, s.pollId, s.answered])).toEqual([
			['poll_answer', 'Q1', true],
			['poll_answer', 'Q2', false],
		]);
		const manual = parseAttendanceRows(
			[
				{ 'Attendee ID': '9', Session: 'S1', Type: 'manual' },
				{
					'Attendee ID': '9',
					Session: 'S2',
					Type: 'confirmed',
					From: '2026-05-14 11:00',
					Until: '2026-05-14 11:30',
				},
			],
			options,
		);
		expect(manual.signals.map((s) => [s.kind, s.at, s.from, s.until, s.confidence])).toEqual([
			['manual', '2026-05-14T13:00:00.000Z', undefined, undefined, 1],
			[
				'manual',
				'2026-05-14T15:00:00.000Z',
				'2026-05-14T15:00:00.000Z',
				'2026-05-14T15:30:00.000Z',
				1,
			],
		]);
	});

	it('keeps the row on the signal as raw evidence unless told not to', () => {
		const row = { Badge: '7', Session: 'S1', Time: '2026-05-14 09:05' };
		expect(parseAttendanceRows([row], { schedule, source: 'kiosk' }).signals[0].raw).toBe(row);
	});
});

describe('bad rows: a clear error naming row and column, other rows still read', () => {
	const header = 'Badge ID,Session,Scan Time,Direction\n';
	const csv = (...lines: string[]) => parseAttendanceCsv(header + lines.join('\n'), options);

	it('unknown session id', () => {
		const result = csv(
			'1,S1,2026-05-14 09:05,in',
			'2,S9,2026-05-14 09:05,in',
			'3,S1,2026-05-14 09:06,in',
		);
		expect(result.errors).toEqual([
			{
				row: 2,
				column: 'Session',
				message:
					'received unknown session id "S9"; expected one of the schedule\'s session ids or titles',
			},
		]);
		expect(result.signals.map((s) => s.attendeeId)).toEqual(['1', '3']);
	});

	it('an oversized cell, by its column and the limit', () => {
		const result = csv(
			`${'7'.repeat(100_000)},S1,2026-05-14 09:05,in`,
			`2,${'S'.repeat(300)},2026-05-14 09:05,in`,
			'3,S1,2026-05-14 09:06,in',
		);
		expect(result.errors).toEqual([
			{ row: 1, column: 'Badge ID', message: 'is 100,000 characters long; the limit is 256' },
			{ row: 2, column: 'Session', message: 'is 300 characters long; the limit is 256' },
		]);
		expect(result.signals.map((s) => s.attendeeId)).toEqual(['3']);
	});

	it('end before start', () => {
		const result = parseAttendanceCsv(
			'Badge,Session,Check-In Time,Check-Out Time\n1,S1,2026-05-14 10:00,2026-05-14 09:00\n',
			options,
		);
		expect(result.errors).toEqual([
			{
				row: 1,
				column: 'Check-Out Time',
				message:
					'received "2026-05-14 09:00", which is before "2026-05-14 10:00" in column "Check-In Time"; expected an end after the start',
			},
		]);
	});

	it('unparseable time and unknown kind', () => {
		const result = csv('1,S1,around nine,in', '2,S1,2026-05-14 09:05,sideways');
		expect(result.errors.map((e) => [e.row, e.column])).toEqual([
			[1, 'Scan Time'],
			[2, 'Direction'],
		]);
		expect(result.errors[0].message).toMatch(/^received "around nine"; expected an ISO-8601 time/);
	});

	it('missing columns: no time, no attendee, no poll id', () => {
		const noTime = parseAttendanceCsv('Badge ID,Session\n1,S1\n', options);
		expect(noTime.errors).toEqual([
			{
				row: 1,
				column: 'time',
				message: expect.stringMatching(
					/^missing; expected a time \(a column such as time, timestamp, scantime/,
				),
			},
		]);
		const noWho = parseAttendanceCsv('Session,Scan Time\nS1,2026-05-14 09:05\n', options);
		expect(noWho.errors).toEqual([
			{
				row: 1,
				column: 'attendeeId',
				message: expect.stringMatching(
					/^missing; expected an attendee id, email, registrant id or name/,
				),
			},
		]);
		const emptyEmail = parseAttendanceCsv(
			'Email,Session,Scan Time\n,S1,2026-05-14 09:05\n',
			options,
		);
		expect(emptyEmail.errors.map((e) => e.column)).toEqual(['Email']);
		const noPoll = parseAttendanceCsv(
			'Badge,Session,Time,Type\n1,S1,2026-05-14 09:05,poll\n',
			options,
		);
		expect(noPoll.errors.map((e) => e.column)).toEqual(['pollId']);
	});

	it('a missing header line, an unknown session for the whole file, an invalid confidence', () => {
		expect(parseAttendanceCsv('', options).errors).toEqual([
			{ row: 0, column: '', message: 'received no header line; expected CSV with a header' },
		]);
		const wrongSession = parseAttendanceRows([{ Badge: '1', Time: '2026-05-14 09:05' }], {
			...options,
			sessionId: 'NOPE',
		});
		expect(wrongSession.errors.map((e) => [e.row, e.column])).toEqual([[1, 'sessionId']]);
		const confidence = parseAttendanceRows(
			[{ Badge: '1', Session: 'S1', Time: '2026-05-14 09:05', Confidence: '2' }],
			options,
		);
		expect(confidence.errors.map((e) => e.column)).toEqual(['Confidence']);
	});
});
