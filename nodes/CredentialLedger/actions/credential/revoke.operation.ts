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

const properties: INodeProperties[] = [...credentialLookupProperties, ...changeProperties];

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
	const entry = await ledger.revoke(key, changeOf.call(this, itemIndex));
	return { ...item.json, ledger: entryResult(entry) as IDataObject };
}
