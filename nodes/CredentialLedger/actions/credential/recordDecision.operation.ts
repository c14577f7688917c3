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
import { entryResult } from './key.property';

const properties: INodeProperties[] = [
	...decisionKeyProperties,
	decisionProperty(
		'The decision to record, as Verify Completion outputs it: Verified, Needs Review or Not Eligible (subject.learnerId, outcome, ruleSetId, ruleVersion, ruleHash, decidedAt). Public: names and emails are refused here.',
	),
	{
		displayName: 'Options',
		name: 'decisionOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Actor',
				name: 'actor',
				type: 'string',
				default: '',
				description: 'Who decided, as the chain records it; defaults to this workflow',
			},
			storeEvidenceOption,
		],
	},
];

export const description = forOperation('credential', 'recordDecision', properties);

export async function execute(
	this: IExecuteFunctions,
	ledger: CredentialLedger,
): Promise<INodeExecutionData[][]> {
	return await forEachItem.call(this, 1, 0, async (itemIndex, item) => {
		const options = this.getNodeParameter('decisionOptions', itemIndex, {}) as IDataObject;
		// The decision first: without one, the key parts (read from it by default) are missing too.
		const decision = decisionOf.call(this, itemIndex);
		const { status, entry } = await ledger.recordDecision(
			decisionKeyOf.call(this, itemIndex),
			decision,
			{
				actor: actorOf.call(this, options.actor),
				evidence: options.storeEvidence === false ? undefined : evidenceOf(item),
			},
		);
		const ledgerResult = { ...entryResult(entry), alreadyRecorded: status === 'existing' };
		return { output: 0, json: { ...item.json, ledger: ledgerResult as IDataObject } };
	});
}
