import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { CredentialLedger } from '../../../core/domain/ledger';
import { updateDisplayOptions } from '../../../kit/display-options';
import { periodOf, periodProperties } from './period';
import { readStaffDecisions } from './staff-decisions';

const properties: INodeProperties[] = [
	...periodProperties,
	{
		displayName: 'Staff Decisions From',
		name: 'staffDecisionsSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Input Items', value: 'items', description: 'One input item per staff decision' },
			{
				name: 'CSV File',
				value: 'binary',
				description: 'A CSV with a header row in a binary field of the input item(s)',
			},
		],
		default: 'items',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		description: 'The binary field holding the CSV',
		displayOptions: { show: { staffDecisionsSource: ['binary'] } },
	},
	{
		displayName: 'Learner Field',
		name: 'learnerField',
		type: 'string',
		default: 'learner',
		description: "The field (or CSV column) with the learner's ID, as the LMS sends it",
	},
	{
		displayName: 'Course Field',
		name: 'courseField',
		type: 'string',
		default: 'course',
		description: 'The field (or CSV column) with the course ID',
	},
	{
		displayName: 'Decision Field',
		name: 'decisionField',
		type: 'string',
		default: 'decision',
		description:
			'The field (or CSV column) with what staff decided: issue (issued, yes, approved, verified) or refuse (no, rejected, not eligible, hold)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['agreement'] } },
	properties,
);

/** One item: agreement, false positives and negatives against the playbook, each disagreement. */
export async function execute(
	this: IExecuteFunctions,
	ledger: CredentialLedger,
): Promise<INodeExecutionData[][]> {
	const staff = await readStaffDecisions.call(this);
	const report = await ledger.agreement(staff, periodOf.call(this));
	return [[{ json: report as unknown as IDataObject }]];
}
