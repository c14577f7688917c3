import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ParsedSchedule } from '../../../core/domain/attendance';
import { canonicalJson, sha256Hex } from '../../../core/domain/canonical';
import { attendeeNameOf, groupByAttendee, rollUpAttendee } from '../../../core/domain/credit';
import type { CreditDecision, CreditOutcome } from '../../../core/domain/model';
import { StringPool } from '../../../core/domain/string-pool';
import { fileSafe } from '../report/binary-output';

/** Binary property of a roll-up item that holds its full evidence (JSON). */
export const EVIDENCE_PROPERTY = 'evidence';

/**
 * One item per attendee and event: the credited sessions and their exact total, and instead of
 * the signals an `evidenceDigest`, the sha256 of the evidence file attached as binary data (every
 * source signal and the per-session decisions with their windows). n8n copies and stores every
 * item's JSON, so a conference's signals stay out of it; the file can go to the ledger.
 */
export async function attendeeItems(
	this: IExecuteFunctions,
	decisions: readonly CreditDecision[],
	schedule: ParsedSchedule,
	sourcesOf: (decision: CreditDecision) => number[],
	items: INodeExecutionData[],
	includeEvidence: boolean,
): Promise<Array<{ outcome: CreditOutcome; item: INodeExecutionData }>> {
	const eventId = schedule.schedule.eventId;
	if (!eventId) {
		throw new NodeOperationError(this.getNode(), 'The schedule has no eventId', {
			description:
				'One Item per Attendee keys each attendee by event (one certificate per attendee and event): add eventId to the schedule in the Attendance node (e.g. eventId: SPRING-CPE-2026).',
		});
	}
	const signalsOf = (indexes: number[]) =>
		indexes.flatMap((index) =>
			Array.isArray(items[index].json.signals) ? (items[index].json.signals as IDataObject[]) : [],
		);
	const result = [];
	// Every item spells the same titles, dates and policy hashes: n8n holds (and copies) them once.
	const pool = new StringPool();
	for (const [attendeeId, own] of groupByAttendee(decisions)) {
		const rollUp = rollUpAttendee(attendeeId, own, schedule, eventId);
		const sources = [...new Set(own.flatMap(sourcesOf))].sort((a, b) => a - b);
		const signals = signalsOf(sources);
		const evidenceText = canonicalJson({
			attendeeId: rollUp.subject.attendeeId,
			eventId,
			decisions: own,
			signals,
		});
		const json = pool.intern(JSON.parse(JSON.stringify(rollUp)) as IDataObject);
		const name = attendeeNameOf(signals.map((signal) => signal.raw));
		if (name) json.attendeeName = name;
		json.evidenceDigest = sha256Hex(evidenceText);
		const item: INodeExecutionData = {
			json,
			// A registered attendee without evidence has no input item; pair with the first input.
			pairedItem: sources.length > 0 ? sources.map((index) => ({ item: index })) : { item: 0 },
		};
		if (includeEvidence) {
			const file = await this.helpers.prepareBinaryData(
				Buffer.from(evidenceText, 'utf8'),
				`evidence-${fileSafe(eventId)}-${fileSafe(rollUp.subject.attendeeId)}.json`,
				'application/json',
			);
			item.binary = { [EVIDENCE_PROPERTY]: file };
		}
		result.push({ outcome: rollUp.outcome, item });
	}
	return result;
}
