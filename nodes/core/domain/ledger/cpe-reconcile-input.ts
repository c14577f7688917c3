import { z } from 'zod';

import { sumCredits } from '../credit/decimal';
import { CreditOutcomeSchema } from '../model/credit-decision';
import { DecimalTextSchema } from '../model/decimal-text';
import { cappedText } from '../model/limits';
import type { ValidationIssue } from '../rules/issues';
import { LedgerError } from './errors';

const IdSchema = cappedText('id');
const LineSchema = z.object({ sessionId: IdSchema, credits: DecimalTextSchema }).passthrough();

/** The parts of a CPE Credit per-attendee item (One Item per Attendee) a reconcile reads. */
const RollUpSchema = z
	.object({
		subject: z
			.object({ attendeeId: IdSchema, eventId: IdSchema, sessionIds: z.array(IdSchema) })
			.passthrough(),
		outcome: CreditOutcomeSchema,
		credits: DecimalTextSchema,
		sessionCredits: z.array(LineSchema),
		uncreditedSessions: z.array(z.object({ sessionId: IdSchema }).passthrough()).optional(),
		reasons: z.array(z.object({ code: IdSchema }).passthrough()).optional(),
		attendeeName: cappedText('name', { allowEmpty: true }).optional(),
		attendeeEmail: cappedText('email', { allowEmpty: true }).optional(),
	})
	.passthrough();
export type RollUp = z.output<typeof RollUpSchema>;

export const row = (index: number, rollUp?: RollUp) =>
	rollUp ? `Item ${index} (attendee ${rollUp.subject.attendeeId})` : `Item ${index}`;

/** Parses every item, naming each one that is not a roll-up of this event or whose total is off. */
export function parseRollUps(input: {
	eventId: string;
	rollUps: ReadonlyArray<unknown>;
}): RollUp[] {
	const issues: ValidationIssue[] = [];
	const parsed = input.rollUps.map((value, index) => {
		const result = RollUpSchema.safeParse(value);
		if (!result.success) {
			const first = result.error.issues[0];
			issues.push({
				path: `items[${index}].${first.path.join('.')}`,
				message: `${row(index)} is not a CPE Credit attendee item (${first.path.join('.') || 'item'}: ${first.message}); connect every output of CPE Credit with Decision Output "One Item per Attendee"`,
			});
			return undefined;
		}
		const rollUp = result.data;
		if (rollUp.subject.eventId !== input.eventId) {
			issues.push({
				path: `items[${index}].subject.eventId`,
				message: `${row(index, rollUp)} is for event "${rollUp.subject.eventId}", not "${input.eventId}": this file belongs to another event. Load the corrected file of "${input.eventId}" (its schedule's eventId), or set Event ID to the event you mean; nothing was changed`,
			});
		}
		const total = sumCredits(rollUp.sessionCredits.map((line) => line.credits));
		if (total !== rollUp.credits) {
			issues.push({
				path: `items[${index}].credits`,
				message: `${row(index, rollUp)} totals ${rollUp.credits} credits but its sessions add up to ${total}: pass CPE Credit's items unchanged`,
			});
		}
		return rollUp;
	});
	const seen = new Map<string, number>();
	parsed.forEach((rollUp, index) => {
		if (!rollUp) return;
		const earlier = seen.get(rollUp.subject.attendeeId);
		if (earlier !== undefined) {
			issues.push({
				path: `items[${index}].subject.attendeeId`,
				message: `${row(index, rollUp)} appears again (first as item ${earlier}): run CPE Credit once over the whole event, one item per attendee`,
			});
		}
		seen.set(rollUp.subject.attendeeId, index);
	});
	if (issues.length > 0) throw reconcileError(issues);
	return parsed as RollUp[];
}

export function reconcileError(issues: ValidationIssue[]): LedgerError {
	const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem(s))` : '';
	return new LedgerError('invalid_input', `${issues[0].message}${more}`, { issues });
}
