import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ledgerNodeError } from '../helpers/errors';
import { pairedWithAll } from '../helpers/items';
import { openLedger, type OpenedLedger } from '../transport/open-ledger';
import * as evidenceBundle from './credential/evidenceBundle.operation';
import * as publicStatus from './credential/publicStatus.operation';
import * as record from './credential/record.operation';
import * as recordDecision from './credential/recordDecision.operation';
import * as reserve from './credential/reserve.operation';
import * as revoke from './credential/revoke.operation';
import * as status from './credential/status.operation';
import * as supersede from './credential/supersede.operation';
import * as erase from './ledger/erase.operation';
import * as exportLedger from './ledger/export.operation';
import * as getPublicKey from './ledger/getPublicKey.operation';
import * as repair from './ledger/repair.operation';
import * as verify from './ledger/verify.operation';

const perItem = {
	reserve,
	recordDecision,
	record,
	revoke,
	supersede,
	status,
	evidenceBundle,
	publicStatus,
};
const ledgerWide = { verify, export: exportLedger, erase, getPublicKey, repair };

function isIn<T extends object>(table: T, name: string): name is Extract<keyof T, string> {
	return Object.prototype.hasOwnProperty.call(table, name);
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	if (!isIn(perItem, operation) && !isIn(ledgerWide, operation)) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known`);
	}
	// With Continue On Fail a failure becomes items carrying `error`: per input item for item
	// operations (Reserve's on Pending, never New), one item paired with all for the others.
	const failed = (caught: unknown): INodeExecutionData[][] => {
		const error = ledgerNodeError(this.getNode(), caught);
		if (!this.continueOnFail()) throw error;
		if (!isIn(perItem, operation)) {
			return [[{ json: { error: error.message }, error, pairedItem: pairedWithAll.call(this) }]];
		}
		const failedItems = this.getInputData().map((item, index) => ({
			json: { ...item.json, error: error.message },
			error,
			pairedItem: { item: index },
		}));
		return operation === 'reserve' ? [[], [], failedItems] : [failedItems];
	};

	let opened: OpenedLedger;
	try {
		opened = await openLedger.call(this);
	} catch (caught) {
		return failed(caught);
	}
	try {
		if (isIn(perItem, operation)) {
			return await perItem[operation].execute.call(this, opened.ledger);
		}
		// Ledger-wide operations run once per execution, whatever the number of input items.
		try {
			const result = await ledgerWide[operation].execute.call(this, opened);
			return [[{ ...result, pairedItem: pairedWithAll.call(this) }]];
		} catch (caught) {
			return failed(caught);
		}
	} finally {
		opened.release();
	}
}
