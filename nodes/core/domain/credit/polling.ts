import type { CreditRule } from './credit-rule';
import type { DecisionContext } from './decide';
import { minCredits } from './decimal';
import { NOTHING, type Award } from './limits';
import type { CreditReason } from './reason-codes';
import { atLeastPercent, stepsFor, stepsToText } from './steps';

/**
 * The polling requirement for virtual attendees, applied after the time credit: per_credit caps
 * the credit at what the answered polls support; percent keeps it, reviews it or removes it.
 */
export function applyPolling(ctx: DecisionContext, award: Award, reasons: CreditReason[]): Award {
	const { rule } = ctx;
	const polling = rule.polling;
	const answered = pollsAnswered(ctx);
	if (polling.mode === 'per_credit') {
		// R11 read strictly: credit <= answered / 3, rounded down, same minimum. NASBA gives no
		// formula for missed polls (R14); this reading is the fact sheet's inference (A3 method).
		const pollAward = creditsForPolls(rule, answered);
		const detail = () =>
			`${answered} poll(s) answered, ${polling.answersPerCredit} per credit: supports ${pollAward.text}`;
		if (pollAward.text === '0') {
			reasons.push(ctx.shared.reason('POLLING_BELOW_MINIMUM', [rule, answered], detail));
			return NOTHING;
		}
		const pollLower =
			award.steps !== undefined
				? (pollAward.steps as number) < award.steps
				: minCredits(pollAward.text, award.text) !== award.text;
		reasons.push(
			ctx.shared.reason(
				pollLower ? 'POLLING_LIMITED_CREDIT' : 'POLLING_REQUIREMENT_MET',
				[rule, answered],
				detail,
			),
		);
		return pollLower ? pollAward : award;
	}
	if (polling.mode !== 'percent') return award;
	const total = ctx.pollsTotal ?? 0;
	const detail = () => `${answered} of ${total} poll(s) answered`;
	if (total > 0 && atLeastPercent(answered, total, asScaled(polling.fullCreditPercent))) {
		reasons.push(
			ctx.shared.reason(
				'POLLING_REQUIREMENT_MET',
				[rule, answered, total],
				() => `${detail()}; full credit from ${polling.fullCreditPercent} %`,
			),
		);
		return award;
	}
	const review = polling.reviewPercent;
	if (total > 0 && review !== undefined && atLeastPercent(answered, total, asScaled(review))) {
		reasons.push(
			ctx.shared.reason(
				'POLLING_BELOW_FULL_CREDIT_PERCENT',
				[rule, answered, total],
				() => `${detail()}; review band from ${review} %`,
			),
		);
		return award;
	}
	reasons.push(
		ctx.shared.reason('POLLING_BELOW_MINIMUM', [rule, answered, total], () =>
			total === 0
				? 'no attendance polls were recorded for the session'
				: `${detail()}; full credit needs ${polling.fullCreditPercent} %`,
		),
	);
	return NOTHING;
}

/** R11 read strictly: answered / answersPerCredit, rounded down, with the rule's minimum award. */
export function creditsForPolls(rule: CreditRule, answered: number): Award {
	if (!rule.pollSteps) return NOTHING;
	const steps = stepsFor(rule.pollSteps, answered);
	return steps < rule.minimumSteps
		? NOTHING
		: { text: stepsToText(steps, rule.pollSteps.increment), steps };
}

function asScaled(percent: number): { units: number; scale: number } {
	const [whole, fraction = ''] = String(percent).split('.');
	return { units: Number(whole + fraction), scale: fraction.length };
}

/** Distinct polls the attendee answered in the unit's sessions. */
export function pollsAnswered(ctx: DecisionContext): number {
	let answered = 0;
	for (const entry of ctx.attended) answered += entry.timeline?.evidence.pollsAnswered.size ?? 0;
	return answered;
}
