// Exactly once under load: many items and parallel executions in one n8n process reserve each
// key once, because every execution goes through the one store cached for the folder.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import {
	RESERVE,
	RESERVE_PARAMS,
	completionItem,
	ledgerFolder,
	ledgerOf,
	runLedger,
} from '../support/credential-ledger';

const KEYS = 20;
const itemsFor = (count: number, offset = 0): IDataObject[] =>
	Array.from({ length: count }, (_, i) => completionItem(`L-${(offset + i) % KEYS}`));

function reservedKeys(folder: string): string[] {
	return readFileSync(path.join(folder, 'chain.jsonl'), 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as { type: string; key: string })
		.filter((entry) => entry.type === 'reserved')
		.map((entry) => entry.key);
}

describe('Credential Ledger: exactly once under concurrency', () => {
	test('50 items over 20 keys in one run: exactly 20 New, the rest Pending', async () => {
		const folder = ledgerFolder();
		const run = await runLedger({ folder, items: itemsFor(50), parameters: RESERVE_PARAMS });
		expect(run.outputs[RESERVE.new]).toHaveLength(KEYS);
		expect(run.outputs[RESERVE.pending]).toHaveLength(30);
		expect(new Set(run.outputs[RESERVE.new].map((item) => ledgerOf(item).key)).size).toBe(KEYS);
		expect(reservedKeys(folder)).toHaveLength(KEYS);
	});

	test('5 executions in parallel, 10 items each over 20 keys: exactly 20 New in total', async () => {
		const folder = ledgerFolder();
		const runs = await Promise.all(
			Array.from({ length: 5 }, (_, i) =>
				runLedger({ folder, items: itemsFor(10, i * 7), parameters: RESERVE_PARAMS }),
			),
		);
		expect(runs.map((run) => run.status)).toEqual(Array(5).fill('success'));
		const fresh = runs.flatMap((run) => run.outputs[RESERVE.new]);
		const pending = runs.flatMap((run) => run.outputs[RESERVE.pending]);
		expect(fresh).toHaveLength(KEYS);
		expect(pending).toHaveLength(50 - KEYS);
		expect(new Set(fresh.map((item) => ledgerOf(item).key)).size).toBe(KEYS);
		expect(new Set(reservedKeys(folder)).size).toBe(KEYS);
		expect(reservedKeys(folder)).toHaveLength(KEYS);

		const verify = await runLedger({
			folder,
			items: [{}],
			parameters: { resource: 'ledger', operation: 'verify' },
		});
		expect(verify.outputs[0][0].json).toMatchObject({ ok: true, entries: 2 * KEYS });
	});
});
