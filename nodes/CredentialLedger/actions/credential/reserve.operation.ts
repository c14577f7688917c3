import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../kit/display-options';
import { ItemOutput } from '../../../kit/per-item';
import type { OpenedLedger } from '../../transport/open-ledger';
import { decisionInputOf, decisionOperationProperties } from './decision.properties';

/** Output indexes of Reserve, as the node declares them. */
export const RESERVE_OUTPUT = { new: 0, already_issued: 1, pending: 2 } as const;

// A failed item goes to Pending, never to New, where a credential would be issued.
export const outputs = 3;
export const failedOutput = RESERVE_OUTPUT.pending;

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['reserve'] } },
	decisionOperationProperties({
		decisionHelp:
			'The decision the credential is issued for, as Verify Completion or CPE Credit output it (subject.learnerId or subject.attendeeId with eventId, outcome, ruleSetId, ruleVersion, ruleHash, decidedAt). A CPE decision is kept as its public part (credits, sessions, policy, evidence digest); elsewhere names and emails are refused.',
		optionsName: 'reserveOptions',
		actorHelp: 'Who reserves, as the chain records it; defaults to this workflow',
		moreOptions: [
			{
				displayName: 'Pending Timeout (Minutes)',
				name: 'pendingTimeoutMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 15,
				description:
					'A reservation without an outcome for this long is reported as stale (probably a crashed run): check the platform before issuing again. Recorded with the reservation: a later Reserve of the same key (a retry schedule) judges it by this timeout, whatever its own.',
			},
			{
				displayName: 'Reclaim Stale Attempt',
				name: 'reclaimStaleAttempt',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'After you confirmed at the platform that a stale attempt issued nothing: its attempt number from the Pending output (field ledger.attempt). It is marked failed and a new attempt reserved. 0 = never reclaim.',
			},
		],
	}),
);

type PreparedReserve = Awaited<ReturnType<typeof decisionInputOf>> & {
	pendingTimeoutMs: number;
	reclaimStaleAttempt?: number;
};

/** Reads the item: its key, decision, evidence (a file CPE Credit attached) and options. */
export async function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
	_opened: OpenedLedger,
	item: INodeExecutionData,
): Promise<PreparedReserve> {
	const options = this.getNodeParameter('reserveOptions', itemIndex, {}) as IDataObject;
	const minutes = Number(options.pendingTimeoutMinutes ?? 15);
	const reclaim = Number(options.reclaimStaleAttempt ?? 0);
	return {
		...(await decisionInputOf.call(this, itemIndex, item, options)),
		pendingTimeoutMs: Math.round(minutes * 60_000),
		...(reclaim > 0 ? { reclaimStaleAttempt: reclaim } : {}),
	};
}

/** Claims the key: the ledger call is made at once, so reservations keep the items' order. */
export async function commit(
	this: IExecuteFunctions,
	prepared: PreparedReserve,
	{ ledger }: OpenedLedger,
	item: INodeExecutionData,
): Promise<ItemOutput> {
	const { key, decision, actor, evidence, goLive, pendingTimeoutMs, reclaimStaleAttempt } =
		prepared;
	const result = await ledger.reserve(key, decision, {
		pendingTimeoutMs,
		reclaimStaleAttempt,
		actor,
		evidence,
		...goLive,
	});
	return new ItemOutput(RESERVE_OUTPUT[result.status], {
		...item.json,
		ledger: result as unknown as IDataObject,
	});
}
