// In n8n queue mode (EXECUTIONS_MODE=queue) executions run on several workers: an embedded
// ledger, a folder on one host, would give each worker its own chain, so a credential could be
// issued twice. Every operation on embedded storage is refused before the folder is touched;
// Postgres storage, shared by all workers, keeps working; regular mode is unchanged.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { INodeParameters } from 'n8n-workflow';

import {
	POSTGRES,
	RESERVE,
	RESERVE_PARAMS,
	completionItem,
	describePg,
	ledgerFolder,
	pgCredential,
	runLedger,
} from '../support/credential-ledger';

const REFUSAL =
	/^Embedded storage cannot be used in queue mode: each worker would keep its own chain, so a credential could be issued twice\. Set Storage to Postgres with a Credential Ledger Postgres API credential\.$/;

/**
 * Runs `body` as a node of an n8n started with the given EXECUTIONS_MODE. n8n has read its own
 * settings by the time a node runs; only the node's view of the mode changes here.
 */
async function withExecutionsMode<T>(mode: string | undefined, body: () => Promise<T>) {
	const saved = process.env.EXECUTIONS_MODE;
	if (mode === undefined) delete process.env.EXECUTIONS_MODE;
	else process.env.EXECUTIONS_MODE = mode;
	try {
		return await body();
	} finally {
		if (saved === undefined) delete process.env.EXECUTIONS_MODE;
		else process.env.EXECUTIONS_MODE = saved;
	}
}

const queueMode = <T>(body: () => Promise<T>) => withExecutionsMode('queue', body);

/** A folder that does not exist yet: opening an embedded ledger there would create it. */
const freshFolder = () => path.join(ledgerFolder(), 'ledger');
const defaultFolder = () =>
	path.join(process.env.N8N_USER_FOLDER ?? '', '.n8n', 'credential-ledger');

// Each with the parameters n8n requires before it runs the node at all.
const CHANGE = { reason: 'learner request', operator: 'ops@example.org' };
const OPERATIONS: Array<[string, INodeParameters]> = [
	['Reserve', RESERVE_PARAMS],
	[
		'Record',
		{
			resource: 'credential',
			operation: 'record',
			outcome: 'issued',
			platform: 'accredible',
			externalId: 'cred-1',
		},
	],
	['Revoke', { resource: 'credential', operation: 'revoke', ...CHANGE }],
	[
		'Supersede',
		{ resource: 'credential', operation: 'supersede', supersedingKey: 'ik_new', ...CHANGE },
	],
	['Status', { resource: 'credential', operation: 'status' }],
	['Evidence Bundle', { resource: 'credential', operation: 'evidenceBundle' }],
	['Verify', { resource: 'ledger', operation: 'verify' }],
	['Export', { resource: 'ledger', operation: 'export', format: 'jsonl' }],
	['Erase Personal Data', { resource: 'ledger', operation: 'erase', retentionDays: 0 }],
	['Get Public Key', { resource: 'ledger', operation: 'getPublicKey' }],
	['Repair', { resource: 'ledger', operation: 'repair' }],
];

describe('embedded storage in queue mode', () => {
	test.each(OPERATIONS)(
		'%s is refused, saying why and to use Postgres, and the folder is not created',
		async (_name, parameters) => {
			const folder = freshFolder();
			const run = await queueMode(() =>
				runLedger({ folder, items: [completionItem()], parameters }),
			);
			expect(run.status).toBe('error');
			expect(run.error?.message).toMatch(REFUSAL);
			expect(run.error?.description).toMatch(/n8n's own Postgres database works/);
			expect(existsSync(folder)).toBe(false);
		},
	);

	test('the default folder (Folder Path empty) is refused too and not created', async () => {
		expect(existsSync(defaultFolder())).toBe(false);
		const run = await queueMode(() =>
			runLedger({ folder: '', items: [completionItem()], parameters: RESERVE_PARAMS }),
		);
		expect(run.error?.message).toMatch(REFUSAL);
		expect(existsSync(defaultFolder())).toBe(false);
	});

	test('with Continue On Fail, Reserve sends the items to Pending with the refusal, never New', async () => {
		const folder = freshFolder();
		const run = await queueMode(() =>
			runLedger({
				folder,
				items: [completionItem(), completionItem('L-2')],
				parameters: RESERVE_PARAMS,
				settings: { onError: 'continueRegularOutput' },
			}),
		);
		expect(run.outputs[RESERVE.new]).toEqual([]);
		expect(run.outputs[RESERVE.pending].map((item) => item.json.error)).toEqual([
			expect.stringMatching(REFUSAL),
			expect.stringMatching(REFUSAL),
		]);
		expect(existsSync(folder)).toBe(false);
	});
});

describe('regular mode is unchanged', () => {
	test.each([
		['EXECUTIONS_MODE unset', undefined],
		['EXECUTIONS_MODE=regular', 'regular'],
	])('%s: embedded Reserve writes to the folder', async (_name, mode) => {
		const folder = freshFolder();
		const run = await withExecutionsMode(mode, () =>
			runLedger({ folder, items: [completionItem()], parameters: RESERVE_PARAMS }),
		);
		expect(run.error).toBeUndefined();
		expect(run.outputs[RESERVE.new]).toHaveLength(1);
		expect(existsSync(path.join(folder, 'chain.jsonl'))).toBe(true);
	});
});

describePg('Postgres storage in queue mode', () => {
	test('Reserve writes to the shared chain: New, then Pending for the same key', async () => {
		const folder = freshFolder();
		const parameters: INodeParameters = {
			...RESERVE_PARAMS,
			storage: 'postgres',
			tablePrefix: `queue_${randomBytes(5).toString('hex')}`,
		};
		const reserve = () =>
			runLedger({
				folder,
				items: [completionItem()],
				parameters,
				credentials: { [POSTGRES]: pgCredential() },
			});
		const first = await queueMode(reserve);
		expect(first.error).toBeUndefined();
		expect(first.outputs[RESERVE.new]).toHaveLength(1);
		const again = await queueMode(reserve);
		expect(again.outputs[RESERVE.new]).toEqual([]);
		expect(again.outputs[RESERVE.pending]).toHaveLength(1);
		// The folder parameter is ignored for Postgres storage.
		expect(existsSync(folder)).toBe(false);
	});
});
