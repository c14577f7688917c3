import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemParameter } from '../../../kit/item-parameter';

/** The key of a reserved credential, by default the one Reserve put on the item. */
export const keyProperty: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '={{ $json.ledger.key }}',
	required: true,
	description: 'The key Reserve returned for this credential',
};

/** Public output of a written entry: no evidence, only what the chain holds. */
export function entryResult(entry: {
	key: string;
	seq: number;
	type: string;
	at: string;
	hash: string;
}): Record<string, unknown> {
	return {
		key: entry.key,
		recorded: entry.type,
		seq: entry.seq,
		at: entry.at,
		hash: entry.hash,
		entry,
	};
}

/** The Idempotency Key parameter as text; an expression that found nothing gives "". */
export function keyParameter(this: IExecuteFunctions, itemIndex: number): string {
	// Read straight from the item when mapped as is (the default), not through n8n's sandbox.
	const value = itemParameter.call(this, 'idempotencyKey', itemIndex, '');
	return value === undefined || value === null ? '' : String(value);
}
