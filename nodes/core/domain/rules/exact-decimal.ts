/**
 * Exact decimal arithmetic for threshold comparisons. Binary floats drift (0.29 * 100 is
 * 28.999999999999996), and a learner at exactly the passing score must never be refused because
 * of it. Each number is taken at its shortest round-trip decimal form, which is what the LMS or
 * the rule author wrote, and compared as scaled integers.
 */

/** value = units * 10^exponent */
export interface Decimal {
	units: bigint;
	exponent: number;
}

const DECIMAL_FORM = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

export function toDecimal(value: number): Decimal {
	if (!Number.isFinite(value)) throw new RangeError(`toDecimal: ${value} is not finite`);
	const m = DECIMAL_FORM.exec(String(value));
	if (!m) throw new RangeError(`toDecimal: cannot read ${value}`);
	const fraction = m[3] ?? '';
	const units = BigInt(`${m[1]}${m[2]}${fraction}`);
	return { units, exponent: Number(m[4] ?? '0') - fraction.length };
}

function scaleTo(value: Decimal, exponent: number): bigint {
	return value.units * 10n ** BigInt(value.exponent - exponent);
}

export function multiply(a: Decimal, b: Decimal): Decimal {
	return { units: a.units * b.units, exponent: a.exponent + b.exponent };
}

export function subtract(a: Decimal, b: Decimal): Decimal {
	const exponent = Math.min(a.exponent, b.exponent);
	return { units: scaleTo(a, exponent) - scaleTo(b, exponent), exponent };
}

/** -1, 0 or 1 as a is below, equal to or above b. */
export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
	const exponent = Math.min(a.exponent, b.exponent);
	const left = scaleTo(a, exponent);
	const right = scaleTo(b, exponent);
	return left < right ? -1 : left > right ? 1 : 0;
}
