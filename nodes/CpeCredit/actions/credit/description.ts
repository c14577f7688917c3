import type { INodeProperties } from 'n8n-workflow';

import { scheduleProperties } from '../../../kit/cpe/schedule-input';

const credit = { show: { resource: ['credit'], operation: ['calculate'] } };
const withPreset = (presets: string[]) => ({
	show: {
		resource: ['credit'],
		operation: ['calculate'],
		policySource: ['preset'],
		preset: presets,
	},
});

export const EXAMPLE_POLICIES = `# One policy or a list. Sessions pick theirs by creditPolicy id.
- type: nasba
  id: nasba-group-live
  version: "1"
  increment: fifths
`;

export const calculateProperties: INodeProperties[] = [
	...scheduleProperties(credit, true),
	{
		displayName: 'Policy Source',
		name: 'policySource',
		type: 'options',
		noDataExpression: true,
		displayOptions: credit,
		options: [
			{ name: 'Preset', value: 'preset', description: 'One standard policy for every session' },
			{
				name: 'Policies (JSON or YAML)',
				value: 'json',
				description: 'Your own policies: per session by ID, or one for the whole event',
			},
		],
		default: 'preset',
	},
	{
		displayName: 'Preset',
		name: 'preset',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: { resource: ['credit'], operation: ['calculate'], policySource: ['preset'] },
		},
		options: [
			{
				name: 'AMA PRA Category 1 CME',
				value: 'cme',
				description: '60 minutes = 1 credit, nearest quarter, minimum 0.25',
			},
			{
				name: 'Attendance Threshold',
				value: 'threshold',
				description: 'All or nothing: the credit for attending at least a share of the session',
			},
			{
				name: 'CLE',
				value: 'cle',
				description: 'Minutes per credit and increment of your jurisdiction, rounded down',
			},
			{
				name: 'IACET CEU',
				value: 'iacet',
				description: '1 CEU = 10 contact hours, nearest tenth, minimum 0.1',
			},
			{
				name: 'NASBA (Method From Schedule)',
				value: 'nasba',
				description:
					'50-minute credit, 1.0 minimum, rounded down; hybrid sessions credit each attendee by how they took part',
			},
			{
				name: 'NASBA Group Internet Based',
				value: 'nasbaGroupInternet',
				description: 'Like NASBA, and three answered polls per credit (R11)',
			},
			{
				name: 'NASBA Group Live',
				value: 'nasbaGroupLive',
				description: 'Like NASBA, every session credited as group live',
			},
		],
		default: 'nasba',
	},
	{
		displayName: 'Increment',
		name: 'nasbaIncrement',
		type: 'options',
		displayOptions: withPreset(['nasba', 'nasbaGroupLive', 'nasbaGroupInternet']),
		options: [
			{ name: 'Fifths (1.0, 1.2, 1.4 …)', value: 'fifths' },
			{ name: 'Halves (1.0, 1.5, 2.0 …)', value: 'halves' },
		],
		default: 'fifths',
		description: 'NASBA R6: one increment per program, never mixed',
	},
	{
		displayName: 'Minutes per Credit',
		name: 'minutesPerCredit',
		type: 'string',
		displayOptions: withPreset(['cle', 'threshold']),
		default: '60',
		description: 'Most CLE states use 60; New York uses 50',
	},
	{
		displayName: 'Credit Increment',
		name: 'creditIncrement',
		type: 'string',
		displayOptions: withPreset(['cle', 'threshold']),
		default: '0.25',
		description: 'Credits are rounded down to a multiple of this (New York CLE: 0.5)',
	},
	{
		displayName: 'Minimum Attendance (%)',
		name: 'minimumPercent',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		displayOptions: withPreset(['threshold']),
		default: 80,
	},
	{
		displayName: 'Credits per Session',
		name: 'thresholdCredits',
		type: 'string',
		displayOptions: withPreset(['threshold']),
		default: '',
		description:
			'Fixed credit for a session that meets the threshold; empty: the session length in credits',
	},
	{
		displayName: 'Policy Version',
		name: 'policyVersion',
		type: 'string',
		displayOptions: {
			show: { resource: ['credit'], operation: ['calculate'], policySource: ['preset'] },
		},
		default: '1',
		description: 'Recorded in every decision; change it when you change the settings above',
	},
	{
		displayName: 'Policies',
		name: 'policies',
		type: 'string',
		typeOptions: { rows: 12 },
		displayOptions: {
			show: { resource: ['credit'], operation: ['calculate'], policySource: ['json'] },
		},
		default: EXAMPLE_POLICIES,
		description:
			'Credit policies as JSON or YAML (type nasba, iacet, cle, cme, threshold or custom); checked before anyone is credited',
	},
	{
		displayName: 'Apply Policies',
		name: 'applyTo',
		type: 'options',
		displayOptions: {
			show: { resource: ['credit'], operation: ['calculate'], policySource: ['json'] },
		},
		options: [
			{
				name: 'Per Session',
				value: 'session',
				description: "Each session uses its creditPolicy ID, else the schedule's defaultPolicy",
			},
			{
				name: 'One Policy for the Event',
				value: 'event',
				description: 'The single policy given applies to every session',
			},
		],
		default: 'session',
	},
	{
		displayName: 'Output',
		name: 'decisionOutput',
		type: 'options',
		noDataExpression: true,
		displayOptions: credit,
		options: [
			{
				name: 'One Item per Attendee and Session',
				value: 'session',
				description: 'A decision per session (or combined program), with its signals',
			},
			{
				name: 'One Item per Attendee (Event Roll-Up)',
				value: 'attendee',
				description:
					'The credited sessions, their exact total and an evidence digest; the full evidence as a JSON file in binary property "evidence". For one certificate per attendee and the ledger.',
			},
		],
		default: 'session',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: credit,
		default: {},
		options: [
			{
				displayName: 'Include Evidence',
				name: 'includeEvidence',
				type: 'boolean',
				default: true,
				description:
					'Whether each decision carries the signals behind it (what the Attendee Evidence report lists); per attendee, as the attached evidence file',
			},
			{
				displayName: 'Registrations',
				name: 'registrations',
				type: 'json',
				default: '[]',
				hint: 'Example: [{"attendeeId": "ada@example.com", "sessionId": "A1"}]',
				description:
					'Registered attendees; those without any evidence get a No Credit decision (NO_ATTENDANCE_RECORDED) instead of none',
			},
		],
	},
];
