import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { STATUS_LIST_FETCH } from '../../core/domain/ledger';
import { OpenBadgeError, statusListCacheControl } from '../../core/domain/open-badges';
import { updateDisplayOptions } from '../../kit/display-options';
import type { BadgeRun } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Status Purpose',
		name: 'statusPurpose',
		type: 'options',
		options: [
			{ name: 'Revocation', value: 'revocation' },
			{ name: 'Suspension', value: 'suspension' },
		],
		default: 'revocation',
		description: 'Usually taken from the path the verifier called',
	},
	{
		displayName: 'List Number',
		name: 'listNumber',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'Usually taken from the path the verifier called (the number after the purpose)',
	},
	{
		displayName: 'Count Lookup',
		name: 'countLookup',
		type: 'boolean',
		default: true,
		description:
			"Whether to count this list served in the Credential Ledger's Get Metrics (statusListFetches, by hour; nothing about the verifier). The count is written behind the answer, never delaying it; one that fails is logged and kept for the next write.",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['badge'], operation: ['getStatusList'] } },
	properties,
);

/**
 * The signed status list credential, for a Respond to Webhook node to serve as is, with the
 * Cache-Control header it should carry (its ttl, never past its validUntil).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: BadgeRun,
	item: INodeExecutionData,
): Promise<IDataObject> {
	if (!run.statusBaseUrl)
		throw new OpenBadgeError(
			'invalid_input',
			'statusBaseUrl',
			'Status List Base URL: give the same URL the Issue operation used',
		);
	const credential = await run
		.badges()
		.statusListCredential(
			this.getNodeParameter('statusPurpose', itemIndex, 'revocation'),
			this.getNodeParameter('listNumber', itemIndex, 0),
		);
	// Counted behind the answer: a slow or failing count store never delays the list.
	if (this.getNodeParameter('countLookup', itemIndex, true) as boolean)
		run.opened.ledger.lookups.count(STATUS_LIST_FETCH);
	return {
		...item.json,
		statusListCredential: credential as IDataObject,
		cacheControl: statusListCacheControl(credential, Date.now()),
	};
}
