import type { INodeProperties } from 'n8n-workflow';

/** Every report but the review view writes a file. */
const fileReports = {
	show: { resource: ['report'], operation: ['attendeeEvidence', 'rosterCsv', 'sponsorReport'] },
};

export const reportProperties: INodeProperties[] = [
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		displayOptions: fileReports,
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
