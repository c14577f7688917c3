import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	routeOperation,
	type OperationModule,
	type OperationTable,
} from '../../kit/operation-router';
import { pairedWithAll, runFailure, type ItemPlan } from '../../kit/per-item';
import { explainLedgerError } from '../helpers/errors';
import { openLedger, type OpenedLedger } from '../transport/open-ledger';
import * as evidenceBundle from './credential/evidenceBundle.operation';
import * as goLive from './credential/goLive.operation';
import * as publicStatus from './credential/publicStatus.operation';
import * as reconcileCpe from './credential/reconcileCpe.operation';
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
import * as dueRetries from './queue/dueRetries.operation';
import * as openReviews from './queue/openReviews.operation';
import * as agreement from './report/agreement.operation';
import * as alerts from './report/alerts.operation';
import * as auditPack from './report/auditPack.operation';
import * as dashboard from './report/dashboard.operation';
import * as drift from './report/drift.operation';
import * as metrics from './report/metrics.operation';

interface LedgerWideModule {
	description?: INodeProperties[];
	execute(this: IExecuteFunctions, opened: OpenedLedger): Promise<INodeExecutionData>;
}

/** With Continue On Fail, a ledger-wide failure is one item paired with every input. */
function failedOnce(
	this: IExecuteFunctions,
	plan: ItemPlan,
	cause: unknown,
): INodeExecutionData[][] {
	const error = runFailure.call(this, plan, cause);
	return [[{ json: { error: error.message }, error, pairedItem: pairedWithAll.call(this) }]];
}

/** Ledger-wide operations run once per execution, whatever the number of input items. */
function onceForAll(module: LedgerWideModule): OperationModule<OpenedLedger> {
	return {
		description: module.description,
		async executeAll(opened, plan) {
			try {
				const result = await module.execute.call(this, opened);
				return [[{ ...result, pairedItem: pairedWithAll.call(this) }]];
			} catch (cause) {
				return failedOnce.call(this, plan, cause);
			}
		},
		failRun: failedOnce,
	};
}

interface ListingModule {
	description?: INodeProperties[];
	execute(this: IExecuteFunctions, ledger: OpenedLedger['ledger']): Promise<INodeExecutionData[][]>;
}

/** Listings run once per execution too, but answer one item per credential found, on each output. */
function listing(module: ListingModule): OperationModule<OpenedLedger> {
	return {
		description: module.description,
		async executeAll(opened, plan) {
			try {
				const outputs = await module.execute.call(this, opened.ledger);
				const pairedItem = pairedWithAll.call(this);
				return outputs.map((items) => items.map((item) => ({ ...item, pairedItem })));
			} catch (cause) {
				return failedOnce.call(this, plan, cause);
			}
		},
		failRun: failedOnce,
	};
}

interface WholeInputModule {
	description?: INodeProperties[];
	execute(this: IExecuteFunctions, opened: OpenedLedger): Promise<INodeExecutionData[][]>;
}

/** Operations that judge all input items together and pair their own output items. */
function wholeInput(module: WholeInputModule): OperationModule<OpenedLedger> {
	return {
		description: module.description,
		async executeAll(opened, plan) {
			try {
				return await module.execute.call(this, opened);
			} catch (cause) {
				return failedOnce.call(this, plan, cause);
			}
		},
		failRun: failedOnce,
	};
}

const OPERATIONS: OperationTable<OpenedLedger> = {
	credential: {
		reserve,
		recordDecision,
		record,
		revoke,
		supersede,
		status,
		evidenceBundle,
		publicStatus,
		goLive,
		reconcileCpe: wholeInput(reconcileCpe),
	},
	ledger: {
		verify: onceForAll(verify),
		export: onceForAll(exportLedger),
		erase: onceForAll(erase),
		getPublicKey: onceForAll(getPublicKey),
		repair: onceForAll(repair),
	},
	queue: { openReviews: listing(openReviews), dueRetries: listing(dueRetries) },
	report: {
		metrics: listing(metrics),
		agreement: listing(agreement),
		dashboard: listing(dashboard),
		alerts: listing(alerts),
		drift: listing(drift),
		auditPack,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, {
		operations: OPERATIONS,
		startRun: async () => await openLedger.call(this),
		endRun: (opened) => opened.release(),
		explain: explainLedgerError,
		// A PDF rendered before Record stays on the item, failed or not.
		items: { keepBinary: true },
	});
}
