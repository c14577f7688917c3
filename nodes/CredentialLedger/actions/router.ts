import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ledgerNodeError } from '../helpers/errors';
import { pairedWithAll } from '../helpers/items';
import { openLedger, type OpenedLedger } from '../transport/open-ledger';
import * as evidenceBundle from './credential/evidenceBundle.operation';
import * as record from './credential/record.operation';
import * as reserve from './credential/reserve.operation';
import * as revoke from './credential/revoke.operation';
import * as status from './credential/status.operation';
import * as supersede from './credential/supersede.operation';
import * as erase from './ledger/erase.operation';
import * as exportLedger from './ledger/export.operation';
import * as getPublicKey from './ledger/getPublicKey.operation';
import * as repair from './ledger/repair.operation';
import * as verify from './ledger/verify.operation';

const perItem = { reserve, record, revoke, supersede, status, evidenceBundle };
const ledgerWide = { verify, export: exportLedger, erase, getPublicKey, repair };

/** Outputs the node declares for this operation: Reserve has three, the rest one. */
function outputCount(operation: string): number {
	return operation === 'reserve' ? 3 : 1;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const items = this.getInputData();
	const outputs = (): INodeExecutionData[][] =>
		Array.from({ length: outputCount(operation) }, () => []);
	// With Continue On Fail, a ledger that cannot be opened fails every item, never issues one.
	const failAll = (caught: unknown, failedOutput: number): INodeExecutionData[][] => {
		const error = ledgerNodeError(this.getNode(), caught);
		if (!this.continueOnFail()) throw error;
		const result = outputs();
		result[failedOutput] = items.map((item, index) => ({
			json: { ...item.json, error: error.message },
			error,
			pairedItem: { item: index },
		}));
		return result;
	};

	let opened: OpenedLedger;
	try {
		opened = await openLedger.call(this);
	} catch (caught) {
		return failAll(caught, operation === 'reserve' ? reserve.RESERVE_OUTPUT.pending : 0);
	}

	if (operation in perItem) {
		return await perItem[operation as keyof typeof perItem].execute.call(this, opened.ledger);
	}
	if (!(operation in ledgerWide)) {
		throw ledgerNodeError(this.getNode(), new Error(`The operation "${operation}" is not known`));
	}
	// Ledger-wide operations run once per execution, whatever the number of input items.
	let result: Pick<INodeExecutionData, 'json' | 'binary'>;
	try {
		result = await ledgerWide[operation as keyof typeof ledgerWide].execute.call(this, opened);
	} catch (caught) {
		const error = ledgerNodeError(this.getNode(), caught);
		if (!this.continueOnFail()) throw error;
		return [[{ json: { error: error.message }, error, pairedItem: pairedWithAll.call(this) }]];
	}
	return [[{ ...result, pairedItem: pairedWithAll.call(this) }]];
}
