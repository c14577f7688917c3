import { parseDecimal, type Decimal } from './decimal';
import { TRAILING_ZEROS } from '../text';

/**
 * Credit arithmetic on whole steps of the increment. A credit is k x increment for a whole k,
 * so the hot path only divides integers: k = round(quantity x num / den), where quantity is
 * milliseconds attended or polls answered. Every step is exact: integer products stay below
 * 2^53 or move to BigInt, and rounding is corrected after the float division.
 * Policies allow at most 4 decimal places, so num and den stay small.
 */
export interface StepRule {
	num: number;
	den: number;
	rounding: 'down' | 'nearest';
	increment: ScaledDecimal;
}

/** value = units / 10^scale, with units a safe integer. */
export interface ScaledDecimal {
	units: number;
	scale: number;
}

export function scaled(text: string): ScaledDecimal {
	const decimal = parseDecimal(text);
	const scale = Math.max(0, -decimal.exponent);
	const units = Number(decimal.units * 10n ** BigInt(decimal.exponent + scale));
	if (!Number.isSafeInteger(units)) throw new RangeError(`credit arithmetic: ${text} is too large`);
	return { units, scale };
}

/** Steps per millisecond: ms / (minutesPerCredit x 60 000 x increment). */
export function timeStepRule(
	minutesPerCredit: string,
	increment: string,
	rounding: StepRule['rounding'],
): StepRule {
	const rate = scaled(minutesPerCredit);
	const step = scaled(increment);
	return {
		num: 10 ** (rate.scale + step.scale),
		den: rate.units * step.units * 60_000,
		rounding,
		increment: step,
	};
}

/** Steps per answered poll: answered / (answersPerCredit x increment), always rounded down. */
export function countStepRule(perCredit: number, increment: string): StepRule {
	const step = scaled(increment);
	return { num: 10 ** step.scale, den: perCredit * step.units, rounding: 'down', increment: step };
}

/** Whole steps for a non-negative integer quantity. */
export function stepsFor(rule: StepRule, quantity: number): number {
	if (rule.rounding === 'down') return mulDivFloor(quantity, rule.num, rule.den);
	// Half up: 0.05 CEU is shown as 0.1 (IACET), 1.625 CME hours as 1.75.
	return roundHalfUp(quantity, rule);
}

function roundHalfUp(quantity: number, rule: StepRule): number {
	// floor((2 q num + den) / (2 den))
	const twice = mulAdd(2 * quantity, rule.num, rule.den);
	return twice.big === undefined
		? floorDiv(twice.value, 2 * rule.den)
		: Number(twice.big / BigInt(2 * rule.den));
}

function mulAdd(a: number, b: number, c: number): { value: number; big?: bigint } {
	const product = a * b + c;
	if (Number.isSafeInteger(product)) return { value: product };
	return { value: NaN, big: BigInt(a) * BigInt(b) + BigInt(c) };
}

/** floor(a x b / c) for non-negative integers, exact. */
export function mulDivFloor(a: number, b: number, c: number): number {
	const product = a * b;
	if (Number.isSafeInteger(product)) return floorDiv(product, c);
	return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

function floorDiv(a: number, b: number): number {
	let q = Math.floor(a / b);
	if (q * b > a) q--;
	else if ((q + 1) * b <= a) q++;
	return q;
}

/** k x increment as canonical decimal text ("2.8", "1", "0.05"). */
export function stepsToText(steps: number, increment: ScaledDecimal): string {
	const units = steps * increment.units;
	if (!Number.isSafeInteger(units)) throw new RangeError('credit arithmetic: credits too large');
	if (increment.scale === 0) return String(units);
	const digits = String(units).padStart(increment.scale + 1, '0');
	const point = digits.length - increment.scale;
	const fraction = digits.slice(point).replace(TRAILING_ZEROS, '');
	return fraction === '' ? digits.slice(0, point) : `${digits.slice(0, point)}.${fraction}`;
}

/** Whole steps that fit in `credits` (floor) or are needed to reach it (ceil). Plan time only. */
export function stepsIn(credits: string, increment: string, direction: 'floor' | 'ceil'): number {
	const value: Decimal = parseDecimal(credits);
	const step: Decimal = parseDecimal(increment);
	const exponent = Math.min(value.exponent, step.exponent);
	const a = value.units * 10n ** BigInt(value.exponent - exponent);
	const b = step.units * 10n ** BigInt(step.exponent - exponent);
	const q = a / b;
	return Number(direction === 'ceil' && q * b < a ? q + 1n : q);
}

/** a/b >= percent/100 exactly, for non-negative integers a and b > 0. */
export function atLeastPercent(a: number, b: number, percent: ScaledDecimal): boolean {
	const left = a * 100 * 10 ** percent.scale;
	const right = percent.units * b;
	if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return left >= right;
	return BigInt(a) * 100n * 10n ** BigInt(percent.scale) >= BigInt(percent.units) * BigInt(b);
}

/** a/b as a percentage cut (not rounded) to 2 decimals. */
export function percentCut(a: number, b: number): number {
	return b === 0 ? 0 : mulDivFloor(a, 10_000, b) / 100;
}
