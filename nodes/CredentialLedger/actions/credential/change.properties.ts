import type { INodeProperties } from 'n8n-workflow';

/** Reason, operator and effective time: what every governed change records. */
export const changeProperties: INodeProperties[] = [
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		required: true,
		description: 'Why: kept in the chain for auditors (no names or emails)',
	},
	{
		displayName: 'Operator',
		name: 'operator',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. registrar@example.org',
		description: 'The person responsible for this change',
	},
	{
		displayName: 'Effective At',
		name: 'effectiveAt',
		type: 'dateTime',
		default: '',
		description: 'When the change takes effect, if not now',
	},
];
