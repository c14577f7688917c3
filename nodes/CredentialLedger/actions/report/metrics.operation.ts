import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { CredentialLedger, MetricsGroupBy } from '../../../core/domain/ledger';
import { updateDisplayOptions } from '../../../kit/display-options';
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
		description: 'One output item per group, each with every figure',
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
	const groups = await ledger.metrics({
		...periodOf.call(this),
		groupBy: this.getNodeParameter('groupBy', 0, 'none') as MetricsGroupBy,
		measureAuditExport: this.getNodeParameter('measureAuditExport', 0, false) as boolean,
	});
	return [groups.map((group) => ({ json: group as unknown as IDataObject }))];
}
