// Record Decision: every Verify Completion outcome leaves one signed entry in the chain, a retried
// completion adds nothing, and a held decision later verified still reserves and verifies.
import type { IDataObject } from 'n8n-workflow';

import {
	RESERVE,
	RESERVE_PARAMS,
	chainEntries,
	completionItem,
	decision,
	derivedKey,
	ledgerFolder,
	ledgerOf,
	runLedger,
} from '../support/credential-ledger';
import { OUTPUT, completionEvent, runVerifyCompletion } from '../support/verify-completion';

const RECORD_DECISION = { ...RESERVE_PARAMS, operation: 'recordDecision' };
const VERIFY = { resource: 'ledger', operation: 'verify' };

/** completionItem(...) with the decision Verify Completion gave for the given outcome. */
function itemWith(outcome: string, learnerId = 'L-1', extra: IDataObject = {}): IDataObject {
	return {
		...completionItem(learnerId),
		decision: decision(learnerId, 'SAFE-101', { outcome, ...extra }),
	};
}

describe('Credential Ledger: Record Decision', () => {
	test('records each outcome as a signed decided entry, items passing through with seq and hash', async () => {
		const folder = ledgerFolder();
		const items = [
			itemWith('verified', 'L-1'),
			itemWith('needs_review', 'L-2', { reasons: [{ code: 'TIME_BELOW_MINIMUM', detail: '' }] }),
			itemWith('not_eligible', 'L-3', { reasons: [{ code: 'SCORE_BELOW_PASSING', detail: '' }] }),
		];
		const run = await runLedger({ folder, items, parameters: RECORD_DECISION });
		expect(run.status).toBe('success');
		const entries = chainEntries(folder);
		expect(entries.map((e) => [e.type, e.key, (e.payload as IDataObject).outcome])).toEqual([
			['decided', derivedKey('L-1'), 'verified'],
			['decided', derivedKey('L-2'), 'needs_review'],
			['decided', derivedKey('L-3'), 'not_eligible'],
		]);
		run.outputs[0].forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.learner).toEqual(items[index].learner);
			expect(ledgerOf(item)).toMatchObject({
				key: entries[index].key,
				recorded: 'decided',
				seq: index + 1,
				hash: entries[index].hash,
				alreadyRecorded: false,
			});
		});
		// The public payload is the decision; the learner's name and email went to the evidence store.
		expect(entries[1].payload).toEqual(items[1].decision);
		expect(entries[1].evidenceHash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(entries)).not.toContain('ana@example.org');
		expect(entries[1].actor).toMatch(/^n8n workflow /);

		// The auditor export lists each decision, with its outcome, though nothing was issued.
		const exported = await runLedger({
			folder,
			items: [{}],
			parameters: { resource: 'ledger', operation: 'export', format: 'csv' },
		});
		const csv = Buffer.from(String(exported.outputs[0][0].binary?.data.data), 'base64');
		const rows = csv
			.toString('utf8')
			.trimEnd()
			.split('\r\n')
			.map((row) => row.split(','));
		const column = (name: string) => rows.slice(1).map((row) => row[rows[0].indexOf(name)]);
		expect(column('learner_id')).toEqual(['L-1', 'L-2', 'L-3']);
		expect(column('status')).toEqual(['decided', 'decided', 'decided']);
		expect(column('outcome')).toEqual(['verified', 'needs_review', 'not_eligible']);
	});

	test('records what the real Verify Completion decided on each of its three outputs', async () => {
		const verify = await runVerifyCompletion({
			items: [
				completionEvent({ learner: { id: '57', name: 'Ana Lima' }, score: 90 }),
				completionEvent({ learner: { id: '58', name: 'Bo Chen' }, score: 50 }),
				completionEvent({
					learner: { id: '59', name: 'Cy Diaz' },
					course: { id: 'PREREQUISITES-ONLY' },
					prerequisites: [{ courseId: 'SAFE-100', status: 'in_appeal' }],
				}),
			],
		});
		const decided = [OUTPUT.verified, OUTPUT.needs_review, OUTPUT.not_eligible].flatMap((output) =>
			verify.outputs[output].map((item) => item.json),
		);
		expect(decided).toHaveLength(3);
		const folder = ledgerFolder();
		const run = await runLedger({ folder, items: decided, parameters: RECORD_DECISION });
		expect(run.status).toBe('success');
		const entries = chainEntries(folder);
		expect(entries.map((e) => (e.payload as IDataObject).outcome)).toEqual([
			'verified',
			'needs_review',
			'not_eligible',
		]);
		entries.forEach((entry, index) => {
			expect(entry.payload).toEqual(decided[index].decision);
			expect(entry.payload).toHaveProperty('dataPoints');
			expect(entry.payload).toHaveProperty('subject.businessKey');
		});
		expect(JSON.stringify(entries)).not.toMatch(/Ana Lima|Bo Chen|Cy Diaz/);
	});

	test('the same decision twice writes one entry; the retry answers the existing one', async () => {
		const folder = ledgerFolder();
		const first = await runLedger({
			folder,
			items: [itemWith('needs_review')],
			parameters: RECORD_DECISION,
		});
		const retried = itemWith('needs_review', 'L-1', { decidedAt: '2026-05-04T09:40:00.000Z' });
		const again = await runLedger({ folder, items: [retried], parameters: RECORD_DECISION });
		expect(again.status).toBe('success');
		expect(chainEntries(folder)).toHaveLength(1);
		const [before, after] = [ledgerOf(first.outputs[0][0]), ledgerOf(again.outputs[0][0])];
		expect(after).toMatchObject({ seq: 1, hash: before.hash, alreadyRecorded: true });
	});

	test('held, then verified after review: Reserve is New and the chain verifies', async () => {
		const folder = ledgerFolder();
		await runLedger({ folder, items: [itemWith('needs_review')], parameters: RECORD_DECISION });
		await runLedger({ folder, items: [itemWith('verified')], parameters: RECORD_DECISION });
		const reserved = await runLedger({
			folder,
			items: [itemWith('verified')],
			parameters: RESERVE_PARAMS,
		});
		expect(reserved.outputs[RESERVE.new]).toHaveLength(1);
		expect(ledgerOf(reserved.outputs[RESERVE.new][0])).toMatchObject({ status: 'new', attempt: 1 });
		expect(chainEntries(folder).map((e) => e.type)).toEqual(['decided', 'decided', 'reserved']);
		const verified = await runLedger({ folder, items: [{}], parameters: VERIFY });
		expect(verified.outputs[0][0].json).toMatchObject({ ok: true, entries: 3 });
	});

	test('a bad decision fails only its item with Continue On Fail, naming the field', async () => {
		const folder = ledgerFolder();
		const run = await runLedger({
			folder,
			items: [
				itemWith('verified', 'L-1'),
				itemWith('issued', 'L-2'),
				itemWith('not_eligible', 'L-3'),
			],
			parameters: RECORD_DECISION,
			settings: { onError: 'continueRegularOutput' },
		});
		expect(run.outputs[0].map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(run.outputs[0][0].json.error).toBeUndefined();
		expect(String(run.outputs[0][1].json.error)).toMatch(/outcome/);
		expect(String(run.outputs[0][1].json.error)).toMatch(/needs_review/);
		expect(chainEntries(folder).map((e) => (e.payload as IDataObject).outcome)).toEqual([
			'verified',
			'not_eligible',
		]);
	});
});
