import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { openLedger } from '../../CredentialLedger/transport/open-ledger';
import { routeOperation, type OperationTable } from '../../kit/operation-router';
import { explainBadgeError } from '../helpers/errors';
import { ISSUER_CREDENTIAL, issuerOf } from '../transport/issuer';
import * as changeStatusOperation from './changeStatus.operation';
import { badgeRun, type BadgeRun } from './common';
import * as issue from './issue.operation';
import * as statusList from './statusList.operation';
import * as verify from './verify.operation';

const { changeStatus } = changeStatusOperation;

const OPERATIONS: OperationTable<BadgeRun> = {
	badge: {
		issue,
		revoke: { execute: changeStatus('revoke') },
		suspend: { execute: changeStatus('suspend') },
		unsuspend: { execute: changeStatus('unsuspend') },
		getStatusList: statusList,
		verify,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, {
		operations: OPERATIONS,
		startRun: async () => {
			const issuer = await issuerOf(await this.getCredentials(ISSUER_CREDENTIAL));
			const opened = await openLedger.call(this);
			return badgeRun.call(this, opened, issuer);
		},
		endRun: (run) => run.opened.release(),
		explain: explainBadgeError,
	});
}
