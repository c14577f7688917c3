import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { REVOCATION_CATEGORIES } from '../../../core/domain/ledger';
import { updateDisplayOptions } from '../../../kit/display-options';
import { optionalText } from '../../../kit/text';
import type { OpenedLedger } from '../../transport/open-ledger';
import { changeProperties } from './change.properties';
import { entryResult } from './key.property';
import { credentialKeyOf, credentialLookupProperties } from './lookup.properties';

const CATEGORY_NAMES: Record<(typeof REVOCATION_CATEGORIES)[number], string> = {
	issued_in_error: 'Issued in Error',
	requirements_not_met: 'Requirements Not Met',
	misconduct: 'Misconduct',
	holder_request: 'Requested by the Holder',
	other: 'Other',
};

const properties: INodeProperties[] = [
	...credentialLookupProperties,
	...changeProperties,
	{
		displayName: 'Public Reason Category',
		name: 'category',
		type: 'options',
		options: [
			{ name: 'Unspecified', value: '' },
			...REVOCATION_CATEGORIES.map((value) => ({ name: CATEGORY_NAMES[value], value })),
		],
		default: '',
		description:
			'What the public verification page says about why; the Reason text itself stays in the ledger',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['revoke'] } },
	properties,
);

/** Reads Reason, Operator and Effective At; empty fields are left out so the ledger names them. */
export function changeOf(this: IExecuteFunctions, itemIndex: number) {
	const text = (name: string) => optionalText(this.getNodeParameter(name, itemIndex, ''));
	const at = text('effectiveAt');
	const date = at === undefined ? undefined : new Date(at);
	return {
		reason: text('reason') as string,
		operator: text('operator') as string,
		...(at === undefined
			? {}
			: { at: date && !Number.isNaN(date.getTime()) ? date.toISOString() : at }),
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ ledger }: OpenedLedger,
	item: INodeExecutionData,
): Promise<IDataObject> {
	const key = await credentialKeyOf.call(this, ledger, itemIndex);
	const category = optionalText(this.getNodeParameter('category', itemIndex, ''));
	const entry = await ledger.revoke(key, {
		...changeOf.call(this, itemIndex),
		...(category !== undefined ? { category } : {}),
	});
	return { ...item.json, ledger: entryResult(entry) as IDataObject };
}
