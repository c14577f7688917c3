import type { INodeProperties } from 'n8n-workflow';

const report = { show: { resource: ['report'] } };

export const reportProperties: INodeProperties[] = [
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		displayOptions: report,
		description: 'The binary property that receives the report file',
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'roster.csv',
		displayOptions: { show: { resource: ['report'], operation: ['rosterCsv', 'sponsorReport'] } },
		description: 'Leave empty for roster.csv or sponsor-report.csv',
	},
];
