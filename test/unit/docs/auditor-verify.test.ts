import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { CredentialLedger, ed25519Signer, generateEd25519KeyPair } from '../../../nodes/core/domain/ledger';
import { EmbeddedStore } from '../../../nodes/core/integrations/ledger-storage';
import { decision, removeTempFolders, tempFolder } from '../ledger/support/fixtures';

// The operations guide tells auditors how to verify an export with nothing but Node.js: the
// script it shows must accept a real export and name the first bad entry of a forged one.
const guide = readFileSync(join(__dirname, '../../../docs/operations.md'), 'utf8');

function auditorScript(): string {
	const section = guide.split('### How an auditor verifies an export')[1] ?? '';
	const block = /```js\n([\s\S]*?)```/.exec(section);
	if (!block) {
		throw new Error('docs/operations.md has no js block under "How an auditor verifies an export"');
	}
	return block[1];
}

afterAll(removeTempFolders);

describe('operations guide: how an auditor verifies an export', () => {
	it('the script verifies a real JSONL export and names the first forged entry', async () => {
		const keys = generateEd25519KeyPair();
		const folder = tempFolder();
		const store = await EmbeddedStore.open({
			folder,
			signer: ed25519Signer({ privateKeyPem: keys.privateKeyPem, keyId: 'audit-key' }),
			durability: 'write',
		});
		const ledger = new CredentialLedger({ store });
		await ledger.reserve('k-1', decision('L-ü', 'C-1', { dataPoints: { score: 92.5, z: 0 } }), {
			evidence: { name: 'Ana Lima' },
		});
		await ledger.record('k-1', 'issued', { platform: 'accredible', externalId: 'c-1' }, 'ops');
		await ledger.revoke('k-1', { reason: 'issued in error', operator: 'registrar' });
		const work = tempFolder();
		const script = join(work, 'verify-ledger.mjs');
		writeFileSync(script, auditorScript());
		writeFileSync(join(work, 'public-key.pem'), keys.publicKeyPem);
		const jsonl = await ledger.exportJsonl();
		await store.close();

		// A worker thread runs the script as a separate ES module, with its own argv and exit code.
		const run = (text: string) => {
			const chain = join(work, 'chain.jsonl');
			writeFileSync(chain, text);
			const worker = new Worker(script, {
				argv: [chain, join(work, 'public-key.pem')],
				stdout: true,
			});
			let stdout = '';
			worker.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
			return new Promise<{ stdout: string; status: number }>((resolve, reject) => {
				worker.on('error', reject);
				worker.on('exit', (status) => resolve({ stdout, status }));
			});
		};
		const good = await run(jsonl);
		expect(good.stdout).toMatch(/^ok: 4 entries, head [0-9a-f]{64}/);
		expect(good.status).toBe(0);
		const forged = await run(jsonl.replace('"c-1"', '"c-2"'));
		expect(forged.stdout).toMatch(/NOT OK: entry 3 is the first bad entry/);
		expect(forged.status).toBe(1);
	});
});
