import { invalidInput } from './errors';
import { isPlainObject } from './json';
import type { LedgerEntry } from './entry';

/**
 * What a credential's records are kept for, which sets how long its private evidence must live:
 * - courseCredential: the audit trail of a course credential, kept 7 years (operations playbook).
 * - cpeRecord: a CPE sponsor's record of participation, kept 5 years from program completion
 *   (NASBA; Texas 22 TAC 523.143).
 */
export type RetentionKind = 'courseCredential' | 'cpeRecord';

export type RetentionDays = Record<RetentionKind, number>;

/**
 * Whole years, counted with the most leap days they can hold (7 × 365 + 2, 5 × 365 + 2), so the
 * period never ends before the same date that many years on.
 */
export const DEFAULT_RETENTION_DAYS: Readonly<RetentionDays> = Object.freeze({
	courseCredential: 2557,
	cpeRecord: 1827,
});

const DAY_MS = 24 * 60 * 60_000;

/**
 * A credential is a CPE record when the decision recorded for it carries credits (the CPE Credit
 * node's decision) or its `issued` entry lists credits; anything else is a course credential.
 */
export function retentionKindOf(entry: LedgerEntry): RetentionKind | undefined {
	const p = entry.payload;
	if (entry.type === 'decided' && p.credits !== undefined) return 'cpeRecord';
	if (entry.type === 'issued' && isPlainObject(p.attributes)) {
		const credits = p.attributes.credits;
		if (Array.isArray(credits) && credits.length > 0) return 'cpeRecord';
	}
	return undefined;
}

/** The retention days to apply: the defaults, each overridable; refuses anything but whole days. */
export function retentionDaysOf(overrides: Partial<RetentionDays> = {}): RetentionDays {
	const days = { ...DEFAULT_RETENTION_DAYS };
	for (const kind of Object.keys(days) as RetentionKind[]) {
		const value = overrides[kind];
		if (value === undefined) continue;
		if (!Number.isInteger(value) || value < 0) {
			throw invalidInput('retention', [
				{
					path: `retentionDays.${kind}`,
					message: `received ${JSON.stringify(value)}; expected a whole number of days, 0 or more`,
				},
			]);
		}
		days[kind] = value;
	}
	return days;
}

/** Evidence recorded before the cut-off of its kind has outlived its retention period. */
export function retentionCutoffs(now: string, days: RetentionDays): Record<RetentionKind, string> {
	const at = Date.parse(now);
	return {
		courseCredential: new Date(at - days.courseCredential * DAY_MS).toISOString(),
		cpeRecord: new Date(at - days.cpeRecord * DAY_MS).toISOString(),
	};
}
