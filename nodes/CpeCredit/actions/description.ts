import type { INodeProperties } from 'n8n-workflow';

import { calculateProperties } from './credit/description';
import { reportProperties } from './report/description';

export const cpeCreditProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Credit', value: 'credit' },
			{ name: 'Report', value: 'report' },
		],
		default: 'credit',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['credit'] } },
		options: [
			{
				name: 'Calculate Credits',
				value: 'calculate',
				action: 'Calculate credits from attendance',
				description:
					'Apply a credit policy to attendance timelines: one decision per attendee and session',
			},
		],
		default: 'calculate',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [
			{
				name: 'Attendee Evidence',
				value: 'attendeeEvidence',
				action: 'Build an evidence file per attendee',
				description: 'Every decision, window, reason and signal of one attendee, for disputes',
			},
			{
				name: 'Roster CSV',
				value: 'rosterCsv',
				action: 'Export a roster CSV',
				description: 'One row per decision with credits, reasons and the policy hash',
			},
			{
				name: 'Sponsor Report',
				value: 'sponsorReport',
				action: 'Export a sponsor report',
				description: 'Per session: participants, the attendance window used, decision and credits',
			},
		],
		default: 'rosterCsv',
	},
	...calculateProperties,
	...reportProperties,
];
