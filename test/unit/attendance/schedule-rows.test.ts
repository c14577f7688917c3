import { parseScheduleCsv, parseScheduleRows } from '../../../nodes/core/domain/attendance';
import { fixtureText } from '../credit/demo-fixtures';

describe('schedule from a sheet', () => {
	it('reads the sample schedule CSV with its aliases, quoted speakers and breaks', () => {
		const parsed = parseScheduleCsv(fixtureText('schedule.csv'));
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		const h1 = parsed.sessions.get('H1');
		expect([...parsed.sessions.keys()]).toEqual(['KEY', 'A1', 'W1', 'H1', 'L1']);
		expect(parsed.schedule.sessions[1]).toMatchObject({
			speaker: 'Jon Ellis, CPA',
			room: 'Room A',
			creditPolicy: 'nasba-fifths',
		});
		expect([h1?.zone, h1?.contentMs, parsed.schedule.sessions[2].pollsScheduled]).toEqual([
			'America/Chicago',
			70 * 60_000,
			6,
		]);
		expect(parsed.schedule.sessions[4].programId).toBe('LIGHTNING');
	});

	it('names the row and the column as written when a cell is wrong', () => {
		const parsed = parseScheduleRows([
			{
				'Session ID': 'S1',
				Title: 'Ok',
				'Start Time': '2026-05-14 09:00',
				'End Time': '2026-05-14 10:00',
			},
			{
				'Session ID': 'S2',
				Title: 'Backwards',
				'Start Time': '2026-05-14 11:00',
				'End Time': '2026-05-14 10:00',
			},
			{
				'Session ID': 'S3',
				Title: 'Bad method',
				'Start Time': '2026-05-14 11:00',
				'End Time': '2026-05-14 12:00',
				Method: 'hybrid',
			},
		]);
		expect(parsed.ok ? [] : parsed.issues).toEqual([
			{
				path: 'row 3, column "Method"',
				message:
					'received "hybrid"; expected one of "group-live", "group-internet", "self-study", "nano", "blended"',
			},
		]);
		const times = parseScheduleRows([
			{
				'Session ID': 'S2',
				Title: 'Backwards',
				'Start Time': '2026-05-14 11:00',
				'End Time': '2026-05-14 10:00',
				Breaks: 'lunch',
			},
		]);
		expect(times.ok ? [] : times.issues.map((i) => i.path)).toEqual(['row 1, column "Breaks"']);
		const backwards = parseScheduleRows([
			{
				'Session ID': 'S2',
				Title: 'Backwards',
				'Start Time': '2026-05-14 11:00',
				'End Time': '2026-05-14 10:00',
			},
		]);
		expect(backwards.ok ? [] : backwards.issues).toEqual([
			{
				path: 'row 1, column "End Time"',
				message:
					'received "2026-05-14 10:00", which is not after the start "2026-05-14 11:00"; expected an end after the start',
			},
		]);
	});
});
