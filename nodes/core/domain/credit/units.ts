import { mergeIntervals, totalLength } from '../attendance/intervals';
import type { ParsedSchedule, ScheduledSession } from '../attendance/schedule';
import type { ValidationIssue } from '../rules/issues';
import type { CreditUnit } from './decide';
import type { ParsedCreditPolicy } from './parse-policy';

export interface UnitPlan {
	unit: CreditUnit;
	policy: ParsedCreditPolicy;
	startMs: number;
}

export type CreditSetup =
	| { ok: true; unitBySession: Map<string, UnitPlan>; units: UnitPlan[] }
	| { ok: false; issues: ValidationIssue[] };

/**
 * Links every session to its policy and its credit unit (itself, or its program). A session
 * without a policy, an unknown policy id, or a program whose sessions disagree on the policy is
 * refused with the session's path, before any attendee is credited.
 */
export function planCreditUnits(
	schedule: ParsedSchedule,
	policies: ReadonlyMap<string, ParsedCreditPolicy>,
): CreditSetup {
	const issues: ValidationIssue[] = [];
	const programs = new Map<string, { sessions: ScheduledSession[]; policyId: string }>();
	const units: UnitPlan[] = [];
	const unitBySession = new Map<string, UnitPlan>();
	schedule.schedule.sessions.forEach((session, index) => {
		const policyId = session.creditPolicy ?? schedule.schedule.defaultPolicy;
		const path = `sessions[${index}].creditPolicy`;
		if (policyId === undefined) {
			issues.push({
				path,
				message: 'missing; expected a policy id here or a defaultPolicy for the schedule',
			});
			return;
		}
		const policy = policies.get(policyId);
		if (!policy) {
			issues.push({
				path,
				message: `received unknown policy id ${JSON.stringify(policyId)}; expected one of ${[...policies.keys()].map((id) => JSON.stringify(id)).join(', ') || 'the given policies (none given)'}`,
			});
			return;
		}
		const scheduled = schedule.sessions.get(session.id) as ScheduledSession;
		if (session.programId === undefined) {
			const plan: UnitPlan = {
				unit: {
					id: session.id,
					sessions: [scheduled],
					sessionIds: Object.freeze([session.id]) as string[],
					isProgram: false,
					contentMs: scheduled.contentMs,
				},
				policy,
				startMs: scheduled.startMs,
			};
			units.push(plan);
			unitBySession.set(session.id, plan);
			return;
		}
		const program = programs.get(session.programId);
		if (!program) programs.set(session.programId, { sessions: [scheduled], policyId });
		else if (program.policyId !== policyId) {
			issues.push({
				path,
				message: `received ${JSON.stringify(policyId)}; sessions of program "${session.programId}" must share one policy (${JSON.stringify(program.policyId)})`,
			});
		} else program.sessions.push(scheduled);
	});
	for (const [programId, program] of programs) {
		if (schedule.sessions.has(programId)) {
			issues.push({
				path: 'sessions',
				message: `program id "${programId}" is also a session id; expected distinct ids`,
			});
			continue;
		}
		program.sessions.sort((a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : 1));
		const content = mergeIntervals(program.sessions.flatMap((s) => s.content));
		const plan: UnitPlan = {
			unit: {
				id: programId,
				sessions: program.sessions,
				sessionIds: Object.freeze(program.sessions.map((s) => s.id)) as string[],
				isProgram: true,
				contentMs: totalLength(content),
			},
			policy: policies.get(program.policyId) as ParsedCreditPolicy,
			startMs: program.sessions[0].startMs,
		};
		units.push(plan);
		for (const session of program.sessions) unitBySession.set(session.id, plan);
	}
	units.sort((a, b) => a.startMs - b.startMs || (a.unit.id < b.unit.id ? -1 : 1));
	return issues.length > 0 ? { ok: false, issues } : { ok: true, unitBySession, units };
}
