// The same node on Postgres storage (queue mode): a real server from LEDGER_PG_URL. In CI a
// missing URL fails these tests (nothing is skipped there); elsewhere they are skipped.
import { randomBytes } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameters,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeType,
} from 'n8n-workflow';

import {
	POSTGRES,
	RESERVE,
	RESERVE_PARAMS,
	completionItem,
	describePg,
	ledgerFolder,
	ledgerOf,
	pgCredential,
	runLedger,
	LEDGER_TYPE,
} from '../support/credential-ledger';
import { loadNodeTypes } from '../support/node-types';

const PG_URL = process.env.LEDGER_PG_URL;

describePg('Credential Ledger on Postgres', () => {
	// Every test gets its own tables; the folder parameter is ignored for Postgres storage.
	const storage = (): INodeParameters => ({
		storage: 'postgres',
		tablePrefix: `node_${randomBytes(5).toString('hex')}`,
	});
	const run = (parameters: INodeParameters, items: IDataObject[], credential = pgCredential()) =>
		runLedger({
			folder: ledgerFolder(),
			items,
			parameters,
			credentials: { [POSTGRES]: credential },
		});

	test('reserve, record issued, then Already Issued; the chain verifies', async () => {
		const tables = storage();
		const reserved = await run({ ...RESERVE_PARAMS, ...tables }, [completionItem()]);
		expect(reserved.outputs[RESERVE.new]).toHaveLength(1);
		const recorded = await run(
			{
				...tables,
				resource: 'credential',
				operation: 'record',
				outcome: 'issued',
				platform: 'credly',
				externalId: 'badge-1',
			},
			reserved.outputs[RESERVE.new].map((item) => item.json),
		);
		expect(ledgerOf(recorded.outputs[0][0])).toMatchObject({ recorded: 'issued', seq: 3 });
		const again = await run({ ...RESERVE_PARAMS, ...tables }, [completionItem()]);
		expect(ledgerOf(again.outputs[RESERVE.already_issued][0])).toMatchObject({
			status: 'already_issued',
			credential: { platform: 'credly', externalId: 'badge-1' },
		});
		const status = await run(
			{
				...tables,
				resource: 'credential',
				operation: 'status',
				lookupBy: 'learner',
				learnerId: 'L-1',
			},
			[{}],
		);
		expect(ledgerOf(status.outputs[0][0])).toMatchObject({ found: true });
		const verify = await run({ ...tables, resource: 'ledger', operation: 'verify' }, [{}]);
		expect(verify.outputs[0][0].json).toMatchObject({
			ok: true,
			entries: 3,
			location: `postgres:${String(tables.tablePrefix)}`,
		});
	});

	test('5 executions in parallel, 10 items each over 20 keys: exactly 20 New', async () => {
		const tables = storage();
		const items = (offset: number) =>
			Array.from({ length: 10 }, (_, i) => completionItem(`L-${(offset + i) % 20}`));
		const runs = await Promise.all(
			Array.from({ length: 5 }, (_, i) => run({ ...RESERVE_PARAMS, ...tables }, items(i * 7))),
		);
		const fresh = runs.flatMap((result) => result.outputs[RESERVE.new]);
		expect(fresh).toHaveLength(20);
		expect(new Set(fresh.map((item) => ledgerOf(item).key)).size).toBe(20);
		const verify = await run({ ...tables, resource: 'ledger', operation: 'verify' }, [{}]);
		expect(verify.outputs[0][0].json).toMatchObject({ ok: true, entries: 40 });
	});

	test('export JSONL from Postgres holds every signed entry', async () => {
		const tables = storage();
		const reserved = await run({ ...RESERVE_PARAMS, ...tables }, [
			completionItem(),
			completionItem('L-2'),
		]);
		expect(reserved.outputs[RESERVE.new]).toHaveLength(2);
		const exported = await run(
			{ ...tables, resource: 'ledger', operation: 'export', format: 'jsonl' },
			[{}],
		);
		const binary = exported.outputs[0][0].binary?.data;
		const lines = Buffer.from(String(binary?.data), 'base64')
			.toString('utf8')
			.split('\n')
			.filter(Boolean);
		expect(lines.map((line) => (JSON.parse(line) as { seq: number }).seq)).toEqual([1, 2, 3, 4]);
	});

	test("another session holding the head row fails Reserve within the credential's Lock Timeout, saying what to do", async () => {
		const tables = storage();
		const credential = { ...pgCredential(), lockTimeoutSeconds: 0.3 };
		const first = await run({ ...RESERVE_PARAMS, ...tables }, [completionItem()], credential);
		expect(first.outputs[RESERVE.new]).toHaveLength(1);
		const { Client } = await import('pg');
		const holder = new Client({ connectionString: PG_URL });
		await holder.connect();
		try {
			await holder.query('BEGIN');
			await holder.query(`SELECT seq FROM "${String(tables.tablePrefix)}_head" FOR UPDATE`);
			const started = Date.now();
			const blocked = await run(
				{ ...RESERVE_PARAMS, ...tables },
				[completionItem('L-2')],
				credential,
			);
			expect(Date.now() - started).toBeLessThan(10_000);
			expect(blocked.status).toBe('error');
			expect(blocked.error?.message).toMatch(
				/Another PostgreSQL session held the ledger's head row .* for more than 0\.3 s \(lock timeout\)/,
			);
			expect(blocked.error?.description).toMatch(
				/pg_stat_activity .* Lock Timeout \(Seconds\) in the Credential Ledger Postgres credential/,
			);
		} finally {
			await holder.query('ROLLBACK');
			await holder.end();
		}
	});

	test('a wrong password fails with the server message, never the password', async () => {
		const credential = { ...pgCredential(), password: 'wrong-password-xyz' };
		const result = await run({ ...RESERVE_PARAMS, ...storage() }, [completionItem()], credential);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/password authentication failed/);
		expect(JSON.stringify(result.workflowRun.run)).not.toContain('wrong-password-xyz');
	});

	test('the Postgres credential test connects, and reports a wrong password', async () => {
		const nodeType = (await loadNodeTypes()).getByName(LEDGER_TYPE) as INodeType;
		const method = nodeType.methods?.credentialTest?.credentialLedgerPostgresTest;
		if (!method) throw new Error('the node declares no credentialLedgerPostgresTest');
		const probe = (data: ICredentialDataDecryptedObject) =>
			method.call(
				{} as ICredentialTestFunctions,
				{
					id: '1',
					name: 'pg',
					type: POSTGRES,
					data,
				} as ICredentialsDecrypted,
			);
		expect(await probe(pgCredential())).toEqual({ status: 'OK', message: 'Connected' });
		const wrong = await probe({ ...pgCredential(), password: 'wrong-password-xyz' });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/password authentication failed/);
		expect(wrong.message).not.toContain('wrong-password-xyz');
	});
});
