import { parseSchedule } from '../../../nodes/core/domain/attendance';

const session = (extra: Record<string, unknown> = {}) => ({
	id: 'S1',
	title: 'Revenue recognition',
	start: '2026-05-14 09:00',
	end: '2026-05-14 10:40',
	...extra,
});
const issuesOf = (input: unknown) => {
	const parsed = parseSchedule(input);
	if (parsed.ok) throw new Error('expected the schedule to be refused');
	return parsed.issues;
};

describe('schedule validation', () => {
	it('resolves local times in the session zone, else the schedule zone, and subtracts breaks', () => {
		const parsed = parseSchedule({
			timezone: 'America/New_York',
			sessions: [
				session({
					breaks: [{ start: '2026-05-14 09:50', end: '2026-05-14 10:00', label: 'coffee' }],
				}),
				session({
					id: 'S2',
					timezone: 'Europe/Berlin',
					start: '2026-05-14 09:00',
					end: '2026-05-14T10:00:00Z',
				}),
			],
		});
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		const s1 = parsed.sessions.get('S1');
		const s2 = parsed.sessions.get('S2');
		expect(
			s1?.content.map((c) => [new Date(c.start).toISOString(), new Date(c.end).toISOString()]),
		).toEqual([
			['2026-05-14T13:00:00.000Z', '2026-05-14T13:50:00.000Z'],
			['2026-05-14T14:00:00.000Z', '2026-05-14T14:40:00.000Z'],
		]);
		expect([s1?.contentMs, s2?.contentMs, s2?.zone]).toEqual([
			90 * 60_000,
			180 * 60_000,
			'Europe/Berlin',
		]);
		expect(parsed.schedule.sessions[0].deliveryMethod).toBe('group-live');
	});

	it('refuses an end before the start, naming the session field', () => {
		expect(
			issuesOf({ sessions: [session(), session({ id: 'S2', end: '2026-05-14 08:00' })] }),
		).toEqual([
			{
				path: 'sessions[1].end',
				message:
					'received "2026-05-14 08:00", which is not after the start "2026-05-14 09:00"; expected an end after the start',
			},
		]);
	});

	it('refuses unparseable times, unknown zones, repeated ids and breaks outside the session', () => {
		const issues = issuesOf({
			sessions: [
				session({ start: 'soon' }),
				session({ id: 'S2', timezone: 'Mars/Olympus' }),
				session({ id: 'S2' }),
				session({ id: 'S4', breaks: [{ start: '2026-05-14 08:00', end: '2026-05-14 08:30' }] }),
			],
		});
		expect(issues.map((issue) => issue.path)).toEqual(['sessions[1].timezone', 'sessions[2].id']);
		expect(issues[0].message).toBe(
			'received "Mars/Olympus"; expected an IANA time zone such as Europe/Berlin or UTC',
		);
		const later = issuesOf({
			sessions: [
				session({ start: 'soon' }),
				session({ id: 'S4', breaks: [{ start: '2026-05-14 08:00', end: '2026-05-14 08:30' }] }),
			],
		});
		expect(later.map((issue) => issue.path)).toEqual([
			'sessions[0].start',
			'sessions[1].breaks[0]',
		]);
		expect(later[0].message).toMatch(/^received "soon"; expected an ISO-8601 time/);
	});

	it('names unknown fields with a did-you-mean hint and missing ones as missing', () => {
		const issues = issuesOf({
			sessions: [{ id: 'S1', title: 'x', start: '2026-05-14 09:00', ende: '2026-05-14 10:00' }],
		});
		expect(issues).toEqual([
			{ path: 'sessions[0].end', message: 'missing; expected text' },
			{
				path: 'sessions[0].ende',
				message: expect.stringMatching(/^unknown field "ende" \(did you mean "end"\?\)/),
			},
		]);
	});

	it('knows which sessions run in parallel (only they can put someone in two rooms)', () => {
		const parsed = parseSchedule({
			sessions: [
				session(),
				session({ id: 'S2', start: '2026-05-14 10:00', end: '2026-05-14 11:00' }),
				session({ id: 'S3', start: '2026-05-14 10:40', end: '2026-05-14 11:30' }),
			],
		});
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		expect([...(parsed.concurrent.get('S2') ?? [])].sort()).toEqual(['S1', 'S3']);
		expect([...(parsed.concurrent.get('S1') ?? [])]).toEqual(['S2']);
	});
});
