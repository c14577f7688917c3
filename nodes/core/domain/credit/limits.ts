import type { CreditRule } from './credit-rule';
import type { CreditUnit } from './decide';
import { minCredits } from './decimal';
import { stepsFor, stepsIn, stepsToText } from './steps';

/** An award: exact text, and its whole steps of the increment when it is on a step. */
export interface Award {
	text: string;
	steps?: number;
}

export const NOTHING: Award = Object.freeze({ text: '0', steps: 0 });

/** The most a full attendee can get, and the step cap below it, worked out once per unit. */
export interface Limits {
	max: Award;
	/** Time credit never goes beyond this many steps. */
	capSteps: number;
}

const limitCache = new WeakMap<CreditUnit, Map<CreditRule, Limits>>();

export function limitsFor(rule: CreditRule, unit: CreditUnit): Limits {
	let byRule = limitCache.get(unit);
	if (!byRule) limitCache.set(unit, (byRule = new Map()));
	let limits = byRule.get(rule);
	if (!limits) byRule.set(rule, (limits = computeLimits(rule, unit)));
	return limits;
}

function computeLimits(rule: CreditRule, unit: CreditUnit): Limits {
	const contentMs = unit.contentMs;
	const none = { max: NOTHING, capSteps: 0 };
	if (rule.minimumSessionMs !== undefined && contentMs < rule.minimumSessionMs) return none;
	if (rule.nano && (contentMs < 10 * 60_000 || contentMs >= 20 * 60_000)) return none;
	let designated =
		rule.fixedCredits ?? (unit.isProgram ? undefined : unit.sessions[0].session.credits);
	if (designated === undefined) {
		const text = creditsFor(rule, contentMs);
		if (rule.maximumCredits === undefined || minCredits(text, rule.maximumCredits) === text) {
			const steps = stepsIn(text, rule.increment, 'floor');
			return {
				max: { text, steps: stepsToText(steps, rule.time.increment) === text ? steps : undefined },
				capSteps: steps,
			};
		}
		designated = rule.maximumCredits;
	} else if (rule.maximumCredits !== undefined) {
		designated = minCredits(designated, rule.maximumCredits);
	}
	const steps = stepsIn(designated, rule.increment, 'floor');
	return {
		max: {
			text: designated,
			steps: stepsToText(steps, rule.time.increment) === designated ? steps : undefined,
		},
		capSteps: steps,
	};
}

/** Credits for a duration: whole increments at or above the minimum award, else 0. */
export function creditsFor(rule: CreditRule, ms: number): string {
	const steps = stepsFor(rule.time, ms);
	if (steps >= rule.minimumSteps) return stepsToText(steps, rule.time.increment);
	// NASBA self study (R3): below the first full credit only 0.5 exists, from half a credit's time.
	if (rule.halfCreditMs !== undefined && ms >= rule.halfCreditMs) return '0.5';
	return '0';
}
