import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { CredentialLedger } from '../../../core/domain/ledger';
import { forOperation } from '../../helpers/display-options';
import { actorOf, forEachItem } from '../../helpers/items';
import {
	decisionKeyOf,
	decisionKeyProperties,
	decisionOf,
	decisionProperty,
	evidenceOf,
	storeEvidenceOption,
} from './decision.properties';

/** Output indexes of Reserve, as the node declares them. */
export const RESERVE_OUTPUT = { new: 0, already_issued: 1, pending: 2 } as const;

const properties: INodeProperties[] = [
	...decisionKeyProperties,
	decisionProperty(
		'The decision the credential is issued for, as Verify Completion or CPE Credit output it (subject.learnerId, outcome, ruleSetId, ruleVersion, ruleHash, decidedAt). Public: names and emails are refused here.',
	),
	{
		displayName: 'Options',
		name: 'reserveOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Actor',
				name: 'actor',
				type: 'string',
				default: '',
				description: 'Who reserves, as the chain records it; defaults to this workflow',
			},
			{
				displayName: 'Pending Timeout (Minutes)',
				name: 'pendingTimeoutMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 15,
				description:
					'A reservation without an outcome for this long is reported as stale (probably a crashed run): check the platform before issuing again',
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
			storeEvidenceOption,
		],
	},
];

export const description = forOperation('credential', 'reserve', properties);

export async function execute(
	this: IExecuteFunctions,
	ledger: CredentialLedger,
): Promise<INodeExecutionData[][]> {
	return await forEachItem.call(this, 3, RESERVE_OUTPUT.pending, async (itemIndex, item) => {
		const options = this.getNodeParameter('reserveOptions', itemIndex, {}) as IDataObject;
		const minutes = Number(options.pendingTimeoutMinutes ?? 15);
		const reclaim = Number(options.reclaimStaleAttempt ?? 0);
		// The decision first: without one, the key parts (read from it by default) are missing too.
		const decision = decisionOf.call(this, itemIndex);
		const result = await ledger.reserve(decisionKeyOf.call(this, itemIndex), decision, {
			pendingTimeoutMs: Math.round(minutes * 60_000),
			reclaimStaleAttempt: reclaim > 0 ? reclaim : undefined,
			actor: actorOf.call(this, options.actor),
			evidence: options.storeEvidence === false ? undefined : evidenceOf(item),
		});
		return {
			output: RESERVE_OUTPUT[result.status],
			json: { ...item.json, ledger: result as unknown as IDataObject },
		};
	});
}
