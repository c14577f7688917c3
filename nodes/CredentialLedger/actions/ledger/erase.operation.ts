import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OpenedLedger } from '../../transport/open-ledger';
import { updateDisplayOptions } from '../../../kit/display-options';
import { optionalText } from '../../../kit/text';
import { actorOf } from '../../helpers/items';

const DAY_MS = 24 * 60 * 60_000;

const properties: INodeProperties[] = [
	{
		displayName: 'Retention (Days)',
		name: 'retentionDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1825,
		description:
			'Private evidence recorded more than this many days ago is deleted (1825 days = 5 years, a common CPE record-keeping period). The chain keeps its hashes and still verifies.',
	},
	{
		displayName: 'Actor',
		name: 'actor',
		type: 'string',
		default: '',
		description: 'Who erases, as the chain records it; empty means this workflow',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ledger'], operation: ['erase'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	opened: OpenedLedger,
): Promise<{ json: IDataObject }> {
	const days = Number(this.getNodeParameter('retentionDays', 0, 1825));
	const now = new Date();
	const olderThan = new Date(now.getTime() - days * DAY_MS);
	const report = await opened.ledger.erasePersonalData({
		olderThan,
		now,
		actor: actorOf.call(this, optionalText(this.getNodeParameter('actor', 0, ''))),
	});
	const json = { ...report, olderThan: olderThan.toISOString(), retentionDays: days };
	return { json: json as unknown as IDataObject };
}
