import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OpenedLedger } from '../../transport/open-ledger';
import { updateDisplayOptions } from '../../../kit/display-options';
import { optionalText } from '../../../kit/text';
import { actorOf } from '../../helpers/items';

const properties: INodeProperties[] = [
	{
		displayName: 'Actor',
		name: 'actor',
		type: 'string',
		default: '',
		description: 'Who repairs, as the chain records it; empty means this workflow',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ledger'], operation: ['repair'] } },
	properties,
);

/** Moves a line cut off by a crash aside (kept in quarantine) and records that in the chain. */
export async function execute(
	this: IExecuteFunctions,
	opened: OpenedLedger,
): Promise<{ json: IDataObject }> {
	const report = await opened.ledger.repairTornTail({
		actor: actorOf.call(this, optionalText(this.getNodeParameter('actor', 0, ''))),
	});
	return { json: { ...report, location: opened.location } as unknown as IDataObject };
}
