import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { updateDisplayOptions } from '../../../kit/display-options';
import { optionalText } from '../../../kit/text';
import type { OpenedLedger } from '../../transport/open-ledger';
import { changeProperties } from './change.properties';
import { entryResult } from './key.property';
import { credentialKeyOf, credentialLookupProperties } from './lookup.properties';
import { changeOf } from './revoke.operation';

const byCredential = { show: { replacement: ['credential'] } };

const properties: INodeProperties[] = [
	...credentialLookupProperties,
	{
		displayName: 'Superseded By',
		name: 'replacement',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'A Credential in This Ledger',
				value: 'key',
				description: 'Issued through the ledger: give its idempotency key',
			},
			{
				name: 'A Credential Issued Elsewhere',
				value: 'credential',
				description: 'Give its platform and ID',
			},
		],
		default: 'key',
	},
	{
		displayName: 'Superseding Key',
		name: 'supersedingKey',
		type: 'string',
		default: '',
		required: true,
		description: 'The idempotency key of the replacement credential (it must be issued)',
		displayOptions: { show: { replacement: ['key'] } },
	},
	{
		displayName: 'Platform',
		name: 'supersedingPlatform',
		type: 'string',
		default: '',
		required: true,
		displayOptions: byCredential,
	},
	{
		displayName: 'External ID',
		name: 'supersedingExternalId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: byCredential,
	},
	{
		displayName: 'Credential URL',
		name: 'supersedingUrl',
		type: 'string',
		default: '',
		displayOptions: byCredential,
	},
	...changeProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['supersede'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ ledger }: OpenedLedger,
	item: INodeExecutionData,
): Promise<IDataObject> {
	const text = (name: string) => optionalText(this.getNodeParameter(name, itemIndex, ''));
	const key = await credentialKeyOf.call(this, ledger, itemIndex);
	const replacement =
		this.getNodeParameter('replacement', itemIndex, 'key') === 'credential'
			? {
					newCredential: Object.fromEntries(
						Object.entries({
							platform: text('supersedingPlatform'),
							externalId: text('supersedingExternalId'),
							url: text('supersedingUrl'),
						}).filter(([, value]) => value !== undefined),
					) as { platform: string; externalId: string; url?: string },
				}
			: { newKey: text('supersedingKey') ?? '' };
	const entry = await ledger.supersede(key, {
		...replacement,
		...changeOf.call(this, itemIndex),
	});
	return { ...item.json, ledger: entryResult(entry) as IDataObject };
}
