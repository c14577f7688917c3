// Reading the queue listings' options: durations and counts, refused with the field named.
import { invalidInput } from './errors';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const HOURS = { name: 'hours', ms: HOUR } as const;
export const MINUTES = { name: 'minutes', ms: MINUTE } as const;

/** A duration option in milliseconds: absent gives the fallback, anything but a number ≥ 0 is refused. */
export function durationOption(
	value: number | undefined,
	field: string,
	unit: { name: 'hours' | 'minutes'; ms: number },
	fallback: number,
): number {
	if (value === undefined) return fallback * unit.ms;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
		throw optionError(field, `expected a number of ${unit.name}, 0 or more`);
	return value * unit.ms;
}

export function wholeOption(
	value: number | undefined,
	field: string,
	fallback: number,
	min: number,
): number {
	if (value === undefined) return fallback;
	if (!Number.isSafeInteger(value) || value < min)
		throw optionError(field, `expected a whole number, ${min} or more`);
	return value;
}

function optionError(field: string, message: string) {
	return invalidInput('queue options', [{ path: field, message }]);
}
