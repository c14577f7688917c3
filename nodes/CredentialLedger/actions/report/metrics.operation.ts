import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { CredentialLedger, MetricsGroupBy } from '../../../core/domain/ledger';
import { updateDisplayOptions } from '../../../kit/display-options';
import { readLookups } from '../../helpers/count-lookup';
import { periodOf, periodProperties } from './period';

const properties: INodeProperties[] = [
	...periodProperties,
	{
		displayName: 'Group By',
		name: 'groupBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Nothing (One Item)', value: 'none' },
			{ name: 'Course', value: 'course', description: "The decision's subject.courseId" },
			{
				name: 'Platform',
				value: 'platform',
				description: 'The platform the credential was issued on (or last failed on)',
			},
			{
				name: 'Event',
				value: 'event',
				description: "The decision's subject.eventId, else subject.sessionId (CPE)",
			},
		],
		default: 'none',
		description:
			'One output item per group, each with every figure. Verification page lookups (field verificationLookups) are counted ledger-wide, so only Nothing (One Item) reports them.',
	},
	{
		displayName: 'Measure Audit Export',
		name: 'measureAuditExport',
		type: 'boolean',
		default: false,
		description:
			'Whether to produce the CSV audit export once and report how long it took (the playbook: under five minutes). It reads the chain a second time.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['metrics'] } },
	properties,
);

/** One item per group: each figure with its value, the playbook's target and a status. */
export async function execute(
	this: IExecuteFunctions,
	ledger: CredentialLedger,
): Promise<INodeExecutionData[][]> {
	const period = periodOf.call(this);
	const groupBy = this.getNodeParameter('groupBy', 0, 'none') as MetricsGroupBy;
	const groups = await ledger.metrics({
		...period,
		groupBy,
		measureAuditExport: this.getNodeParameter('measureAuditExport', 0, false) as boolean,
	});
	// Lookups are counted per hour and status only: they belong to the ledger-wide item.
	const verificationLookups =
		groupBy === 'none' ? await readLookups.call(this, ledger, period) : undefined;
	return [
		groups.map((group) => ({
			json: { ...group, ...(verificationLookups && { verificationLookups }) } as IDataObject,
		})),
	];
}
