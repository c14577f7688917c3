// Get Status and Get Evidence Bundle: everything about one credential or one learner in one item,
// and Erase Personal Data removing the private evidence while the chain still verifies.
import type { IDataObject } from 'n8n-workflow';

import {
	completionItem,
	derivedKey,
	issuedLedger,
	ledgerFolder,
	ledgerOf,
	runCredentialOperation,
	runLedger,
} from '../support/credential-ledger';

describe('Credential Ledger: Get Status', () => {
	test('by key: one credential with its state and credential', async () => {
		const folder = await issuedLedger();
		const run = await runLedger({
			folder,
			items: [{ ask: 1 }],
			parameters: {
				resource: 'credential',
				operation: 'status',
				lookupBy: 'key',
				idempotencyKey: derivedKey(),
			},
		});
		const [item] = run.outputs[0];
		expect(item.json.ask).toBe(1);
		const ledger = ledgerOf(item);
		expect(ledger).toMatchObject({ key: derivedKey(), found: true });
		expect(ledger.credentials).toEqual([
			expect.objectContaining({
				key: derivedKey(),
				state: 'issued',
				learnerId: 'L-1',
				courseId: 'SAFE-101',
				credential: expect.objectContaining({ platform: 'accredible', externalId: 'cred-L-1' }),
			}),
		]);
	});

	test('by learner: every credential of that learner, one item', async () => {
		const folder = await issuedLedger([
			completionItem('L-1', 'SAFE-101'),
			completionItem('L-1', 'LEAD-201'),
			completionItem('L-2', 'SAFE-101'),
		]);
		const run = await runCredentialOperation(folder, 'status', {
			lookupBy: 'learner',
			learnerId: 'L-1',
		});
		expect(run.outputs[0]).toHaveLength(1);
		const credentials = ledgerOf(run.outputs[0][0]).credentials as IDataObject[];
		expect(credentials.map((status) => status.courseId)).toEqual(['SAFE-101', 'LEAD-201']);
	});

	test('an unknown key is reported as not found, not as an error', async () => {
		const folder = ledgerFolder();
		const run = await runCredentialOperation(folder, 'status', {
			lookupBy: 'key',
			idempotencyKey: 'ik_none',
		});
		expect(ledgerOf(run.outputs[0][0])).toMatchObject({ found: false, credentials: [] });
	});
});

describe('Credential Ledger: Get Evidence Bundle', () => {
	test('by key: decision, rule identity, issuance, private evidence and signed entries', async () => {
		const folder = await issuedLedger();
		const run = await runCredentialOperation(folder, 'evidenceBundle', {
			lookupBy: 'key',
			idempotencyKey: derivedKey(),
		});
		const bundle = ledgerOf(run.outputs[0][0]);
		expect(bundle).toMatchObject({
			key: derivedKey(),
			ruleSetId: 'demo-rules',
			ruleVersion: '1',
			issuance: { platform: 'accredible', externalId: 'cred-L-1' },
			evidence: [
				expect.objectContaining({
					state: 'present',
					record: expect.objectContaining({
						data: expect.objectContaining({
							learner: { id: 'L-1', name: 'Ana Lima', email: 'ana@example.org' },
						}),
					}),
				}),
			],
		});
		expect((bundle.entries as IDataObject[]).map((entry) => entry.type)).toEqual([
			'decided',
			'reserved',
			'issued',
		]);
	});

	test('by learner: one bundle per credential', async () => {
		const folder = await issuedLedger([
			completionItem('L-1', 'SAFE-101'),
			completionItem('L-1', 'LEAD-201'),
		]);
		const run = await runCredentialOperation(folder, 'evidenceBundle', {
			lookupBy: 'learner',
			learnerId: 'L-1',
		});
		const result = ledgerOf(run.outputs[0][0]);
		expect(result.learnerId).toBe('L-1');
		expect((result.bundles as IDataObject[]).map((bundle) => bundle.key)).toEqual([
			derivedKey('L-1', 'SAFE-101'),
			derivedKey('L-1', 'LEAD-201'),
		]);
	});

	test('an unknown key fails naming the Idempotency Key', async () => {
		const folder = ledgerFolder();
		const run = await runCredentialOperation(folder, 'evidenceBundle', {
			lookupBy: 'key',
			idempotencyKey: 'ik_none',
		});
		expect(run.error?.message).toMatch(/No credential with key "ik_none".*check "Idempotency Key"/);
	});
});

describe('Credential Ledger: Erase Personal Data', () => {
	test('removes evidence older than the retention period; the chain still verifies', async () => {
		const folder = await issuedLedger();
		const kept = await runLedger({
			folder,
			items: [{}],
			parameters: { resource: 'ledger', operation: 'erase', retentionDays: 30 },
		});
		expect(kept.outputs[0][0].json).toMatchObject({
			erased: 0,
			retentionDays: { courseCredential: 30, cpeRecord: 1827 },
		});

		const erased = await runLedger({
			folder,
			items: [{}],
			parameters: { resource: 'ledger', operation: 'erase', retentionDays: 0, actor: 'dpo-1' },
		});
		expect(erased.outputs[0][0].json).toMatchObject({ erased: 1, keys: [derivedKey()] });

		const bundle = await runCredentialOperation(folder, 'evidenceBundle', {
			lookupBy: 'key',
			idempotencyKey: derivedKey(),
		});
		const evidence = ledgerOf(bundle.outputs[0][0]).evidence as IDataObject[];
		expect(evidence.map((item) => item.state)).toEqual(['erased']);
		expect(JSON.stringify(bundle.outputs)).not.toContain('ana@example.org');

		const verified = await runLedger({
			folder,
			items: [{}],
			parameters: { resource: 'ledger', operation: 'verify' },
		});
		expect(verified.outputs[0][0].json).toMatchObject({ ok: true, entries: 4 });
	});
});
