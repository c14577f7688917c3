import { z } from 'zod';

import { TEXT_LIMITS, tooLongMessage } from './limits';
import { TRAILING_ZEROS } from '../text';

const DECIMAL_TEXT = /^(\d+)(?:\.(\d+))?$/;

/**
 * Canonical text of a non-negative decimal written by a person or a JSON number: "1.50" and 1.5
 * both become "1.5", "007" becomes "7". Undefined for anything else (negative, exponent, NaN).
 * Credits are kept as this text so no binary float ever stands between the rule and the PDF.
 */
export function canonicalDecimalText(value: unknown): string | undefined {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value < 0) return undefined;
		text = String(value);
	} else if (typeof value === 'string') {
		text = value.trim();
	} else {
		return undefined;
	}
	const m = DECIMAL_TEXT.exec(text);
	if (!m) return undefined;
	const whole = m[1].replace(/^0+(?=\d)/, '');
	const fraction = (m[2] ?? '').replace(TRAILING_ZEROS, '');
	return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** A non-negative decimal given as a number or text, kept as canonical text ("0.2", "1.5"). */
export const DecimalTextSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
	if (typeof value === 'string' && value.length > TEXT_LIMITS.decimal) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			message: tooLongMessage(value.length, TEXT_LIMITS.decimal),
		});
		return z.NEVER;
	}
	const text = canonicalDecimalText(value);
	if (text === undefined) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			message: `received ${JSON.stringify(value)}; expected a non-negative decimal such as 0.5 or "0.25"`,
		});
		return z.NEVER;
	}
	return text;
});

/** Like DecimalTextSchema but refuses zero: a step or a rate of zero has no meaning. */
export const PositiveDecimalTextSchema = DecimalTextSchema.refine((text) => /[1-9]/.test(text), {
	message: 'expected a decimal above 0',
});
