import {
	parseSchedule,
	parseTimeValue,
	wallTimeToInstant,
	zoneOffsetMs,
} from '../../../nodes/core/domain/attendance';

const wall = (text: string) => {
	const [date, time] = text.split(' ');
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = time.split(':').map(Number);
	return { year, month, day, hour, minute, second: 0, millisecond: 0 };
};
const utc = (ms: number) => new Date(ms).toISOString();

describe('local wall times in IANA zones (Intl only, DST-correct)', () => {
	it('reads ordinary local times with the offset in force (EDT in May, EST in January)', () => {
		expect(utc(wallTimeToInstant(wall('2026-05-14 09:00'), 'America/New_York').ms)).toBe(
			'2026-05-14T13:00:00.000Z',
		);
		expect(utc(wallTimeToInstant(wall('2026-01-14 09:00'), 'America/New_York').ms)).toBe(
			'2026-01-14T14:00:00.000Z',
		);
		expect(utc(wallTimeToInstant(wall('2026-07-01 09:00'), 'Asia/Kolkata').ms)).toBe(
			'2026-07-01T03:30:00.000Z',
		);
		expect(wallTimeToInstant(wall('2026-07-01 09:00'), 'UTC')).toEqual({
			ms: Date.UTC(2026, 6, 1, 9),
		});
	});

	it('moves a time in the skipped spring-forward hour forward by the gap and says so', () => {
		// 8 March 2026, New York: 02:00 EST becomes 03:00 EDT; 02:30 does not exist.
		const gap = wallTimeToInstant(wall('2026-03-08 02:30'), 'America/New_York');
		expect([utc(gap.ms), gap.note]).toEqual(['2026-03-08T07:30:00.000Z', 'dst_gap']);
	});

	it('takes the earlier instant of the repeated fall-back hour and says so', () => {
		// 1 November 2026, New York: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
		const twice = wallTimeToInstant(wall('2026-11-01 01:30'), 'America/New_York');
		expect([utc(twice.ms), twice.note]).toEqual(['2026-11-01T05:30:00.000Z', 'dst_ambiguous']);
		const berlin = wallTimeToInstant(wall('2026-10-25 02:30'), 'Europe/Berlin');
		expect([utc(berlin.ms), berlin.note]).toEqual(['2026-10-25T00:30:00.000Z', 'dst_ambiguous']);
	});

	it('knows the offset on both sides of a change', () => {
		const before = Date.UTC(2026, 2, 8, 6, 59);
		expect([
			zoneOffsetMs('America/New_York', before),
			zoneOffsetMs('America/New_York', before + 60_000),
		]).toEqual([-5 * 3_600_000, -4 * 3_600_000]);
	});
});

describe('time cells as exports write them', () => {
	const zone = 'America/New_York';
	it.each([
		['2026-05-14T09:05:00Z', '2026-05-14T09:05:00.000Z'],
		['2026-05-14T09:05:00+02:00', '2026-05-14T07:05:00.000Z'],
		['2026-05-14 09:05', '2026-05-14T13:05:00.000Z'],
		['2026-05-14T09:05:30.250', '2026-05-14T13:05:30.250Z'],
		['05/14/2026 9:05 AM', '2026-05-14T13:05:00.000Z'],
		['05/14/2026 12:10 PM', '2026-05-14T16:10:00.000Z'],
		['05/14/2026 12:10 AM', '2026-05-14T04:10:00.000Z'],
		['5/14/2026, 21:05:09', '2026-05-15T01:05:09.000Z'],
		['1778763900', '2026-05-14T13:05:00.000Z'],
		['1778763900000', '2026-05-14T13:05:00.000Z'],
	])('%s -> %s', (text, expected) => {
		const parsed = parseTimeValue(text, zone, 'MDY');
		if (!parsed.ok) throw new Error(parsed.message);
		expect(utc(parsed.ms)).toBe(expected);
	});

	it('reads day-first dates when told to', () => {
		const parsed = parseTimeValue('14.05.2026 09:05', zone, 'DMY');
		expect(parsed.ok && utc(parsed.ms)).toBe('2026-05-14T13:05:00.000Z');
		expect(parseTimeValue('14/05/2026 09:05', zone, 'MDY').ok).toBe(false);
	});

	it.each([
		['yesterday'],
		['2026-02-30 09:00'],
		['2026-05-14 25:00'],
		['13/40/2026 09:00'],
		[''],
		['2026-05-14'],
		['13:05 PM 2026'],
	])('refuses %j with a message that says what is expected', (text) => {
		const parsed = parseTimeValue(text, zone, 'MDY');
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.message).toMatch(/expected|not a real date/);
	});
});

describe('a schedule across a DST change', () => {
	it('measures content in real elapsed time: 01:00-04:00 on spring-forward night is 120 minutes', () => {
		const parsed = parseSchedule({
			timezone: 'America/New_York',
			sessions: [{ id: 'N', title: 'Night', start: '2026-03-08 01:00', end: '2026-03-08 04:00' }],
		});
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		const session = parsed.sessions.get('N');
		expect([session?.contentMs, session?.spansDstChange]).toEqual([120 * 60_000, true]);
	});

	it('refuses a schedule time inside the skipped hour instead of guessing', () => {
		const parsed = parseSchedule({
			timezone: 'America/New_York',
			sessions: [{ id: 'N', title: 'Night', start: '2026-03-08 02:30', end: '2026-03-08 04:00' }],
		});
		expect(parsed.ok ? [] : parsed.issues).toEqual([
			{
				path: 'sessions[0].start',
				message: 'received "2026-03-08 02:30", which does not exist in America/New_York (DST gap)',
			},
		]);
	});
});
