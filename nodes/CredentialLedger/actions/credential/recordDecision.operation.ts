import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../kit/display-options';
import type { OpenedLedger } from '../../transport/open-ledger';
import { decisionInputOf, decisionOperationProperties } from './decision.properties';
import { entryResult } from './key.property';

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['recordDecision'] } },
	decisionOperationProperties({
		decisionHelp:
			'The decision to record, as Verify Completion outputs it (Verified, Needs Review or Not Eligible: subject.learnerId, outcome, ruleSetId, ruleVersion, ruleHash, decidedAt) or CPE Credit (subject.attendeeId and eventId, credits). Public: names and emails are refused here, except a CPE attendee id, which is kept off the chain.',
		optionsName: 'decisionOptions',
		actorHelp: 'Who decided, as the chain records it; defaults to this workflow',
	}),
);

type PreparedDecision = Awaited<ReturnType<typeof decisionInputOf>>;

/** Reads the item: its key, decision, evidence and options. */
export async function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
	_opened: OpenedLedger,
	item: INodeExecutionData,
): Promise<PreparedDecision> {
	const options = this.getNodeParameter('decisionOptions', itemIndex, {}) as IDataObject;
	return await decisionInputOf.call(this, itemIndex, item, options);
}

/** Records it: the ledger call is made at once, so decisions keep the items' order. */
export async function commit(
	this: IExecuteFunctions,
	{ key, decision, actor, evidence, goLive }: PreparedDecision,
	{ ledger }: OpenedLedger,
	item: INodeExecutionData,
): Promise<IDataObject> {
	const { status, entry } = await ledger.recordDecision(key, decision, {
		actor,
		evidence,
		...goLive,
	});
	const ledgerResult = { ...entryResult(entry), alreadyRecorded: status === 'existing' };
	return { ...item.json, ledger: ledgerResult as IDataObject };
}
