import { canonicalDecimalText } from '../model';
import { compare, subtract, type Decimal } from '../rules/exact-decimal';
import { TRAILING_ZEROS } from '../text';

export { compare, type Decimal };

/** Reads canonical decimal text ("2.8", "0.25") exactly. Throws on anything else. */
export function parseDecimal(text: string): Decimal {
	const canonical = canonicalDecimalText(text);
	if (canonical === undefined)
		throw new RangeError(`parseDecimal: ${JSON.stringify(text)} is not a decimal`);
	const [whole, fraction = ''] = canonical.split('.');
	return { units: BigInt(whole + fraction), exponent: -fraction.length };
}

/** Canonical text: no exponent, no trailing zeros after the point ("2.8", "3", "0.05"). */
export function formatDecimal(value: Decimal): string {
	if (value.units < 0n)
		return `-${formatDecimal({ units: -value.units, exponent: value.exponent })}`;
	if (value.exponent >= 0) return (value.units * 10n ** BigInt(value.exponent)).toString();
	const digits = value.units.toString().padStart(-value.exponent + 1, '0');
	const point = digits.length + value.exponent;
	const fraction = digits.slice(point).replace(TRAILING_ZEROS, '');
	return fraction === '' ? digits.slice(0, point) : `${digits.slice(0, point)}.${fraction}`;
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
	return subtract(a, { units: -b.units, exponent: b.exponent });
}

/**
 * Exact sum of credits given as decimal text or numbers (a number is taken at its shortest
 * decimal form, as written). sumCredits(['0.2', '0.2', '0.2']) is "0.6", never 0.6000000000000001.
 */
export function sumCredits(values: ReadonlyArray<string | number>): string {
	let total: Decimal = { units: 0n, exponent: 0 };
	for (const value of values) {
		const text = canonicalDecimalText(value);
		if (text === undefined)
			throw new RangeError(`sumCredits: ${JSON.stringify(value)} is not a non-negative decimal`);
		total = addDecimals(total, parseDecimal(text));
	}
	return formatDecimal(total);
}

/** The smaller of two decimal texts, compared exactly. */
export function minCredits(a: string, b: string): string {
	return compare(parseDecimal(a), parseDecimal(b)) <= 0 ? a : b;
}

/**
 * Credits for print with at least `minimumDecimals` places: "1" -> "1.0", "2.8" stays "2.8".
 * Certificates and NASBA's own tables write whole credits as 1.0.
 */
export function formatCredits(credits: string, minimumDecimals = 1): string {
	const [whole, fraction = ''] = credits.split('.');
	const padded = fraction.padEnd(minimumDecimals, '0');
	return padded === '' ? whole : `${whole}.${padded}`;
}
