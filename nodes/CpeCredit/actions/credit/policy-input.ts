import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { parseSchedule, type ParsedSchedule } from '../../../core/domain/attendance';
import { parseCreditPolicies, type ParsedCreditPolicy } from '../../../core/domain/credit';
import type { CreditPolicyInput } from '../../../core/domain/model';
import { describeIssues } from '../../../kit/errors';
import { parseStructuredText } from '../../../kit/cpe/structured-text';
import { optionalText } from '../../../kit/text';

type Preset =
	| 'nasba'
	| 'nasbaGroupLive'
	| 'nasbaGroupInternet'
	| 'iacet'
	| 'cle'
	| 'cme'
	| 'threshold';

function presetPolicy(this: IExecuteFunctions): CreditPolicyInput {
	const preset = this.getNodeParameter('preset', 0) as Preset;
	const text = (name: string, fallback: string) =>
		optionalText(this.getNodeParameter(name, 0, fallback)) ?? fallback;
	const version = text('policyVersion', '1');
	switch (preset) {
		case 'nasba':
		case 'nasbaGroupLive':
		case 'nasbaGroupInternet':
			return {
				type: 'nasba',
				id: {
					nasba: 'nasba',
					nasbaGroupLive: 'nasba-group-live',
					nasbaGroupInternet: 'nasba-group-internet',
				}[preset],
				version,
				increment: this.getNodeParameter('nasbaIncrement', 0, 'fifths') as 'fifths' | 'halves',
				...(preset === 'nasbaGroupLive' ? { deliveryMethod: 'group-live' as const } : {}),
				...(preset === 'nasbaGroupInternet' ? { deliveryMethod: 'group-internet' as const } : {}),
			};
		case 'iacet':
			return { type: 'iacet', id: 'iacet-ceu', version };
		case 'cme':
			return { type: 'cme', id: 'cme-ama-pra-1', version };
		case 'cle':
			return {
				type: 'cle',
				id: 'cle',
				version,
				minutesPerCredit: text('minutesPerCredit', '60'),
				increment: text('creditIncrement', '0.25'),
			};
		case 'threshold': {
			const credits = (this.getNodeParameter('thresholdCredits', 0, '') as string).trim();
			return {
				type: 'threshold',
				id: 'threshold',
				version,
				minimumPercent: this.getNodeParameter('minimumPercent', 0, 80) as number,
				minutesPerCredit: text('minutesPerCredit', '60'),
				increment: text('creditIncrement', '0.25'),
				...(credits ? { credits } : {}),
			};
		}
		default:
			throw new NodeOperationError(this.getNode(), `Unknown preset "${String(preset)}"`);
	}
}

/**
 * The policies and the schedule they apply to. With one policy for the event every session is
 * pointed at it, so the sessions' own creditPolicy ids cannot silently pick something else.
 */
export function loadPolicies(
	this: IExecuteFunctions,
	schedule: ParsedSchedule,
): { policies: Map<string, ParsedCreditPolicy>; schedule: ParsedSchedule } {
	const source = this.getNodeParameter('policySource', 0) as 'preset' | 'json';
	let input: unknown;
	let origin: string;
	if (source === 'preset') {
		input = presetPolicy.call(this);
		origin = 'Preset';
	} else {
		origin = 'Policies parameter';
		const text = this.getNodeParameter('policies', 0, '') as unknown;
		const parsed =
			typeof text === 'string' ? parseStructuredText(text) : { ok: true as const, value: text };
		if (!parsed.ok) throw invalid(this, origin, [{ path: '', message: parsed.message }]);
		input = parsed.value;
	}
	const parsed = parseCreditPolicies(input);
	if (!parsed.ok) throw invalid(this, origin, parsed.issues);
	const everySession =
		source === 'preset' || this.getNodeParameter('applyTo', 0, 'session') === 'event';
	if (!everySession) return { policies: parsed.policies, schedule };
	if (parsed.policies.size !== 1) {
		throw new NodeOperationError(
			this.getNode(),
			`One Policy for the Event needs exactly one policy; the Policies parameter has ${parsed.policies.size}`,
			{ description: 'Keep one policy, or set Apply Policies to Per Session.' },
		);
	}
	const id = [...parsed.policies.keys()][0];
	const repointed = parseSchedule({
		...schedule.schedule,
		defaultPolicy: id,
		sessions: schedule.schedule.sessions.map((session) => ({ ...session, creditPolicy: id })),
	});
	if (!repointed.ok) throw invalid(this, 'schedule', repointed.issues);
	return { policies: parsed.policies, schedule: repointed };
}

function invalid(
	ctx: IExecuteFunctions,
	origin: string,
	issues: Array<{ path: string; message: string }>,
): NodeOperationError {
	const first = issues[0];
	return new NodeOperationError(
		ctx.getNode(),
		`Invalid credit policy (${origin}) at "${first.path || '(root)'}": ${first.message}`,
		{ description: describeIssues(issues) },
	);
}
