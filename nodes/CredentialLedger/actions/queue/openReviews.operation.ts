import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { CredentialLedger } from '../../../core/domain/ledger';
import { updateDisplayOptions } from '../../../kit/display-options';

const properties: INodeProperties[] = [
	{
		displayName: 'Older Than (Hours)',
		name: 'olderThanHours',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description:
			'Only reviews open at least this long, e.g. your review SLA (24). 0 lists every open review.',
	},
	{
		displayName: 'Skip Reminded Within (Hours)',
		name: 'notRemindedWithinHours',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description:
			'Leave out reviews whose last reminder (a Review entry with attributes {"reminder": true}) is more recent than this, so a schedule reminds once per period. 0 keeps them.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['queue'], operation: ['openReviews'] } },
	properties,
);

/** One item per open review, oldest first; none when nothing waits. */
export async function execute(
	this: IExecuteFunctions,
	ledger: CredentialLedger,
): Promise<INodeExecutionData[][]> {
	const reviews = await ledger.listOpenReviews({
		olderThanHours: this.getNodeParameter('olderThanHours', 0, 0) as number,
		notRemindedWithinHours: this.getNodeParameter('notRemindedWithinHours', 0, 0) as number,
	});
	return [reviews.map((review) => ({ json: review as unknown as IDataObject }))];
}
