import {
	buildTimelines,
	parseSchedule,
	parseZoomParticipantReport,
	parseZoomWebhook,
	timelineToJson,
} from '../../../nodes/core/domain/attendance';

// Shapes from lms-sources.md section 7.1 (report page and webhook payload).
const parsed = parseSchedule({
	timezone: 'America/New_York',
	sessions: [
		{
			id: 'WEB',
			title: 'Compliance Webinar',
			start: '2024-06-03 09:00',
			end: '2024-06-03 10:00',
			deliveryMethod: 'group-internet',
		},
	],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const schedule = parsed;
const ada = {
	user_id: '16778240',
	name: 'Ada Lovelace',
	user_email: 'ada@example.com',
	registrant_id: 'abcdEFGh123',
	status: 'in_meeting',
};
const page = {
	page_count: 1,
	participants: [
		{
			...ada,
			id: '',
			join_time: '2024-06-03T13:01:10Z',
			leave_time: '2024-06-03T13:30:00Z',
			duration: 1730,
		},
		{
			...ada,
			user_id: '16778241',
			id: '',
			join_time: '2024-06-03T13:33:05Z',
			leave_time: '2024-06-03T13:58:02Z',
			duration: 1497,
		},
		{
			id: '',
			user_id: '3',
			name: 'Guest',
			user_email: '',
			join_time: '2024-06-03T13:00:00Z',
			leave_time: '2024-06-03T13:50:00Z',
			status: 'in_meeting',
		},
		{
			id: '',
			user_id: '4',
			name: 'Reg Only',
			user_email: '',
			registrant_id: 'r-4',
			join_time: '2024-06-03T13:00:00Z',
			leave_time: '2024-06-03T13:20:00Z',
		},
		{
			id: '',
			user_id: '5',
			name: 'Broken',
			user_email: 'b@example.com',
			join_time: 'not a time',
			leave_time: '2024-06-03T13:20:00Z',
		},
	],
};

describe('Zoom participant report', () => {
	const result = parseZoomParticipantReport(page, { schedule, sessionId: 'WEB' });

	it('turns each row (one join segment) into a paired join and leave, keeping the Zoom row as raw', () => {
		const adaSignals = result.signals.filter((s) => s.attendeeId === 'ada@example.com');
		expect(adaSignals.map((s) => [s.kind, s.at, s.segmentId, s.row])).toEqual([
			['join', '2024-06-03T13:01:10.000Z', 'zoom_report#1', 1],
			['leave', '2024-06-03T13:30:00.000Z', 'zoom_report#1', 1],
			['join', '2024-06-03T13:33:05.000Z', 'zoom_report#2', 2],
			['leave', '2024-06-03T13:58:02.000Z', 'zoom_report#2', 2],
		]);
		expect(adaSignals[2].raw).toBe(page.participants[1]);
	});

	it('merges rejoin segments: the summed durations are the attended time', () => {
		const { timelines } = buildTimelines(result.signals, schedule);
		const json = timelineToJson(
			timelines.find((t) => t.attendeeId === 'ada@example.com') as (typeof timelines)[number],
		);
		expect(json.presence.map((w) => [w.start, w.end])).toEqual([
			['2024-06-03T13:01:10.000Z', '2024-06-03T13:30:00.000Z'],
			['2024-06-03T13:33:05.000Z', '2024-06-03T13:58:02.000Z'],
		]);
		expect(json.presenceMinutes).toBe(Math.floor((1730 + 1497) / 0.6) / 100);
	});

	it('empty emails: the registrant id, then the name stands in, and the name is flagged', () => {
		expect(
			result.signals
				.filter((s) => s.row === 3 || s.row === 4)
				.map((s) => [s.row, s.attendeeId, s.identity]),
		).toEqual([
			[3, 'name:guest', 'name'],
			[3, 'name:guest', 'name'],
			[4, 'registrant:r-4', 'registrant'],
			[4, 'registrant:r-4', 'registrant'],
		]);
		const { timelines } = buildTimelines(result.signals, schedule);
		const guest = timelines.find((t) => t.attendeeId === 'name:guest');
		expect(guest?.findings.map((f) => f.code)).toEqual(['IDENTITY_FROM_NAME_ONLY']);
	});

	it('reports a bad row by its position in the page and Zoom field name', () => {
		expect(result.errors).toEqual([
			{ row: 5, column: 'join_time', message: expect.stringMatching(/^received "not a time"/) },
		]);
		expect(
			parseZoomParticipantReport({ code: 3001 }, { schedule, sessionId: 'WEB' }).errors,
		).toEqual([
			{
				row: 1,
				column: 'participants',
				message: 'missing; expected a Zoom report page with a participants list',
			},
		]);
	});
});

describe('Zoom join/leave webhooks', () => {
	const body = (event: string, participant: Record<string, unknown>, id = '85746065432') => ({
		event,
		event_ts: 1717430500123,
		payload: { account_id: 'a', object: { id, topic: 'Compliance Webinar', type: 5, participant } },
	});
	const who = {
		user_id: '16778240',
		user_name: 'Ada Lovelace',
		email: 'ada@example.com',
		participant_uuid: '0C4D',
	};

	it('maps joined and left events to join and leave signals of the mapped session', () => {
		const result = parseZoomWebhook(
			[
				body('webinar.participant_joined', { ...who, join_time: '2024-06-03T13:01:10Z' }),
				body('webinar.participant_left', {
					...who,
					join_time: '2024-06-03T13:01:10Z',
					leave_time: '2024-06-03T13:58:02Z',
					leave_reason: 'left the webinar',
				}),
				{ event: 'endpoint.url_validation', payload: { plainToken: 'x' } },
			],
			{ schedule, sessionIdByMeetingId: { '85746065432': 'WEB' } },
		);
		expect(result.signals.map((s) => [s.kind, s.at, s.sessionId, s.source, s.row])).toEqual([
			['join', '2024-06-03T13:01:10.000Z', 'WEB', 'zoom_webhook', 1],
			['leave', '2024-06-03T13:58:02.000Z', 'WEB', 'zoom_webhook', 2],
		]);
		expect(result.skipped).toEqual([
			{ row: 3, reason: 'event "endpoint.url_validation" is not a participant join or leave' },
		]);
	});

	it('refuses a meeting that maps to no session, and a guest without email falls back to the name', () => {
		const result = parseZoomWebhook(
			[
				body(
					'meeting.participant_joined',
					{ user_name: 'Guest 7', email: '', join_time: '2024-06-03T13:00:00Z' },
					'1',
				),
				body('meeting.participant_joined', {
					user_name: 'Guest 7',
					email: '',
					join_time: '2024-06-03T13:00:00Z',
				}),
			],
			{ schedule, sessionId: undefined, sessionIdByMeetingId: { '85746065432': 'WEB' } },
		);
		expect(result.errors).toEqual([
			{
				row: 1,
				column: 'payload.object.id',
				message: 'received meeting "1"; expected a meeting mapped to a schedule session',
			},
		]);
		expect(result.signals.map((s) => [s.row, s.attendeeId, s.identity])).toEqual([
			[2, 'name:guest 7', 'name'],
		]);
	});
});
