import type { INodeProperties } from 'n8n-workflow';

import { operationProperty, resourceProperty } from '../../kit/node-description';
import { approveReviewProperties } from './credit/approveReview.operation';
import { calculateProperties } from './credit/description';
import { reportProperties } from './report/description';

export const cpeCreditProperties: INodeProperties[] = [
	resourceProperty(
		[
			{ name: 'Credit', value: 'credit' },
			{ name: 'Report', value: 'report' },
		],
		'credit',
	),
	operationProperty(
		'credit',
		[
			{
				name: 'Calculate Credits',
				value: 'calculate',
				action: 'Calculate credits from attendance',
				description:
					'Apply a credit policy to attendance timelines: one decision per attendee and session',
			},
			{
				name: 'Approve Review',
				value: 'approveReview',
				action: 'Apply a reviewer approval to an attendee',
				description:
					'For a Needs Review attendee a person approved: the computed credit, or the credit the reviewer entered, checked against the rule',
			},
		],
		'calculate',
	),
	operationProperty(
		'report',
		[
			{
				name: 'Attendee Evidence',
				value: 'attendeeEvidence',
				action: 'Build an evidence file per attendee',
				description: 'Every decision, window, reason and signal of one attendee, for disputes',
			},
			{
				name: 'Review View',
				value: 'reviewView',
				action: 'Build the evidence view for a reviewer',
				description:
					'For Needs Review items: windows, rule, reasons and every source signal as text for an email and HTML for a form page',
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
		'rosterCsv',
	),
	...calculateProperties,
	...approveReviewProperties,
	...reportProperties,
];
