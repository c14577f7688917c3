// Reserve: the three outputs, derived and explicit keys, stale reservations, bad input that
// writes nothing, and Continue On Fail never sending an item to New.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
	RESERVE,
	RESERVE_PARAMS,
	completionItem,
	derivedKey,
	ledgerFolder,
	ledgerOf,
	pairedIndex,
	reserveAndIssue,
	runLedger,
} from '../support/credential-ledger';

const chainLines = (folder: string) =>
	readFileSync(path.join(folder, 'chain.jsonl'), 'utf8').split('\n').filter(Boolean);

describe('Credential Ledger: Reserve', () => {
	test('a first reservation goes to New with the derived key and attempt 1', async () => {
		const folder = ledgerFolder();
		const run = await runLedger({ folder, items: [completionItem()], parameters: RESERVE_PARAMS });
		expect(run.status).toBe('success');
		expect(run.outputs).toHaveLength(3);
		expect(run.outputs[RESERVE.already_issued]).toEqual([]);
		expect(run.outputs[RESERVE.pending]).toEqual([]);
		const [item] = run.outputs[RESERVE.new];
		expect(item.json.learner).toEqual(completionItem().learner);
		expect(ledgerOf(item)).toMatchObject({
			status: 'new',
			key: derivedKey(),
			attempt: 1,
			reclaimed: false,
		});
		expect(pairedIndex(item)).toBe(0);
		// decided + reserved, and the learner's email stays out of the public chain.
		const lines = chainLines(folder);
		expect(lines.map((line) => JSON.parse(line).type)).toEqual(['decided', 'reserved']);
		expect(lines.join('\n')).not.toContain('ana@example.org');
	});

	test('an issued key goes to Already Issued with the existing credential', async () => {
		const folder = ledgerFolder();
		await reserveAndIssue(folder, [completionItem()]);
		const again = await runLedger({
			folder,
			items: [completionItem()],
			parameters: RESERVE_PARAMS,
		});
		expect(again.outputs[RESERVE.new]).toEqual([]);
		const [item] = again.outputs[RESERVE.already_issued];
		expect(ledgerOf(item)).toMatchObject({
			status: 'already_issued',
			key: derivedKey(),
			state: 'issued',
			credential: {
				platform: 'accredible',
				externalId: 'cred-L-1',
				url: 'https://example.org/c/L-1',
			},
		});
		expect(chainLines(folder)).toHaveLength(3);
	});

	test('a duplicate in the same run goes to Pending as in flight, and writes nothing', async () => {
		const folder = ledgerFolder();
		const run = await runLedger({
			folder,
			items: [completionItem(), completionItem(), completionItem('L-2')],
			parameters: RESERVE_PARAMS,
		});
		expect(run.outputs[RESERVE.new].map(pairedIndex)).toEqual([0, 2]);
		const [pending] = run.outputs[RESERVE.pending];
		expect(pairedIndex(pending)).toBe(1);
		expect(ledgerOf(pending)).toMatchObject({ status: 'pending', reason: 'in_flight', attempt: 1 });
		expect(chainLines(folder)).toHaveLength(4);
	});

	test('a reservation older than the timeout is Pending (stale) until reclaimed', async () => {
		const folder = ledgerFolder();
		// Reserved with a 0-minute timeout: stale for the next Reserve, whatever its own setting.
		const noPatience = { ...RESERVE_PARAMS, reserveOptions: { pendingTimeoutMinutes: 0 } };
		await runLedger({ folder, items: [completionItem()], parameters: noPatience });
		const stale = await runLedger({
			folder,
			items: [completionItem()],
			parameters: { ...RESERVE_PARAMS, reserveOptions: { pendingTimeoutMinutes: 0 } },
		});
		const [pending] = stale.outputs[RESERVE.pending];
		expect(ledgerOf(pending)).toMatchObject({ status: 'pending', reason: 'stale', attempt: 1 });

		// After checking the platform found nothing: reclaim attempt 1 from the Pending item.
		const reclaimed = await runLedger({
			folder,
			items: [pending.json],
			parameters: {
				...RESERVE_PARAMS,
				reserveOptions: {
					pendingTimeoutMinutes: 0,
					reclaimStaleAttempt: '={{ $json.ledger.attempt }}',
				},
			},
		});
		expect(ledgerOf(reclaimed.outputs[RESERVE.new][0])).toMatchObject({
			status: 'new',
			attempt: 2,
			reclaimed: true,
		});
		const types = chainLines(folder).map((line) => JSON.parse(line).type);
		expect(types).toEqual(['decided', 'reserved', 'failed', 'reserved']);
	});

	test('a stale reservation found at the platform is recorded as reconciled, then Already Issued', async () => {
		const folder = ledgerFolder();
		// Reserved with a 0-minute timeout: stale for the next Reserve, whatever its own setting.
		const noPatience = { ...RESERVE_PARAMS, reserveOptions: { pendingTimeoutMinutes: 0 } };
		await runLedger({ folder, items: [completionItem()], parameters: noPatience });
		const stale = await runLedger({
			folder,
			items: [completionItem()],
			parameters: { ...RESERVE_PARAMS, reserveOptions: { pendingTimeoutMinutes: 0 } },
		});
		const [pending] = stale.outputs[RESERVE.pending];
		await runLedger({
			folder,
			items: [pending.json],
			parameters: {
				resource: 'credential',
				operation: 'record',
				outcome: 'issued',
				platform: 'accredible',
				externalId: 'found-at-platform',
				recordOptions: { reconciled: true, attempt: '={{ $json.ledger.attempt }}' },
			},
		});
		const issued = JSON.parse(chainLines(folder)[2]) as { type: string; payload: object };
		expect(issued).toMatchObject({
			type: 'issued',
			payload: { externalId: 'found-at-platform', reconciled: true, attempt: 1 },
		});
		const again = await runLedger({
			folder,
			items: [completionItem()],
			parameters: RESERVE_PARAMS,
		});
		expect(ledgerOf(again.outputs[RESERVE.already_issued][0])).toMatchObject({
			credential: { externalId: 'found-at-platform' },
		});
	});

	test('an explicit key is used as given', async () => {
		const folder = ledgerFolder();
		const run = await runLedger({
			folder,
			items: [{ enrollment: 'E-900', decision: completionItem().decision }],
			parameters: {
				resource: 'credential',
				operation: 'reserve',
				keySource: 'explicit',
				idempotencyKey: '={{ $json.enrollment }}-certificate',
			},
		});
		expect(ledgerOf(run.outputs[RESERVE.new][0]).key).toBe('E-900-certificate');
	});

	test('without Store Input Item as Private Evidence no evidence is kept', async () => {
		const folder = ledgerFolder();
		await runLedger({
			folder,
			items: [completionItem()],
			parameters: { ...RESERVE_PARAMS, reserveOptions: { storeEvidence: false } },
		});
		expect(chainLines(folder).some((line) => JSON.parse(line).evidenceHash)).toBe(false);
	});
});

describe('Credential Ledger: Reserve refuses bad input and writes nothing', () => {
	test.each([
		{
			name: 'an empty credential template',
			parameters: { credentialTemplate: '={{ $json.template }}' },
			item: completionItem(),
			message: /templateId.*check "Credential Template"/,
		},
		{
			name: 'an explicit key left empty',
			parameters: { keySource: 'explicit', idempotencyKey: '={{ $json.enrollment }}' },
			item: completionItem(),
			message: /idempotency key.*check "Idempotency Key"/i,
		},
		{
			name: 'a decision without its rule hash',
			parameters: {},
			item: {
				...completionItem(),
				decision: { ...(completionItem().decision as object), ruleHash: 'x' },
			},
			message: /decision\.ruleHash.*check "Decision"/,
		},
		{
			name: 'an email address in the public decision',
			parameters: {},
			item: {
				...completionItem(),
				decision: { ...(completionItem().decision as object), note: 'ana@example.org' },
			},
			message: /decision\.note.*email.*check "Decision"/,
		},
		{
			// Once a 10 s stall of the whole process in the public-data e-mail check.
			name: 'a 100,000-character learner id',
			parameters: {},
			item: completionItem('x'.repeat(100_000)),
			message: /decision\.subject\.learnerId: is 100,000 characters long; the limit is 256/,
		},
		{
			name: 'no decision on the item',
			parameters: {},
			item: { learner: { id: 'L-1' } },
			message: /decision.*empty/i,
		},
	])('$name', async ({ parameters, item, message }) => {
		const folder = ledgerFolder();
		const run = await runLedger({
			folder,
			items: [item],
			parameters: { ...RESERVE_PARAMS, ...parameters },
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^Item 0: /);
		expect(run.error?.message).toMatch(message);
		expect(chainLines(folder)).toEqual([]);
	});

	test('with continueRegularOutput a bad item goes to Pending with the error, never New', async () => {
		const folder = ledgerFolder();
		const run = await runLedger({
			folder,
			items: [completionItem(), { learner: { id: 'L-2' } }],
			parameters: RESERVE_PARAMS,
			settings: { onError: 'continueRegularOutput' },
		});
		expect(run.status).toBe('success');
		expect(run.outputs[RESERVE.new].map(pairedIndex)).toEqual([0]);
		const [failed] = run.outputs[RESERVE.pending];
		expect(pairedIndex(failed)).toBe(1);
		expect(failed.json.error).toMatch(/Item 1: .*decision/i);
	});

	test('with continueErrorOutput a bad item goes to the error output', async () => {
		const folder = ledgerFolder();
		const run = await runLedger({
			folder,
			items: [{ learner: { id: 'L-2' } }, completionItem()],
			parameters: RESERVE_PARAMS,
			settings: { onError: 'continueErrorOutput' },
		});
		expect(run.outputs[RESERVE.new].map(pairedIndex)).toEqual([1]);
		expect(run.outputs[RESERVE.pending]).toEqual([]);
		expect(run.outputs[RESERVE.error].map(pairedIndex)).toEqual([0]);
	});

	test('with Continue On Fail, a signing key that cannot be read fails every item, none to New', async () => {
		const folder = ledgerFolder();
		const run = await runLedger({
			folder,
			items: [completionItem(), completionItem('L-2')],
			parameters: RESERVE_PARAMS,
			signing: { algorithm: 'ed25519', privateKey: 'not a key' },
			settings: { onError: 'continueRegularOutput' },
		});
		expect(run.outputs[RESERVE.new]).toEqual([]);
		expect(run.outputs[RESERVE.pending].map(pairedIndex)).toEqual([0, 1]);
		expect(run.outputs[RESERVE.pending][0].json.error).toMatch(
			/Ed25519 private key could not be read/,
		);
	});
});
