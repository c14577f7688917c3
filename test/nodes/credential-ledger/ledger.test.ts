// Ledger-wide operations: Verify (intact, tampered, another key refused, rotation), Export (CSV with
// formula injection neutralised, raw JSONL an auditor verifies with the public key), Get
// Public Key, Repair, and refusals on a damaged chain.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { INodeExecutionData } from 'n8n-workflow';

import {
	generateEd25519KeyPair,
	verifierFromPublicKey,
	verifyChain,
	type StoredLine,
} from '../../../nodes/core/domain/ledger';
import {
	ED25519,
	RESERVE,
	RESERVE_PARAMS,
	completionItem,
	derivedKey,
	ed25519Key,
	hmacKey,
	issuedLedger,
	ledgerFolder,
	reserveAndIssue,
	runLedger,
} from '../support/credential-ledger';

const VERIFY = { resource: 'ledger', operation: 'verify' };
const chainPath = (folder: string) => path.join(folder, 'chain.jsonl');

function binaryText(item: INodeExecutionData, field = 'data'): string {
	const binary = item.binary?.[field];
	if (!binary) throw new Error(`no binary field ${field}`);
	return Buffer.from(binary.data, 'base64').toString('utf8');
}

/** What an auditor does with an export: no n8n, only the JSONL and the public key. */
async function auditorVerifies(jsonl: string, publicKeyPem: string, keyId: string) {
	const lines: StoredLine[] = [];
	let offset = 0;
	jsonl
		.split('\n')
		.filter(Boolean)
		.forEach((text, index) => {
			lines.push({ text, offset, lineNumber: index + 1, complete: true });
			offset += Buffer.byteLength(text) + 1;
		});
	return await verifyChain(
		async function* () {
			yield lines;
		},
		{ keyring: [verifierFromPublicKey(publicKeyPem, keyId)] },
	);
}

describe('Credential Ledger: Verify', () => {
	test('an intact chain verifies, with its head and key ids', async () => {
		const folder = await issuedLedger([completionItem(), completionItem('L-2')]);
		const run = await runLedger({ folder, items: [{}, {}], parameters: VERIFY });
		expect(run.outputs[0]).toHaveLength(1);
		const [item] = run.outputs[0];
		expect(item.json).toMatchObject({
			ok: true,
			entries: 6,
			head: { seq: 6 },
			location: folder,
			keyIds: ['node-test-ed25519'],
		});
		expect(item.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('an edited entry is reported by seq and kind', async () => {
		const folder = await issuedLedger();
		const text = readFileSync(chainPath(folder), 'utf8');
		writeFileSync(chainPath(folder), text.replace('"cred-L-1"', '"cred-L-9"'));
		const run = await runLedger({ folder, items: [{}], parameters: VERIFY });
		expect(run.outputs[0][0].json).toMatchObject({
			ok: false,
			seq: 3,
			kind: 'edited',
			lineNumber: 3,
		});

		const strict = await runLedger({
			folder,
			items: [{}],
			parameters: { ...VERIFY, verifyOptions: { failWhenBroken: true } },
		});
		expect(strict.error?.message).toMatch(/does not verify: entry 3 is edited/);
	});

	// A chain signed by keys outside the keyring is reported as bad_signature by the verifier
	// (unit tests); through the node, a folder only opens with the key it is bound to.
	test('verifying with a different key is refused: the folder belongs to its key', async () => {
		const folder = await issuedLedger();
		const other = generateEd25519KeyPair();
		const run = await runLedger({
			folder,
			items: [{}],
			parameters: VERIFY,
			signing: ed25519Key('another-key', other.privateKeyPem),
		});
		expect(run.error?.message).toMatch(/belongs to another signing key/);
	});

	test('after a key rotation the retired public key keeps older entries verifiable', async () => {
		const folder = await issuedLedger();
		const next = generateEd25519KeyPair();
		const rotated = {
			...ed25519Key('key-2027', next.privateKeyPem),
			retiredSecrets: JSON.stringify([
				{ keyId: 'node-test-ed25519', algorithm: 'ed25519', publicKey: ED25519.publicKeyPem },
			]),
		};
		await reserveAndIssue(folder, [completionItem('L-2')], rotated);
		const run = await runLedger({ folder, items: [{}], parameters: VERIFY, signing: rotated });
		expect(run.outputs[0][0].json).toMatchObject({
			ok: true,
			entries: 6,
			keyIds: ['key-2027', 'node-test-ed25519'],
		});
		const withoutRetired = await runLedger({
			folder,
			items: [{}],
			parameters: VERIFY,
			signing: ed25519Key('key-2027', next.privateKeyPem),
		});
		expect(withoutRetired.outputs[0][0].json).toMatchObject({ ok: false, seq: 1 });
	});
});

describe('Credential Ledger: a damaged chain or a wrong key refuses writes', () => {
	test('a different key under the same key id is refused before anything is written', async () => {
		const folder = await issuedLedger();
		const impostor = generateEd25519KeyPair();
		const run = await runLedger({
			folder,
			items: [completionItem('L-2')],
			parameters: RESERVE_PARAMS,
			signing: ed25519Key('node-test-ed25519', impostor.privateKeyPem),
		});
		expect(run.error?.message).toMatch(
			/signing key named "node-test-ed25519" is not the key that set up this ledger folder/,
		);
		expect(run.error?.description).toMatch(/Credential Ledger Signing Key credential/);
		expect(readFileSync(chainPath(folder), 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
	});

	test('a malformed stored line stops appends and names the line', async () => {
		const folder = await issuedLedger();
		appendFileSync(chainPath(folder), 'this is not an entry\n');
		const run = await runLedger({
			folder,
			items: [completionItem('L-2')],
			parameters: RESERVE_PARAMS,
		});
		expect(run.error?.message).toMatch(/Line 4 of the chain .* cannot be read/);
		const verify = await runLedger({ folder, items: [{}], parameters: VERIFY });
		expect(verify.outputs[0][0].json).toMatchObject({ ok: false, seq: 4, kind: 'malformed' });
	});

	test('a torn last line is refused until Repair moves it aside', async () => {
		const folder = await issuedLedger();
		appendFileSync(chainPath(folder), '{"seq":4,"prevHash":"');
		const refused = await runLedger({
			folder,
			items: [completionItem('L-2')],
			parameters: RESERVE_PARAMS,
		});
		expect(refused.error?.message).toMatch(/incomplete line/);
		expect(refused.error?.description).toMatch(/Repair operation/);

		const repaired = await runLedger({
			folder,
			items: [{}],
			parameters: { resource: 'ledger', operation: 'repair', actor: 'ops-1' },
		});
		expect(repaired.outputs[0][0].json).toMatchObject({ repaired: true });
		const again = await runLedger({
			folder,
			items: [completionItem('L-2')],
			parameters: RESERVE_PARAMS,
		});
		expect(again.outputs[RESERVE.new]).toHaveLength(1);
		const verify = await runLedger({ folder, items: [{}], parameters: VERIFY });
		expect(verify.outputs[0][0].json).toMatchObject({ ok: true });
	});
});

describe('Credential Ledger: Export and Get Public Key', () => {
	test('CSV for auditors: one row per credential, formulas neutralised, as a binary file', async () => {
		const folder = await issuedLedger();
		const reserved = await runLedger({
			folder,
			items: [completionItem('L-2')],
			parameters: RESERVE_PARAMS,
		});
		await runLedger({
			folder,
			// Values from a platform response: a spreadsheet would run them as formulas.
			items: reserved.outputs[RESERVE.new].map((item) => ({
				...item.json,
				platform: '=HYPERLINK("http://evil.example","x")',
				id: '@SUM(1+1)',
			})),
			parameters: {
				resource: 'credential',
				operation: 'record',
				outcome: 'issued',
				platform: '={{ $json.platform }}',
				externalId: '={{ $json.id }}',
			},
		});
		const run = await runLedger({
			folder,
			items: [{}],
			parameters: { resource: 'ledger', operation: 'export', format: 'csv', fileName: 'audit.csv' },
		});
		const [item] = run.outputs[0];
		expect(item.binary?.data).toMatchObject({ fileName: 'audit.csv', mimeType: 'text/csv' });
		expect(item.json).toMatchObject({ format: 'csv', fileName: 'audit.csv', head: { seq: 6 } });
		const rows = binaryText(item).trimEnd().split('\r\n');
		expect(rows).toHaveLength(3);
		expect(rows[0]).toMatch(/^key,learner_id,course_id,status,platform,external_id/);
		expect(rows[1]).toContain(`${derivedKey()},L-1,SAFE-101,issued,accredible,cred-L-1`);
		expect(rows[2]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")",'@SUM(1+1)`);
	});

	test('JSONL chain plus the public key: an auditor verifies the export without n8n', async () => {
		const folder = await issuedLedger([completionItem(), completionItem('L-2')]);
		const exported = await runLedger({
			folder,
			items: [{}],
			parameters: {
				resource: 'ledger',
				operation: 'export',
				format: 'jsonl',
				binaryPropertyName: 'chain',
			},
		});
		const [item] = exported.outputs[0];
		expect(item.binary?.chain).toMatchObject({ mimeType: 'application/x-ndjson' });
		expect(String(item.binary?.chain.fileName)).toMatch(
			/^credential-ledger-\d{4}-\d{2}-\d{2}\.jsonl$/,
		);
		const jsonl = binaryText(item, 'chain');
		expect(jsonl.split('\n').filter(Boolean)).toHaveLength(6);

		const key = await runLedger({
			folder,
			items: [{}],
			parameters: { resource: 'ledger', operation: 'getPublicKey' },
		});
		const { publicKeyPem, keyId, algorithm } = key.outputs[0][0].json as Record<string, string>;
		expect(algorithm).toBe('ed25519');
		expect(publicKeyPem).toBe(ED25519.publicKeyPem);
		expect(item.json.publicKeyPem).toBe(publicKeyPem);
		expect(await auditorVerifies(jsonl, publicKeyPem, keyId)).toMatchObject({
			ok: true,
			entries: 6,
		});

		const forged = jsonl.replace('"cred-L-2"', '"cred-L-X"');
		expect(await auditorVerifies(forged, publicKeyPem, keyId)).toMatchObject({
			ok: false,
			seq: 6,
			kind: 'edited',
		});
	});

	test('Get Public Key with an HMAC key explains there is none', async () => {
		const folder = ledgerFolder();
		const run = await runLedger({
			folder,
			items: [{}],
			parameters: { resource: 'ledger', operation: 'getPublicKey' },
			signing: hmacKey(),
		});
		expect(run.error?.message).toMatch(/HMAC-SHA256, which has no public key/);
	});

	test('with Continue On Fail an unreadable key fails a ledger-wide operation once', async () => {
		const run = await runLedger({
			folder: ledgerFolder(),
			items: [{}, {}, {}],
			parameters: VERIFY,
			signing: { algorithm: 'ed25519', privateKey: 'not a key' },
			settings: { onError: 'continueRegularOutput' },
		});
		expect(run.outputs[0]).toHaveLength(1);
		expect(String(run.outputs[0][0].json.error)).toMatch(/private key could not be read/);
		expect(run.outputs[0][0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('with Continue On Fail a ledger-wide failure is one item with the error', async () => {
		const folder = ledgerFolder();
		const run = await runLedger({
			folder,
			items: [{}, {}],
			parameters: { resource: 'ledger', operation: 'getPublicKey' },
			signing: hmacKey(),
			settings: { onError: 'continueRegularOutput' },
		});
		expect(run.outputs[0]).toHaveLength(1);
		expect(String(run.outputs[0][0].json.error)).toMatch(/no public key/);
		expect(run.outputs[0][0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
