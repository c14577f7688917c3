import type { CreditPolicy, DeliveryMethod } from '../model';
import { creditRuleFor } from './credit-rule';
import { creditsFor } from './limits';
import { creditsForPolls } from './polling';
import { minCredits } from './decimal';

export interface MinutesOptions {
	/** Default: the NASBA policy's deliveryMethod, else group-live. */
	method?: DeliveryMethod;
	/** Polls answered, for policies with per-credit polling (NASBA group internet based). */
	pollsAnswered?: number;
}

/**
 * The credit a policy gives for a number of attended content minutes, without any attendance
 * data: the arithmetic of the policy alone (what NASBA's and A3's tables state). Decisions from
 * attendance use exactly the same functions.
 */
export function creditsForMinutes(
	policy: CreditPolicy,
	minutes: number,
	options: MinutesOptions = {},
): string {
	const ms = minutes * 60_000;
	if (!Number.isSafeInteger(ms) || ms < 0)
		throw new RangeError(`creditsForMinutes: ${minutes} is not a whole number of milliseconds`);
	const method =
		options.method ?? (policy.type === 'nasba' ? policy.deliveryMethod : undefined) ?? 'group-live';
	const rule = creditRuleFor(policy, method);
	if (rule.nano) return ms >= 10 * 60_000 && ms < 20 * 60_000 ? '0.2' : '0';
	const credits = creditsFor(rule, ms);
	if (options.pollsAnswered === undefined || rule.polling.mode !== 'per_credit' || credits === '0')
		return credits;
	return minCredits(credits, creditsForPolls(rule, options.pollsAnswered).text);
}

/**
 * Attendance polls to schedule for a designated credit: at least ceil(answersPerCredit x credits)
 * (A3, inferred from R11's three per credit): a 2.6-credit webinar needs 8.
 */
export function minimumPollsFor(credits: string, answersPerCredit = 3): number {
	const [whole, fraction = ''] = credits.split('.');
	const scale = 10 ** fraction.length;
	const units = Number(whole + fraction) * answersPerCredit;
	// Integer ceiling: whole + fraction digits are an exact integer count of 10^-scale units.
	return Math.floor((units + scale - 1) / scale);
}
