import { parseSchedule, type ParsedSchedule } from '../../../nodes/core/domain/attendance';
import {
	computeCredits,
	parseCreditPolicy,
	type ParsedCreditPolicy,
} from '../../../nodes/core/domain/credit';
import type {
	AttendanceSignal,
	CreditDecision,
	CreditPolicyInput,
	ScheduleInput,
	SessionInput,
} from '../../../nodes/core/domain/model';

export const NOW = new Date('2026-06-01T12:00:00.000Z');
export const DAY = '2026-05-14';
export const ZONE = 'America/New_York';

/** A validated schedule; throws with the issues if the fixture itself is wrong. */
export function scheduleOf(
	sessions: SessionInput[],
	extra: Partial<ScheduleInput> = {},
): ParsedSchedule {
	const parsed = parseSchedule({ timezone: ZONE, defaultPolicy: 'policy', sessions, ...extra });
	if (!parsed.ok) throw new Error(`invalid schedule fixture: ${JSON.stringify(parsed.issues)}`);
	return parsed;
}

/** A session on the fixture day, local times in America/New_York. */
export function session(
	id: string,
	start: string,
	end: string,
	extra: Partial<SessionInput> = {},
): SessionInput {
	return { id, title: `Session ${id}`, start: `${DAY} ${start}`, end: `${DAY} ${end}`, ...extra };
}

export function policyOf(
	input: Partial<CreditPolicyInput> & { type: CreditPolicyInput['type'] },
): ParsedCreditPolicy {
	const parsed = parseCreditPolicy({ id: 'policy', version: '1', ...input });
	if (!parsed.ok) throw new Error(`invalid policy fixture: ${JSON.stringify(parsed.issues)}`);
	return parsed;
}

/** A UTC instant for a local time on the fixture day (EDT, UTC-4). */
export function at(local: string, day = DAY): string {
	const [hour, minute] = local.split(':').map(Number);
	const utc = Date.UTC(
		Number(day.slice(0, 4)),
		Number(day.slice(5, 7)) - 1,
		Number(day.slice(8, 10)),
		hour + 4,
		minute,
	);
	return new Date(utc).toISOString();
}

export function signal(
	partial: Partial<AttendanceSignal> & Pick<AttendanceSignal, 'kind' | 'at'>,
): AttendanceSignal {
	return { attendeeId: 'a1', sessionId: 'S1', source: 'badge', confidence: 0.95, ...partial };
}

/** A check-in and a check-out (separate rows, unpaired), local times. */
export function inOut(
	inAt: string,
	outAt: string,
	extra: Partial<AttendanceSignal> = {},
): AttendanceSignal[] {
	return [
		signal({ kind: 'check_in', at: at(inAt), ...extra }),
		signal({ kind: 'check_out', at: at(outAt), ...extra }),
	];
}

/** A Zoom-style join and leave of one segment. */
export function zoomSegment(
	join: string,
	leave: string,
	extra: Partial<AttendanceSignal> = {},
): AttendanceSignal[] {
	const segmentId = `zoom#${join}-${leave}`;
	const base = { source: 'zoom_report', segmentId, ...extra };
	return [
		signal({ kind: 'join', at: at(join), ...base }),
		signal({ kind: 'leave', at: at(leave), ...base }),
	];
}

export function polls(
	answered: number,
	total: number,
	extra: Partial<AttendanceSignal> = {},
	startLocal = '09:05',
): AttendanceSignal[] {
	const [hour, minute] = startLocal.split(':').map(Number);
	return Array.from({ length: total }, (_, i) => {
		const minutes = hour * 60 + minute + i * 7;
		const local = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
		return signal({
			kind: 'poll_answer',
			at: at(local),
			source: 'poll',
			pollId: `p${i + 1}`,
			answered: i < answered,
			...extra,
		});
	});
}

/** Runs the whole pipeline and returns the decisions (throws on setup errors). */
export function decide(
	schedule: ParsedSchedule,
	policy: ParsedCreditPolicy | ParsedCreditPolicy[],
	signals: AttendanceSignal[],
	extra: {
		attendance?: Parameters<typeof computeCredits>[0]['attendance'];
		registrations?: Array<{ attendeeId: string; sessionId: string }>;
	} = {},
): CreditDecision[] {
	const list = Array.isArray(policy) ? policy : [policy];
	const result = computeCredits({
		schedule,
		policies: new Map(list.map((p) => [p.policy.id, p])),
		signals,
		now: NOW,
		...extra,
	});
	if (!result.ok) throw new Error(`setup refused: ${JSON.stringify(result.issues)}`);
	if (result.invalidSignals.length > 0)
		throw new Error(`invalid signals: ${JSON.stringify(result.invalidSignals)}`);
	return result.decisions;
}

/** The one decision for attendee a1 (or the given one) and unit. */
export function only(decisions: CreditDecision[], unit = 'S1', attendee = 'a1'): CreditDecision {
	const found = decisions.filter(
		(d) => d.subject.sessionId === unit && d.subject.attendeeId === attendee,
	);
	if (found.length !== 1)
		throw new Error(`expected one decision for ${attendee}/${unit}, got ${found.length}`);
	return found[0];
}

export const codes = (decision: CreditDecision): string[] => decision.reasons.map((r) => r.code);

/** minutes after a local HH:MM, as HH:MM. */
export function plus(local: string, minutes: number): string {
	const [hour, minute] = local.split(':').map(Number);
	const total = hour * 60 + minute + minutes;
	return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
