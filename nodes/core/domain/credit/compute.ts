import { groupSignals, sessionsOfAttendee, type SignalProblem } from '../attendance/grouping';
import type { Interval } from '../attendance/intervals';
import type { ParsedSchedule, ScheduledSession } from '../attendance/schedule';
import {
	buildAttendeeTimelines,
	resolveTimelineOptions,
	type Timeline,
	type TimelineOptions,
} from '../attendance/timeline';
import type { AttendanceSignal, CreditDecision, CreditPolicy, DeliveryMethod } from '../model';
import type { ValidationIssue } from '../rules/issues';
import { creditRuleFor } from './credit-rule';
import { decideCredit, type AttendedSession } from './decide';
import type { ParsedCreditPolicy } from './parse-policy';
import { SharedParts } from './shared-parts';
import { planCreditUnits, type UnitPlan } from './units';
import { creditWindows } from './windows';

export interface CreditComputationInput {
	schedule: ParsedSchedule;
	/** Validated policies by id (parseCreditPolicies). */
	policies: ReadonlyMap<string, ParsedCreditPolicy>;
	signals: readonly AttendanceSignal[];
	/** Decision time; defaults to now. */
	now?: Date;
	attendance?: TimelineOptions;
	/** Registered attendees: those without evidence get a NO_ATTENDANCE_RECORDED decision. */
	registrations?: ReadonlyArray<{ attendeeId: string; sessionId: string }>;
}

export type CreditComputation =
	| {
			ok: true;
			/** Per attendee (sorted), per session or program in schedule order. */
			decisions: CreditDecision[];
			/** Signals that could not be used, by input index; nothing is dropped silently. */
			invalidSignals: SignalProblem[];
			unassignedSignals: AttendanceSignal[];
	  }
	| { ok: false; issues: ValidationIssue[] };

/**
 * Attendance signals to credit decisions: timelines per attendee and session, the policy's grace,
 * then one decision per attendee and credit unit. Pure: same input and `now`, same decisions,
 * whatever the order of the signals. Decisions share frozen parts (reasons, windows, data
 * points, session ids) to stay light: copy a decision, e.g. through JSON, before changing it.
 */
export function computeCredits(input: CreditComputationInput): CreditComputation {
	const setup = planCreditUnits(input.schedule, input.policies);
	if (!setup.ok) return setup;
	const now = input.now ?? new Date();
	if (Number.isNaN(now.getTime())) throw new RangeError('computeCredits: now is an invalid Date');
	const decidedAt = now.toISOString();
	const shared = new SharedParts();
	const grouped = groupSignals(input.signals, input.schedule);
	const options = resolveTimelineOptions(input.attendance);
	const invalid = [...grouped.invalid];
	const registered = new Map<string, Set<UnitPlan>>();
	(input.registrations ?? []).forEach((registration, index) => {
		const plan = setup.unitBySession.get(registration.sessionId);
		if (!plan) {
			invalid.push({
				index,
				field: 'registrations.sessionId',
				message: `received unknown session id ${JSON.stringify(registration.sessionId)}`,
			});
			return;
		}
		let units = registered.get(registration.attendeeId);
		if (!units) registered.set(registration.attendeeId, (units = new Set()));
		units.add(plan);
	});
	const pollTotals = new Map<string, number>();
	for (const [sessionId, ids] of grouped.pollIds) pollTotals.set(sessionId, ids.size);
	// What every decision of a unit shares, worked out once per unit instead of per decision.
	const units = setup.units.map((plan, index) => unitState(plan, index, pollTotals));
	const stateOf = new Map(units.map((unit) => [unit.plan, unit]));
	const unitOf = new Map<ScheduledSession, UnitState>();
	for (const unit of units)
		for (const session of unit.plan.unit.sessions) unitOf.set(session, unit);
	const attendeeIndex = new Map(grouped.attendees.map((id, k) => [id, k]));
	const attendees =
		registered.size === 0
			? grouped.attendees
			: [...new Set([...grouped.attendees, ...registered.keys()])].sort();
	const decisions: CreditDecision[] = [];
	// Timelines per unit of the current attendee, by unit index; emptied after each attendee.
	const byUnit: Array<Timeline[] | undefined> = new Array(units.length).fill(undefined);
	for (const attendeeId of attendees) {
		const k = attendeeIndex.get(attendeeId);
		const sessions = k === undefined ? [] : sessionsOfAttendee(grouped, k);
		const timelines = buildAttendeeTimelines(attendeeId, sessions, input.schedule, options);
		for (const timeline of timelines) {
			const unit = unitOf.get(timeline.session) as UnitState;
			const list = byUnit[unit.index];
			if (list) list.push(timeline);
			else byUnit[unit.index] = [timeline];
		}
		for (const plan of registered.get(attendeeId) ?? [])
			byUnit[(stateOf.get(plan) as UnitState).index] ??= [];
		const presence = attendeePresence(timelines);
		// Units are already in schedule order; walking them keeps decisions in that order.
		for (const unit of units) {
			const unitTimelines = byUnit[unit.index];
			if (!unitTimelines) continue;
			byUnit[unit.index] = undefined;
			decisions.push(decideUnit(attendeeId, unit, unitTimelines, presence, decidedAt, shared));
		}
	}
	return { ok: true, decisions, invalidSignals: invalid, unassignedSignals: grouped.unassigned };
}

/** A unit with its decisions' constant parts: policy reference, polls launched, method. */
interface UnitState {
	plan: UnitPlan;
	index: number;
	policyRef: { id: string; version: string; hash: string };
	pollsTotal?: number;
	/** The method when it does not depend on the attendee's evidence (not hybrid). */
	fixedMethod?: { method: DeliveryMethod; fromAttendance: boolean };
}

function unitState(plan: UnitPlan, index: number, pollTotals: Map<string, number>): UnitState {
	const { policy, policyHash } = plan.policy;
	let pollsTotal: number | undefined;
	for (const session of plan.unit.sessions) {
		const total = session.session.pollsScheduled ?? pollTotals.get(session.id);
		if (total !== undefined) pollsTotal = (pollsTotal ?? 0) + total;
	}
	const fixed = methodFor(policy, plan, []);
	return {
		plan,
		index,
		policyRef: { id: policy.id, version: policy.version, hash: policyHash },
		pollsTotal,
		fixedMethod: isHybrid(policy, plan) ? undefined : fixed,
	};
}

type Elsewhere = (sessionId: string) => Interval[];

/**
 * The attendee's presence in every other session, merged, for grace rules that ask where else
 * the attendee was. All presence is sorted once per attendee (and only when a rule asks); each
 * question is then one linear merge that skips the session itself, not a sort per question.
 */
function attendeePresence(timelines: readonly Timeline[]): Elsewhere {
	let all: Array<Interval & { sessionId: string }> | undefined;
	return (sessionId) => {
		if (!all) {
			all = [];
			for (const t of timelines)
				for (const w of t.presence)
					if (w.end > w.start) all.push({ start: w.start, end: w.end, sessionId: t.session.id });
			// The order mergeIntervals sorts by, so the merge below gives exactly its result.
			all.sort((a, b) => a.start - b.start || a.end - b.end);
		}
		const merged: Interval[] = [];
		for (const interval of all) {
			if (interval.sessionId === sessionId) continue;
			const last = merged[merged.length - 1];
			if (last !== undefined && interval.start <= last.end) {
				if (interval.end > last.end) last.end = interval.end;
			} else merged.push({ start: interval.start, end: interval.end });
		}
		return merged;
	};
}

function decideUnit(
	attendeeId: string,
	state: UnitState,
	unitTimelines: Timeline[],
	presenceElsewhere: Elsewhere,
	decidedAt: string,
	shared: SharedParts,
): CreditDecision {
	const plan = state.plan;
	const { policy } = plan.policy;
	const { method, fromAttendance } = state.fixedMethod ?? methodFor(policy, plan, unitTimelines);
	const rule = creditRuleFor(policy, method);
	const attended: AttendedSession[] = plan.unit.sessions.map((session) => {
		const timeline =
			unitTimelines.length === 1
				? unitTimelines[0].session === session
					? unitTimelines[0]
					: undefined
				: unitTimelines.find((t) => t.session === session);
		if (!timeline) return { session, windows: [], reasons: [] };
		let others: Interval[] | undefined;
		const elsewhere = (): Interval[] => (others ??= presenceElsewhere(session.id));
		const { windows, reasons } = creditWindows(timeline, rule.grace, elsewhere, shared);
		// Self study and nano are credited on completion: arrival and departure times say nothing.
		return { session, timeline, windows, reasons: rule.mode === 'completion' ? [] : reasons };
	});
	return decideCredit({
		attendeeId,
		unit: plan.unit,
		attended,
		rule,
		method,
		methodFromAttendance: fromAttendance,
		pollsTotal: state.pollsTotal,
		policy: state.policyRef,
		decidedAt,
		shared,
	});
}

function isHybrid(policy: CreditPolicy, plan: UnitPlan): boolean {
	if (policy.type === 'nasba' && policy.deliveryMethod) return false;
	const method = plan.unit.sessions[0].session.deliveryMethod;
	return (
		(method === 'group-live' || method === 'group-internet') &&
		plan.unit.sessions.some((s) => s.session.modality === 'hybrid')
	);
}

/**
 * The session's method, or the policy's override. In a hybrid session each attendee is credited
 * by how they took part (A1.1 says there is no "hybrid" method; recording each attendee's own
 * method is inferred there): room evidence is group live, online evidence group internet based;
 * with both, the more frequent kind of evidence decides, and the decision says so.
 */
function methodFor(
	policy: CreditPolicy,
	plan: UnitPlan,
	timelines: Timeline[],
): { method: DeliveryMethod; fromAttendance: boolean } {
	const session = plan.unit.sessions[0].session;
	if (policy.type === 'nasba' && policy.deliveryMethod)
		return { method: policy.deliveryMethod, fromAttendance: false };
	const live =
		session.deliveryMethod === 'group-live' || session.deliveryMethod === 'group-internet';
	if (!live || !plan.unit.sessions.some((s) => s.session.modality === 'hybrid')) {
		return { method: session.deliveryMethod, fromAttendance: false };
	}
	let room = 0;
	let online = 0;
	for (const timeline of timelines) {
		for (const signal of timeline.signals) {
			const kind = signal.signal.kind;
			if (kind === 'check_in' || kind === 'check_out' || kind === 'scan') room++;
			else if (
				kind === 'join' ||
				kind === 'leave' ||
				kind === 'heartbeat' ||
				kind === 'poll_answer'
			)
				online++;
		}
	}
	if (room === 0 && online === 0) return { method: session.deliveryMethod, fromAttendance: false };
	return { method: online > room ? 'group-internet' : 'group-live', fromAttendance: true };
}
