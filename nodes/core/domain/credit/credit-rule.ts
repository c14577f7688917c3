import type { CreditPolicy, DataPointValue, DeliveryMethod, Grace, Polling } from '../model';
import {
	countStepRule,
	scaled,
	stepsIn,
	timeStepRule,
	type ScaledDecimal,
	type StepRule,
} from './steps';

/**
 * A policy reduced to the arithmetic it means for one delivery method. Presets (NASBA, IACET,
 * CLE, CME, threshold) and custom policies all become this, so one engine decides every credit.
 */
export interface CreditRule {
	/** time: credit follows attended minutes; completion: designated credit once completed. */
	mode: 'time' | 'completion';
	time: StepRule;
	increment: string;
	/** Fewer steps than this become no credit (NASBA group: 1.0, IACET: 0.1, CME: 0.25). */
	minimumSteps: number;
	/** NASBA self study (R3): below the first full credit only 0.5 exists, from this duration. */
	halfCreditMs?: number;
	/** Designated credit (threshold policies); else the content length in credits. */
	fixedCredits?: string;
	maximumCredits?: string;
	minimumPercent?: ScaledDecimal;
	fullCreditPercent?: ScaledDecimal;
	partialCredit: boolean;
	minimumSessionMs?: number;
	/** Nano learning (R4, R16): the only credit, for programs of 10 to under 20 minutes. */
	nano: boolean;
	polling: Polling;
	pollSteps?: StepRule;
	grace: Grace;
	/** The figures the rule applies, copied into every decision's dataPoints. */
	dataPoints: Record<string, DataPointValue>;
}

const NASBA_MINUTES = '50';
const cache = new WeakMap<CreditPolicy, Map<DeliveryMethod, CreditRule>>();

/** The rule a policy means for a delivery method (cached per policy object and method). */
export function creditRuleFor(policy: CreditPolicy, method: DeliveryMethod): CreditRule {
	let byMethod = cache.get(policy);
	if (!byMethod) cache.set(policy, (byMethod = new Map()));
	let rule = byMethod.get(method);
	if (!rule) byMethod.set(method, (rule = resolve(policy, method)));
	return rule;
}

interface Parts {
	minutesPerCredit: string;
	increment: string;
	rounding: 'down' | 'nearest';
	minimumCredits: string;
	mode?: CreditRule['mode'];
	halfCreditMs?: number;
	fixedCredits?: string;
	maximumCredits?: string;
	minimumPercent?: number;
	fullCreditPercent?: number;
	partialCredit?: boolean;
	minimumSessionMinutes?: number;
	nano?: boolean;
	polling?: Polling;
}

function resolve(policy: CreditPolicy, method: DeliveryMethod): CreditRule {
	switch (policy.type) {
		case 'nasba': {
			const increment = policy.increment === 'fifths' ? '0.2' : '0.5';
			if (method === 'nano') {
				return build(policy, method, {
					minutesPerCredit: NASBA_MINUTES,
					increment: '0.2',
					rounding: 'down',
					minimumCredits: '0.2',
					mode: 'completion',
					fixedCredits: '0.2',
					nano: true,
				});
			}
			if (method === 'self-study') {
				return build(policy, method, {
					minutesPerCredit: NASBA_MINUTES,
					increment,
					rounding: 'down',
					minimumCredits: '1',
					mode: 'completion',
					halfCreditMs: 25 * 60_000,
				});
			}
			// R11 polling is a group-internet-based requirement; in the room the monitor watches.
			const polling = method === 'group-internet' ? policy.polling : { mode: 'none' as const };
			return build(policy, method, {
				minutesPerCredit: NASBA_MINUTES,
				increment,
				rounding: 'down',
				minimumCredits: '1',
				polling,
			});
		}
		case 'iacet':
			// 1 CEU = 10 contact hours of 60 minutes: 600 minutes per CEU, minimum 0.1. Rounding to the
			// nearest tenth (not down as NASBA) is inferred from IACET's examples (0.05 shows as 0.1).
			return build(policy, method, {
				minutesPerCredit: '600',
				increment: '0.1',
				rounding: 'nearest',
				minimumCredits: '0.1',
				minimumPercent: policy.minimumPercent,
			});
		case 'cle':
			return build(policy, method, { ...policy, minimumCredits: policy.minimumCredits ?? '0' });
		case 'cme':
			return build(policy, method, { ...policy, minutesPerCredit: '60' });
		case 'threshold':
			return build(policy, method, {
				...policy,
				minimumCredits: '0',
				fixedCredits: policy.credits,
				fullCreditPercent: policy.minimumPercent,
				minimumPercent: undefined,
			});
		case 'custom':
			return build(policy, method, policy);
	}
}

function build(policy: CreditPolicy, method: DeliveryMethod, parts: Parts): CreditRule {
	const polling = parts.polling ?? { mode: 'none' };
	const dataPoints: Record<string, DataPointValue> = {
		policyType: policy.type,
		deliveryMethod: method,
		minutesPerCredit: parts.minutesPerCredit,
		increment: parts.increment,
		rounding: parts.rounding,
		minimumCredits: parts.minimumCredits,
		pollingMode: polling.mode,
	};
	if (parts.halfCreditMs !== undefined) dataPoints.minimumCredits = '0.5';
	if (parts.fixedCredits !== undefined) dataPoints.fixedCredits = parts.fixedCredits;
	if (parts.maximumCredits !== undefined) dataPoints.maximumCredits = parts.maximumCredits;
	if (parts.minimumPercent !== undefined) dataPoints.minimumPercent = parts.minimumPercent;
	if (parts.fullCreditPercent !== undefined) dataPoints.fullCreditPercent = parts.fullCreditPercent;
	const percent = (value: number | undefined) =>
		value === undefined ? undefined : scaled(String(value));
	return {
		mode: parts.mode ?? 'time',
		time: timeStepRule(parts.minutesPerCredit, parts.increment, parts.rounding),
		increment: parts.increment,
		minimumSteps: stepsIn(parts.minimumCredits, parts.increment, 'ceil'),
		halfCreditMs: parts.halfCreditMs,
		fixedCredits: parts.fixedCredits,
		maximumCredits: parts.maximumCredits,
		minimumPercent: percent(parts.minimumPercent),
		fullCreditPercent: percent(parts.fullCreditPercent),
		partialCredit: parts.partialCredit ?? true,
		minimumSessionMs:
			parts.minimumSessionMinutes === undefined ? undefined : parts.minimumSessionMinutes * 60_000,
		nano: parts.nano ?? false,
		polling,
		pollSteps:
			polling.mode === 'per_credit'
				? countStepRule(polling.answersPerCredit, parts.increment)
				: undefined,
		grace: policy.grace,
		dataPoints,
	};
}
