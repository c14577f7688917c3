// Signing keys never leave the node: not in outputs, errors, the chain or the evidence; the
// credential test checks that a key parses without echoing it.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
	INodeType,
	IVersionedNodeType,
} from 'n8n-workflow';

import {
	ED25519,
	HMAC_SECRET,
	LEDGER_TYPE,
	SIGNING,
	completionItem,
	derivedKey,
	ed25519Key,
	hmacKey,
	ledgerFolder,
	reserveAndIssue,
	runLedger,
} from '../support/credential-ledger';
import { loadNodeTypes } from '../support/node-types';

/** The base64 body of the private key PEM: the part that is secret. */
const PRIVATE_BODY = ED25519.privateKeyPem
	.split('\n')
	.filter((line) => line && !line.startsWith('-----'));

function expectNoSecret(text: string): void {
	for (const part of [...PRIVATE_BODY, HMAC_SECRET, 'too-short-secret'.slice(0, 9)]) {
		expect(text).not.toContain(part);
	}
}

function folderText(folder: string): string {
	const parts: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else parts.push(readFileSync(full, 'utf8'));
		}
	};
	walk(folder);
	return parts.join('\n');
}

const OPERATIONS = [
	{ resource: 'credential', operation: 'status', idempotencyKey: derivedKey() },
	{ resource: 'credential', operation: 'evidenceBundle', idempotencyKey: derivedKey() },
	{ resource: 'ledger', operation: 'verify' },
	{ resource: 'ledger', operation: 'export', format: 'jsonl' },
	{ resource: 'ledger', operation: 'export', format: 'csv' },
	{ resource: 'ledger', operation: 'getPublicKey' },
	{ resource: 'ledger', operation: 'erase', retentionDays: 0 },
];

describe('Credential Ledger: keys stay secret', () => {
	test.each([
		['Ed25519', ed25519Key()],
		['HMAC-SHA256', hmacKey()],
	])(
		'%s: no output, error, chain line or evidence file contains the key',
		async (_name, signing) => {
			const folder = ledgerFolder();
			const { reserved, recorded } = await reserveAndIssue(folder, [completionItem()], signing);
			const seen = [
				JSON.stringify(reserved.workflowRun.run),
				JSON.stringify(recorded.workflowRun.run),
			];
			for (const parameters of OPERATIONS) {
				const run = await runLedger({ folder, items: [{}], parameters, signing });
				seen.push(JSON.stringify(run.workflowRun.run));
				for (const item of run.outputs[0] ?? []) {
					for (const binary of Object.values(item.binary ?? {})) {
						seen.push(Buffer.from(binary.data, 'base64').toString('utf8'));
					}
				}
			}
			expectNoSecret(seen.join('\n'));
			expectNoSecret(folderText(folder));
		},
	);

	test.each([
		['a short HMAC secret', { ...hmacKey(), secret: 'too-short-secret'.slice(0, 9) }, /too short/],
		[
			'a PEM that is not a private key',
			{
				...ed25519Key(),
				privateKey: `-----BEGIN PRIVATE KEY-----\n${HMAC_SECRET}\n-----END PRIVATE KEY-----`,
			},
			/could not be read/,
		],
		['HMAC without a key id', { ...hmacKey(), keyId: '' }, /no Key ID/],
	])('%s fails with a message that does not echo the key', async (_name, signing, message) => {
		const run = await runLedger({
			folder: ledgerFolder(),
			items: [completionItem()],
			parameters: { resource: 'ledger', operation: 'verify' },
			signing,
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(message);
		expectNoSecret(JSON.stringify(run.workflowRun.run));
	});
});

describe('Credential Ledger: the signing credential test', () => {
	async function testCredential(data: Record<string, unknown>): Promise<INodeCredentialTestResult> {
		const nodeType = (await loadNodeTypes()).getByName(LEDGER_TYPE) as
			| INodeType
			| IVersionedNodeType;
		const method = (nodeType as INodeType).methods?.credentialTest?.credentialLedgerSigningKeyTest;
		if (!method) throw new Error('the node declares no credentialLedgerSigningKeyTest');
		const credential = { id: '1', name: 'key', type: SIGNING, data } as ICredentialsDecrypted;
		return await method.call({} as ICredentialTestFunctions, credential);
	}

	test('a good Ed25519 key passes and names its key id', async () => {
		expect(await testCredential(ed25519Key())).toEqual({
			status: 'OK',
			message: 'ed25519 key "node-test-ed25519" works',
		});
	});

	test('a good HMAC key with a retired key passes', async () => {
		const result = await testCredential({
			...hmacKey(),
			retiredSecrets: JSON.stringify([
				{ keyId: 'old', algorithm: 'ed25519', publicKey: ED25519.publicKeyPem },
			]),
		});
		expect(result).toEqual({
			status: 'OK',
			message: 'hmac-sha256 key "node-test-hmac" works (1 retired key)',
		});
	});

	test.each([
		[
			'an unreadable private key',
			{ ...ed25519Key(), privateKey: 'garbage' },
			/Ed25519 private key could not be read/,
		],
		[
			'malformed retired keys',
			{ ...hmacKey(), retiredSecrets: '[{' },
			/Retired Keys .* not valid JSON/,
		],
		['a short secret', { ...hmacKey(), secret: 'short' }, /too short/],
	])('%s fails without echoing the key', async (_name, data, message) => {
		const result = await testCredential(data);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expectNoSecret(result.message);
		expect(result.message).not.toContain('garbage');
	});
});
