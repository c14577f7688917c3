import type { INodeProperties } from 'n8n-workflow';

import { scheduleProperties } from '../kit/cpe/schedule-input';

const SIGNAL_KINDS = [
	{ name: 'Check-In', value: 'check_in' },
	{ name: 'Check-Out', value: 'check_out' },
	{ name: 'Door Scan (In and Out Alternate)', value: 'scan' },
	{ name: 'Heartbeat', value: 'heartbeat' },
	{ name: 'Join (Online)', value: 'join' },
	{ name: 'Leave (Online)', value: 'leave' },
	{ name: 'Manual Confirmation', value: 'manual' },
	{ name: 'Poll Answer', value: 'poll_answer' },
];

export const EXAMPLE_ATTENDANCE_CSV = `Badge ID,Session,Scan Time,Direction
1001,EXAMPLE-1,2026-05-14 08:58,in
1001,EXAMPLE-1,2026-05-14 10:41,out
`;

export const attendanceProperties: INodeProperties[] = [
	...scheduleProperties(undefined, false),
	{
		displayName: 'Evidence Input',
		name: 'evidenceInput',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Input Items',
				value: 'items',
				description:
					'Each item is a row (badge scan, check-in, poll answer, heartbeat, confirmation), a Zoom report page or a Zoom webhook',
			},
			{
				name: 'Binary File (CSV)',
				value: 'binary',
				description: 'Each input item carries an attendance CSV export',
			},
			{
				name: 'CSV Text',
				value: 'text',
				description: 'Paste or map the attendance CSV into this node (read once per run)',
			},
		],
		default: 'items',
	},
	{
		displayName: 'Evidence Format',
		name: 'evidenceFormat',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { evidenceInput: ['items'] } },
		options: [
			{
				name: 'Detect per Item',
				value: 'auto',
				description:
					'A Zoom report page (has participants), a Zoom webhook (event + payload, also under body), else a row',
			},
			{ name: 'Rows', value: 'rows', description: 'Every item is one attendance row' },
			{
				name: 'Zoom Participant Report',
				value: 'zoomReport',
				description: 'Every item is a page of GET /report/webinars/{ID}/participants',
			},
			{
				name: 'Zoom Webhook Events',
				value: 'zoomWebhook',
				description: 'Every item is a participant_joined or participant_left event',
			},
		],
		default: 'auto',
	},
	{
		displayName: 'Attendance CSV',
		name: 'attendanceCsv',
		type: 'string',
		typeOptions: { rows: 10 },
		default: EXAMPLE_ATTENDANCE_CSV,
		description:
			'CSV with a header row; comma or semicolon separated. Columns are found by their usual names (Badge ID, Email, Session, Scan Time, Check-In Time, Join Time...).',
		displayOptions: { show: { evidenceInput: ['text'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		description: 'The binary property of each input item that holds the attendance CSV',
		displayOptions: { show: { evidenceInput: ['binary'] } },
	},
	{
		displayName: 'Source Name',
		name: 'sourceName',
		type: 'string',
		default: 'badge',
		placeholder: 'badge',
		description:
			'Labels the signals (badge, kiosk, poll, heartbeat, moderator...) when rows have no Source column; Zoom items are labelled zoom_report or zoom_webhook',
	},
	{
		displayName: 'Default Signal Kind',
		name: 'defaultKind',
		type: 'options',
		options: SIGNAL_KINDS,
		default: 'scan',
		description: 'What a row means when it has no Type or Direction column',
	},
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		default: '',
		description:
			'Every row belongs to this session (e.g. one Zoom report per webinar). Leave empty to read the session from each row, or from its time and room.',
	},
	{
		displayName: 'Timelines Output',
		name: 'timelinesOutput',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'One Item per Timeline',
				value: 'items',
				description: 'Each attendee and session as its own item, to inspect or filter in n8n',
			},
			{
				name: 'One Timelines File (Large Events)',
				value: 'file',
				description:
					'Every timeline in one JSON file (binary "timelines") for CPE Credit; the item carries the counts and the file\'s sha256. n8n copies and saves every item, so events with thousands of attendees need this.',
			},
		],
		default: 'items',
		description:
			'How the timelines leave the node: one item each, or one JSON file that CPE Credit reads (for conferences with thousands of attendees)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Clock Skew (Minutes)',
				name: 'clockSkewMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 5,
				description:
					'Sources that disagree by at most this much are clock skew; beyond it a conflict is reported',
			},
			{
				displayName: 'Column Mapping',
				name: 'columnMapping',
				type: 'json',
				default: '{}',
				hint: 'Example: {"attendeeId": "Delegate No", "time": "Swipe Time"}',
				description:
					'Column names for exports the usual names do not cover. Fields: attendeeId, email, registrantId, name, firstName, lastName, sessionId, room, time, date, checkIn, checkOut, joinTime, leaveTime, kind, pollId, answer, answered, checkedIn, source, confidence, from, until, timezone.',
			},
			{
				displayName: 'Confidence',
				name: 'confidence',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.9,
				description:
					'How far these signals are trusted (0..1), instead of the default per kind; shown to reviewers',
			},
			{
				displayName: 'Date Order',
				name: 'dateOrder',
				type: 'options',
				options: [
					{ name: 'Month/Day/Year (05/14/2026)', value: 'MDY' },
					{ name: 'Day/Month/Year (14/05/2026)', value: 'DMY' },
				],
				default: 'MDY',
				description:
					'How to read dates written with slashes; ISO dates (2026-05-14) need no choice',
			},
			{
				displayName: 'Duplicate Window (Seconds)',
				name: 'duplicateWindowSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 120,
				description:
					'Repeats of a scan or check-in within this many seconds count once (all are kept)',
			},
			{
				displayName: 'Heartbeat Period (Seconds)',
				name: 'heartbeatPeriodSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description: 'How long one heartbeat proves online presence',
			},
			{
				displayName: 'Identity Map',
				name: 'identityMap',
				type: 'json',
				default: '{}',
				hint: 'Example: {"1001": "ada@example.com", "reg-kj": "katherine@example.com"}',
				description:
					'Badge IDs, emails or Zoom registrant IDs (or "name:Full Name") mapped to one attendee ID, to join sources on one person',
			},
			{
				displayName: 'Include Raw Rows',
				name: 'includeRaw',
				type: 'boolean',
				default: true,
				description: 'Whether each signal keeps the input row it came from (evidence for disputes)',
			},
			{
				displayName: 'Room Scan Margin (Minutes)',
				name: 'assignMarginMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 15,
				description:
					'A scan without a session still belongs to a session in its room up to this many minutes before the start or after the end',
			},
			{
				displayName: 'Time Zone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'America/Chicago',
				description:
					"IANA zone of local times whose session is unknown, and of schedule CSV rows without a Time Zone column; default: the schedule's zone (UTC for CSV schedules)",
			},
			{
				displayName: 'Zoom Meeting to Session',
				name: 'zoomMeetingSessions',
				type: 'json',
				default: '{}',
				hint: 'Example: {"85746065432": "H1"}',
				description:
					'Zoom meeting or webinar IDs mapped to schedule session IDs, for webhooks; without it the meeting ID must be a session ID',
			},
		],
	},
];
