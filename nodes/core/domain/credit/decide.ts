import { mergeIntervals, totalLength, type SourcedWindow } from '../attendance/intervals';
import type { ScheduledSession } from '../attendance/schedule';
import type { Timeline } from '../attendance/timeline';
import type { CreditDecision, DataPointValue, DeliveryMethod } from '../model';
import type { CreditRule } from './credit-rule';
import { limitsFor, NOTHING, type Award, type Limits } from './limits';
import { applyPolling, pollsAnswered } from './polling';
import { creditOutcome, type CreditReason } from './reason-codes';
import type { SharedParts } from './shared-parts';
import { atLeastPercent, mulDivFloor, percentCut, stepsFor, stepsToText } from './steps';

/** What is credited together: one session, or the sessions of one program (NASBA R7). */
export interface CreditUnit {
	id: string;
	sessions: ScheduledSession[];
	/** The session ids, shared by every decision of the unit (read-only). */
	sessionIds: string[];
	isProgram: boolean;
	/** Content of all sessions, parallel sessions counted once. */
	contentMs: number;
}

/** One session of the unit as the attendee attended it. */
export interface AttendedSession {
	session: ScheduledSession;
	timeline?: Timeline;
	windows: SourcedWindow[];
	reasons: CreditReason[];
}

export interface DecisionContext {
	attendeeId: string;
	unit: CreditUnit;
	attended: AttendedSession[];
	rule: CreditRule;
	method: DeliveryMethod;
	methodFromAttendance: boolean;
	/** Polls launched in the unit (for percent polling); undefined when unknown. */
	pollsTotal?: number;
	policy: { id: string; version: string; hash: string };
	decidedAt: string;
	shared: SharedParts;
}

const HUNDRED = { units: 100, scale: 0 };
const cutMinutes = (ms: number): number => mulDivFloor(ms, 1, 600) / 100;

type CreditWindowJson = CreditDecision['windowsUsed'][number];

/**
 * Credits one attendee for one unit. Each step adds its reason, so the decision explains itself:
 * attendance evidence, grace, then the policy's thresholds, rounding and polling requirement.
 */
export function decideCredit(ctx: DecisionContext): CreditDecision {
	const { rule, unit, shared } = ctx;
	const reasons: CreditReason[] = [];
	let attendedMs = 0;
	let windowCount = 0;
	let hasEvidence = false;
	for (const entry of ctx.attended) {
		if (entry.timeline) {
			hasEvidence = true;
			for (const finding of entry.timeline.findings) {
				// The policy turns these two into its own grace reasons (see creditWindows).
				if (finding.code !== 'MISSING_CHECKOUT' && finding.code !== 'CHECK_OUT_WITHOUT_CHECK_IN')
					reasons.push(prefixed(finding, entry, unit));
			}
		}
		for (const reason of entry.reasons) reasons.push(prefixed(reason, entry, unit));
		windowCount += entry.windows.length;
		attendedMs += totalLength(entry.windows);
	}
	// Parallel sessions of one program count once ("simultaneous sessions count once").
	if (unit.isProgram && windowCount > 1)
		attendedMs = totalLength(mergeIntervals(ctx.attended.flatMap((e) => e.windows)));
	const contentMs = unit.contentMs;
	if (unit.isProgram)
		reasons.push(
			shared.reason(
				'PROGRAM_AGGREGATED',
				[unit],
				() => `${unit.sessions.length} sessions of program "${unit.id}" credited together`,
			),
		);
	if (ctx.methodFromAttendance)
		reasons.push(
			shared.reason(
				'DELIVERY_METHOD_FROM_ATTENDANCE',
				[ctx.method],
				() => `attended as ${ctx.method}`,
			),
		);

	const limits = limitsFor(rule, unit);
	let award = NOTHING;
	if (limits.max.text === '0') {
		reasons.push(
			shared.reason(
				rule.nano ? 'NANO_LENGTH_OUT_OF_RANGE' : 'SESSION_BELOW_MINIMUM_CREDIT',
				[contentMs],
				() => `${cutMinutes(contentMs)} content minutes carry no credit under this policy`,
			),
		);
	} else if (rule.mode === 'completion') {
		const confirmed = ctx.attended.some(
			(entry) => (entry.timeline?.evidence.manualWindows ?? 0) > 0,
		);
		if (confirmed) award = limits.max;
		reasons.push(
			confirmed
				? shared.reason(
						'COMPLETION_CONFIRMED',
						[limits.max.text],
						() => `designated credit ${limits.max.text}`,
					)
				: shared.reason(
						'COMPLETION_NOT_CONFIRMED',
						[],
						() => 'no completion confirmation recorded',
					),
		);
	} else if (attendedMs === 0) {
		reasons.push(
			hasEvidence
				? shared.reason(
						'NO_PRESENCE_DURING_CONTENT',
						[],
						() => 'no presence counted inside the content times',
					)
				: shared.reason('NO_ATTENDANCE_RECORDED', [], () => 'no signals for this attendee'),
		);
	} else {
		award = timeCredit(rule, limits, attendedMs, contentMs, reasons, shared);
		if (award.text !== '0' && rule.polling.mode !== 'none')
			award = applyPolling(ctx, award, reasons);
	}

	const polled = rule.polling.mode !== 'none' || ctx.pollsTotal !== undefined;
	const answered = polled ? pollsAnswered(ctx) : undefined;
	const dataPoints = shared.dataPoints.share(
		[rule, attendedMs, contentMs, answered, ctx.pollsTotal],
		() => {
			const points: Record<string, DataPointValue> = { ...rule.dataPoints, attendedMs, contentMs };
			if (answered !== undefined) points.pollsAnswered = answered;
			if (ctx.pollsTotal !== undefined) points.pollsTotal = ctx.pollsTotal;
			return points;
		},
	);
	const windowsUsed: CreditWindowJson[] = [];
	for (const entry of ctx.attended) {
		const sessionId = entry.session.id;
		for (const w of entry.windows) {
			windowsUsed.push(
				shared.windows.share([sessionId, w.start, w.end, w.sources], () => ({
					sessionId,
					start: shared.iso(w.start),
					end: shared.iso(w.end),
					sources: w.sources,
				})),
			);
		}
	}
	const decision: CreditDecision = {
		subject: { attendeeId: ctx.attendeeId, sessionId: unit.id, sessionIds: unit.sessionIds },
		outcome: creditOutcome(reasons, award.text, limits.max.text),
		credits: award.text,
		maxCredits: limits.max.text,
		attendedMinutes: cutMinutes(attendedMs),
		contentMinutes: cutMinutes(contentMs),
		attendedPercent: percentCut(attendedMs, contentMs),
		deliveryMethod: ctx.method,
		windowsUsed: shared.windowLists.share(windowsUsed, () => windowsUsed),
		// Lists of shared (frozen) reasons are shared too; a list with a one-off finding is not.
		reasons: reasons.every(Object.isFrozen)
			? shared.reasonLists.share(reasons, () => reasons)
			: reasons,
		dataPoints,
		ruleSetId: ctx.policy.id,
		ruleVersion: ctx.policy.version,
		ruleHash: ctx.policy.hash,
		decidedAt: ctx.decidedAt,
	};
	const fieldOfStudy = unit.sessions[0].session.fieldOfStudy;
	if (fieldOfStudy !== undefined) decision.fieldOfStudy = fieldOfStudy;
	if (unit.isProgram) {
		const attendedPerSession = ctx.attended.map((entry) => totalLength(entry.windows));
		decision.sessions = shared.sessionLists.share([unit, ...attendedPerSession], () =>
			ctx.attended.map((entry, i) => ({
				sessionId: entry.session.id,
				contentMinutes: cutMinutes(entry.session.contentMs),
				attendedMinutes: cutMinutes(attendedPerSession[i]),
			})),
		);
	}
	return decision;
}

function timeCredit(
	rule: CreditRule,
	limits: Limits,
	attendedMs: number,
	contentMs: number,
	reasons: CreditReason[],
	shared: SharedParts,
): Award {
	const percent = () =>
		`${percentCut(attendedMs, contentMs)} % of ${cutMinutes(contentMs)} content minutes`;
	if (rule.minimumPercent && !atLeastPercent(attendedMs, contentMs, rule.minimumPercent)) {
		const minimum = rule.minimumPercent;
		reasons.push(
			shared.reason(
				'BELOW_ATTENDANCE_MINIMUM',
				[rule, contentMs, attendedMs],
				() => `attended ${percent()}; the minimum is ${scaledText(minimum)} %`,
			),
		);
		return NOTHING;
	}
	if (atLeastPercent(attendedMs, contentMs, rule.fullCreditPercent ?? HUNDRED)) {
		const full = rule.fullCreditPercent;
		reasons.push(
			shared.reason(
				'MET_DURATION_THRESHOLD',
				[rule, contentMs, attendedMs],
				() => `attended ${percent()}${full ? `; full credit from ${scaledText(full)} %` : ''}`,
			),
		);
		return limits.max;
	}
	if (!rule.partialCredit) {
		const needed = rule.fullCreditPercent ?? HUNDRED;
		reasons.push(
			shared.reason(
				'BELOW_ATTENDANCE_MINIMUM',
				[rule, contentMs, attendedMs, 'partial'],
				() => `attended ${percent()}; credit needs ${scaledText(needed)} %`,
			),
		);
		return NOTHING;
	}
	const steps = stepsFor(rule.time, attendedMs);
	if (steps < rule.minimumSteps) {
		reasons.push(
			shared.reason(
				'BELOW_MINIMUM_CREDIT',
				[attendedMs],
				() => `attended ${cutMinutes(attendedMs)} minutes, worth less than the minimum award`,
			),
		);
		return NOTHING;
	}
	const award: Award =
		steps >= limits.capSteps && limits.max.steps === limits.capSteps
			? limits.max
			: {
					text: stepsToText(Math.min(steps, limits.capSteps), rule.time.increment),
					steps: Math.min(steps, limits.capSteps),
				};
	reasons.push(
		award.text === limits.max.text
			? shared.reason(
					'MET_DURATION_THRESHOLD',
					[rule, contentMs, attendedMs, 'max'],
					() => `attended ${percent()}, worth the maximum ${limits.max.text}`,
				)
			: shared.reason(
					'PARTIAL_DURATION_CREDIT',
					[rule, contentMs, attendedMs, award.text, limits.max.text],
					() =>
						`attended ${cutMinutes(attendedMs)} minutes (${percent()}): ${award.text} of ${limits.max.text}`,
				),
	);
	return award;
}

function scaledText(value: { units: number; scale: number }): string {
	return String(value.units / 10 ** value.scale);
}

function prefixed(reason: CreditReason, entry: AttendedSession, unit: CreditUnit): CreditReason {
	return unit.isProgram
		? { code: reason.code, detail: `session "${entry.session.id}": ${reason.detail}` }
		: reason;
}
