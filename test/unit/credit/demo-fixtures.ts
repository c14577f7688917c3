import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	parseAttendanceCsv,
	parseAttendanceRows,
	parseSchedule,
	parseZoomParticipantReport,
	parseZoomWebhook,
	type AttendanceParseResult,
	type ParsedSchedule,
} from '../../../nodes/core/domain/attendance';
import { parseCreditPolicies, type ParsedCreditPolicy } from '../../../nodes/core/domain/credit';

const DIR = join(__dirname, '../../fixtures/cpe');
export const fixtureText = (name: string): string => readFileSync(join(DIR, name), 'utf8');
export const fixtureJson = (name: string): unknown => JSON.parse(fixtureText(name));

/** The sample conference: schedule, policies and every attendance source, parsed. */
export function loadDemo(): {
	schedule: ParsedSchedule;
	policies: Map<string, ParsedCreditPolicy>;
	sources: Record<string, AttendanceParseResult>;
} {
	const schedule = parseSchedule(fixtureJson('schedule.json'));
	if (!schedule.ok) throw new Error(JSON.stringify(schedule.issues));
	const policies = parseCreditPolicies(fixtureJson('policies.json'));
	if (!policies.ok) throw new Error(JSON.stringify(policies.issues));
	// Badge ids and Zoom registrant ids joined onto the emails the other sources use.
	const identityMap = {
		'1001': 'ada@example.com',
		'1002': 'grace@example.com',
		'1003': 'alan@example.com',
		'reg-kj': 'katherine@example.com',
	};
	const common = { schedule, identityMap, includeRaw: false };
	const sources = {
		badge: parseAttendanceCsv(fixtureText('badge-scans.csv'), { ...common, source: 'badge' }),
		kiosk: parseAttendanceCsv(fixtureText('kiosk-checkins.csv'), { ...common, source: 'kiosk' }),
		zoomReport: parseZoomParticipantReport(fixtureJson('zoom-webinar-report.json'), {
			...common,
			sessionId: 'W1',
		}),
		zoomWebhooks: parseZoomWebhook(fixtureJson('zoom-webhooks.json'), {
			...common,
			sessionIdByMeetingId: { '85746065432': 'H1' },
		}),
		polls: parseAttendanceCsv(fixtureText('polls.csv'), {
			...common,
			source: 'poll',
			defaultKind: 'poll_answer',
		}),
		manual: parseAttendanceCsv(fixtureText('manual-confirmations.csv'), {
			...common,
			source: 'moderator',
		}),
		heartbeats: parseAttendanceRows(
			fixtureJson('heartbeats.json') as Array<Record<string, unknown>>,
			{
				...common,
				source: 'platform',
			},
		),
	};
	return { schedule, policies: policies.policies, sources };
}
