// Private evidence encrypted at rest with the signing credential's Evidence Encryption Key.
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { EvidenceCipher } from '../../../nodes/core/domain/ledger';

import {
	ED25519,
	LEDGER_TYPE,
	POSTGRES,
	SIGNING,
	completionItem,
	derivedKey,
	describePg,
	ed25519Key,
	ledgerFolder,
	ledgerOf,
	pgCredential,
	reserveAndIssue,
	runLedger,
} from '../support/credential-ledger';
import { loadNodeTypes } from '../support/node-types';

const EMAIL = 'ana@example.org';
const KEY_OLD = randomBytes(32).toString('base64');
const KEY_NEW = randomBytes(32).toString('base64');

const signingWith = (evidenceSecretKeys: string): ICredentialDataDecryptedObject => ({
	...ed25519Key(),
	evidenceSecretKeys,
});

function evidenceFiles(folder: string): string[] {
	const dir = path.join(folder, 'evidence');
	return readdirSync(dir).map((file) => readFileSync(path.join(dir, file), 'utf8'));
}

function expectNothingSecret(text: string): void {
	for (const secret of [KEY_OLD, KEY_NEW, ED25519.privateKeyPem.split('\n')[1]]) {
		expect(text).not.toContain(secret);
	}
}

async function bundleOf(folder: string, signing: ICredentialDataDecryptedObject) {
	return await runLedger({
		folder,
		items: [{}],
		parameters: {
			resource: 'credential',
			operation: 'evidenceBundle',
			lookupBy: 'key',
			idempotencyKey: derivedKey(),
		},
		signing,
	});
}

describe('Credential Ledger: evidence encrypted at rest', () => {
	test('evidence files hold no plaintext; the node reads, verifies and erases them as before', async () => {
		const folder = ledgerFolder();
		const signing = signingWith(KEY_OLD);
		const { reserved, recorded } = await reserveAndIssue(folder, [completionItem()], signing);
		expect(reserved.status).toBe('success');
		expect(recorded.status).toBe('success');
		const files = evidenceFiles(folder);
		expect(files).toHaveLength(1);
		for (const text of files) {
			expect(text).toMatch(/^aes-256-gcm:[0-9a-f]{16}:/);
			expect(text).not.toContain(EMAIL);
		}

		const bundle = await bundleOf(folder, signing);
		expect(JSON.stringify(ledgerOf(bundle.outputs[0][0]).evidence)).toContain(EMAIL);
		const verified = await runLedger({
			folder,
			items: [{}],
			parameters: { resource: 'ledger', operation: 'verify' },
			signing,
		});
		expect(verified.outputs[0][0].json).toMatchObject({ ok: true, entries: 3 });
		const erased = await runLedger({
			folder,
			items: [{}],
			parameters: { resource: 'ledger', operation: 'erase', retentionDays: 0 },
			signing,
		});
		expect(erased.outputs[0][0].json).toMatchObject({ erased: 1 });
		expect(evidenceFiles(folder)).toEqual([]);
		for (const run of [reserved, recorded, bundle, verified, erased]) {
			expectNothingSecret(JSON.stringify(run.workflowRun.run));
		}
	});

	test('after a rotation older evidence still reads; without its key the error names the field', async () => {
		const folder = ledgerFolder();
		await reserveAndIssue(folder, [completionItem()], signingWith(KEY_OLD));

		const rotated = await bundleOf(folder, signingWith(`${KEY_NEW}\n${KEY_OLD}`));
		expect(JSON.stringify(ledgerOf(rotated.outputs[0][0]).evidence)).toContain(EMAIL);

		const dropped = await bundleOf(folder, signingWith(KEY_NEW));
		expect(dropped.status).toBe('error');
		expect(dropped.error?.message).toMatch(
			/is encrypted with key [0-9a-f]{16}, which the Evidence Encryption Key field does not hold/,
		);
		const shown = JSON.stringify(dropped.workflowRun.run);
		expect(shown).not.toContain(EMAIL);
		expectNothingSecret(shown);
	});

	test('a malformed key is refused before anything is written, naming the field and line', async () => {
		const folder = ledgerFolder();
		const notAKey = randomBytes(20).toString('base64');
		const run = await runLedger({
			folder,
			items: [completionItem()],
			parameters: { resource: 'credential', operation: 'reserve', credentialTemplate: 'group-7' },
			signing: signingWith(`${KEY_NEW}\n${notAKey}`),
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(
			/Evidence Encryption Key, line 2: the key decodes to 20 bytes/,
		);
		expect(JSON.stringify(run.workflowRun.run)).not.toContain(notAKey);
		expect(readdirSync(folder)).toEqual([]);
	});
});

describe('Credential Ledger: the signing credential test with an Evidence Encryption Key', () => {
	async function testCredential(data: ICredentialDataDecryptedObject) {
		const nodeType = (await loadNodeTypes()).getByName(LEDGER_TYPE) as INodeType;
		const method = nodeType.methods?.credentialTest?.credentialLedgerSigningKeyTest;
		if (!method) throw new Error('the node declares no credentialLedgerSigningKeyTest');
		const credential = { id: '1', name: 'key', type: SIGNING, data } as ICredentialsDecrypted;
		return await method.call({} as ICredentialTestFunctions, credential);
	}

	test('names the id of the key that encrypts, never the key', async () => {
		const result = await testCredential(signingWith(`${KEY_NEW}\n${KEY_OLD}`));
		const keyId = EvidenceCipher.fromKeyList(KEY_NEW)?.currentKeyId;
		expect(result).toEqual({
			status: 'OK',
			message: `ed25519 key "node-test-ed25519" works; evidence is encrypted with key ${keyId}`,
		});
	});

	test('refuses a malformed key naming the field', async () => {
		const result = await testCredential(signingWith('not-a-key'));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Evidence Encryption Key, line 1: the key is not base64/);
		expect(result.message).not.toContain('not-a-key');
	});
});

describePg('Credential Ledger on Postgres: evidence encrypted at rest', () => {
	test('rows hold ciphertext only; the bundle reads the evidence back', async () => {
		const parameters: INodeParameters = {
			storage: 'postgres',
			tablePrefix: `node_${randomBytes(5).toString('hex')}`,
		};
		const signing = signingWith(KEY_OLD);
		const run = (more: INodeParameters, items: IDataObject[]) =>
			runLedger({
				folder: ledgerFolder(),
				items,
				parameters: { ...parameters, ...more },
				signing,
				credentials: { [POSTGRES]: pgCredential() },
			});
		const reserved = await run(
			{ resource: 'credential', operation: 'reserve', credentialTemplate: 'group-7' },
			[completionItem()],
		);
		expect(reserved.status).toBe('success');
		const { Client } = await import('pg');
		const client = new Client({ connectionString: process.env.LEDGER_PG_URL });
		await client.connect();
		try {
			const { rows } = await client.query(
				`SELECT record FROM "${String(parameters.tablePrefix)}_evidence"`,
			);
			expect(rows).toHaveLength(1);
			expect(String(rows[0].record)).toMatch(/^aes-256-gcm:/);
			expect(String(rows[0].record)).not.toContain(EMAIL);
		} finally {
			await client.end();
		}
		const bundle = await run(
			{
				resource: 'credential',
				operation: 'evidenceBundle',
				lookupBy: 'key',
				idempotencyKey: derivedKey(),
			},
			[{}],
		);
		expect(JSON.stringify(ledgerOf(bundle.outputs[0][0]).evidence)).toContain(EMAIL);
	});
});
