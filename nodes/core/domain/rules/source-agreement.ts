import { DEFAULT_SCORE_MISMATCH_TOLERANCE, type DataPointValue } from '../model';
import type { CheckContext, CheckResult } from './checks';
import { compare, multiply, subtract, toDecimal } from './exact-decimal';

const NOT_COMPARED: CheckResult = { reasons: [], dataPoints: {} };
const HUNDRED = toDecimal(100);

/**
 * The event's score against the score the LMS lookup returned (playbook: "> 5 % difference
 * between systems" is held). Both as percentages of their maximum; the difference is in
 * percentage points, compared in exact decimals so 5 points against a tolerance of 5 passes.
 */
export function checkScoreAgreement({ input, ruleSet }: CheckContext): CheckResult {
	const lookupPercent = input.lmsLookup?.score;
	if (input.score === undefined || lookupPercent === undefined) return NOT_COMPARED;
	const tolerance = ruleSet.defaults.scoreMismatchTolerance ?? DEFAULT_SCORE_MISMATCH_TOLERANCE;
	const maxScore = input.maxScore ?? 100;
	// |score/max*100 - lookup| > tolerance  <=>  |score*100 - lookup*max| > tolerance*max (max > 0)
	const max = toDecimal(maxScore);
	const gap = subtract(
		multiply(toDecimal(input.score), HUNDRED),
		multiply(toDecimal(lookupPercent), max),
	);
	const absoluteGap = gap.units < 0n ? { ...gap, units: -gap.units } : gap;
	const eventPercent = round((input.score / maxScore) * 100);
	const difference = round(Math.abs(eventPercent - lookupPercent));
	const dataPoints: Record<string, DataPointValue> = {
		eventScorePercent: eventPercent,
		lookupScorePercent: lookupPercent,
		scoreDifference: difference,
		scoreMismatchTolerance: tolerance,
	};
	if (compare(absoluteGap, multiply(toDecimal(tolerance), max)) <= 0) {
		return { reasons: [], dataPoints };
	}
	const detail = `the event's score ${eventPercent}% and the LMS lookup's score ${lookupPercent}% differ by ${difference} points, more than the tolerance of ${tolerance}`;
	return { reasons: [{ code: 'SCORE_MISMATCH', detail }], dataPoints };
}

const EMAIL_SOURCES = {
	event: 'the event',
	profile: 'the LMS profile',
	recipient: 'the recipient',
};
type EmailSource = keyof typeof EMAIL_SOURCES;

/**
 * The learner's e-mail as the event, the LMS profile and the recipient give it. Case and
 * surrounding spaces are not a difference (mail systems ignore them in practice); anything else
 * is, because a credential sent to another address reaches another person. The decision names
 * the sources that differ, never the addresses: decisions go to the ledger's public chain, which
 * cannot be erased (the addresses stay on the item for the reviewer).
 */
export function checkEmailAgreement({ input }: CheckContext): CheckResult {
	const given = (
		[
			['event', input.learner.email],
			['profile', input.lmsLookup?.email],
			['recipient', input.recipientEmail],
		] as Array<[EmailSource, string | undefined]>
	).filter((entry): entry is [EmailSource, string] => !!entry[1]?.trim());
	if (given.length < 2) return NOT_COMPARED;
	const [first, ...others] = given;
	const differing = others.filter(
		([, email]) => comparableEmail(email) !== comparableEmail(first[1]),
	);
	const dataPoints: Record<string, DataPointValue> = {
		emailSourcesCompared: given.map(([source]) => source),
		emailSourcesDiffering: differing.map(([source]) => source),
	};
	if (differing.length === 0) return { reasons: [], dataPoints };
	const names = differing.map(([source]) => EMAIL_SOURCES[source]).join(' and ');
	const detail = `the e-mail of ${names} differs from the one of ${EMAIL_SOURCES[first[0]]} (case and spaces aside)`;
	return { reasons: [{ code: 'EMAIL_MISMATCH', detail }], dataPoints };
}

export function comparableEmail(email: string): string {
	return email.trim().toLowerCase();
}

function round(value: number): number {
	return Math.round(value * 1e6) / 1e6;
}
