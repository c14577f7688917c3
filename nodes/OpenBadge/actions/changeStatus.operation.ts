import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { StatusAction } from '../../core/domain/open-badges';
import { updateDisplayOptions } from '../../kit/display-options';
import { optionalText } from '../../kit/text';
import type { BadgeRun } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Credential ID',
		name: 'credentialId',
		type: 'string',
		default: '={{ $json.openBadge?.credentialId }}',
		required: true,
		placeholder: 'urn:uuid:...',
		description: 'The ID the Issue operation returned',
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		required: true,
		description: 'Kept in the ledger; verifiers only see the status bit',
	},
	{
		displayName: 'Operator',
		name: 'operator',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'ops@example.org',
		description: 'Who decided this, as the ledger records it',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['badge'], operation: ['revoke', 'suspend', 'unsuspend'] } },
	properties,
);

/** Revoke, Suspend and Reinstate: one status bit flipped and one ledger entry each. */
export function changeStatus(action: StatusAction) {
	return async function execute(
		this: IExecuteFunctions,
		itemIndex: number,
		run: BadgeRun,
		item: INodeExecutionData,
	): Promise<IDataObject> {
		const text = (name: string) => optionalText(this.getNodeParameter(name, itemIndex, '')) ?? '';
		const result = await run
			.badges()
			.changeStatus(this.getNodeParameter('credentialId', itemIndex, ''), action, {
				reason: text('reason'),
				operator: text('operator'),
			});
		return {
			...item.json,
			openBadge: {
				action,
				credentialId: result.credentialId,
				key: result.key,
				ledgerSeq: result.entry.seq,
			},
		};
	};
}
