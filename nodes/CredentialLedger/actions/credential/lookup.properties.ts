import type { INodeProperties } from 'n8n-workflow';

/** Look up one credential by key, or every credential of one learner. */
export const lookupProperties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Idempotency Key', value: 'key', description: 'One credential' },
			{ name: 'Learner ID', value: 'learner', description: 'Every credential of one learner' },
		],
		default: 'key',
	},
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '={{ $json.ledger.key }}',
		required: true,
		displayOptions: { show: { lookupBy: ['key'] } },
	},
	{
		displayName: 'Learner ID',
		name: 'learnerId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.learner.ID }}',
		displayOptions: { show: { lookupBy: ['learner'] } },
	},
];
