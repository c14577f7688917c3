import type { CreditDecision, DataPointValue } from '../model';
import type { CreditReason, CreditReasonCode } from './reason-codes';
import { SharedValues } from './shared-values';

type CreditWindowJson = CreditDecision['windowsUsed'][number];

/**
 * The parts decisions of one computation share (see SharedValues). One instance per run, so a
 * long-lived process keeps nothing from earlier runs.
 */
export class SharedParts {
	readonly reasonLists = new SharedValues<CreditReason[]>();
	readonly windows = new SharedValues<CreditWindowJson>();
	readonly windowLists = new SharedValues<CreditWindowJson[]>();
	readonly dataPoints = new SharedValues<Record<string, DataPointValue>>();
	readonly sessionLists = new SharedValues<NonNullable<CreditDecision['sessions']>>();
	private readonly reasons = new SharedValues<CreditReason>();
	// Scans cluster on the same minutes; their text is made once.
	private readonly isoTexts = new Map<number, string>();

	/**
	 * A reason shared by every decision with the same code and `keys` (the values its detail is
	 * made of); the detail text is built only the first time.
	 */
	reason(code: CreditReasonCode, keys: readonly unknown[], detail: () => string): CreditReason {
		return this.reasons.shareUnder(code, keys, () => ({ code, detail: detail() }));
	}

	iso(ms: number): string {
		let text = this.isoTexts.get(ms);
		if (text === undefined) {
			text = new Date(ms).toISOString();
			if (this.isoTexts.size >= 100_000) this.isoTexts.clear();
			this.isoTexts.set(ms, text);
		}
		return text;
	}
}
