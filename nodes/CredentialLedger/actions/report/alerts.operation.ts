import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	dailySummary,
	operationsAlerts,
	yesterdayOf,
	type CredentialLedger,
} from '../../../core/domain/ledger';
import { updateDisplayOptions } from '../../../kit/display-options';

const DAY = 24 * 60 * 60_000;

const properties: INodeProperties[] = [
	{
		displayName: 'Review SLA (Hours)',
		name: 'reviewSlaHours',
		type: 'number',
		default: 24,
		typeOptions: { minValue: 0.01 },
		description: 'A review open longer than this is an alert (the playbook: resolved within 24 h)',
	},
	{
		displayName: 'Outage After (Minutes)',
		name: 'outageMinutes',
		type: 'number',
		default: 30,
		typeOptions: { minValue: 0 },
		description:
			'A platform with no successful issue for this long while credentials fail is an outage (the playbook: 30 minutes)',
	},
	{
		displayName: 'Outage Min Credentials',
		name: 'outageMinCredentials',
		type: 'number',
		default: 2,
		typeOptions: { minValue: 1 },
		description: 'How many different credentials must be failing before it counts as an outage',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['alerts'] } },
	properties,
);

/**
 * Yesterday's summary first, then one item per alert condition (a warning threshold crossed
 * over the last 24 hours, a platform outage, reviews past the SLA). Each item has `messageKey`,
 * the same for every run that sees the same condition in the same period: send each key once.
 */
export async function execute(
	this: IExecuteFunctions,
	ledger: CredentialLedger,
): Promise<INodeExecutionData[][]> {
	const now = new Date();
	const reviewSlaHours = this.getNodeParameter('reviewSlaHours', 0, 24) as unknown;
	if (typeof reviewSlaHours !== 'number' || !(reviewSlaHours > 0))
		throw new NodeOperationError(
			this.getNode(),
			`Review SLA (Hours) must be a number of hours above 0, not ${JSON.stringify(reviewSlaHours)}`,
			{ description: 'Set Review SLA (Hours) to how long a review may wait, e.g. 24.' },
		);
	const yesterday = yesterdayOf(now);
	const [yesterdayMetrics] = await ledger.metrics({ ...yesterday, groupBy: 'none' });
	const [recent] = await ledger.metrics({
		periodStart: new Date(now.getTime() - DAY).toISOString(),
		periodEnd: now.toISOString(),
		groupBy: 'none',
	});
	const openReviews = await ledger.listOpenReviews({ now });
	const queue = await ledger.listDueRetries({
		now,
		outageMinutes: this.getNodeParameter('outageMinutes', 0, 30) as number,
		outageMinCredentials: this.getNodeParameter('outageMinCredentials', 0, 2) as number,
	});
	const overdueReviews = await ledger.listOpenReviews({ now, olderThanHours: reviewSlaHours });
	const messages = [
		dailySummary({
			yesterday: yesterdayMetrics,
			day: yesterday.day,
			openReviews,
			queue,
			reviewSlaHours,
		}),
		...operationsAlerts({
			recent,
			day: now.toISOString().slice(0, 10),
			outages: queue.outages,
			overdueReviews,
			reviewSlaHours,
		}),
	];
	return [messages.map((message) => ({ json: message as unknown as IDataObject }))];
}
