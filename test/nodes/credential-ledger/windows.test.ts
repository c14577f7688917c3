// Reserve, Record and Record Decision prepare items in windows and start their ledger calls in
// item order without waiting for the one before, so a batch of items shares the store's syncs.
// What a workflow sees must not change: outputs and chain entries in item order, a repeated key
// decided as one by one (the first one New), and without Continue On Fail nothing of the failed
// item or after it written.
import { STAGED_WINDOW } from '../../../nodes/kit/staged-items';
import {
	ISSUED_PARAMS,
	RESERVE,
	RESERVE_PARAMS,
	chainEntries,
	completionItem,
	derivedKey,
	ledgerFolder,
	ledgerOf,
	pairedIndex,
	runLedger,
} from '../support/credential-ledger';

/** More items than two windows, so one window runs whole and one is cut. */
const COUNT = STAGED_WINDOW * 2 + 9;
const learners = Array.from({ length: COUNT }, (_, index) => `L-${index}`);
const keysOfType = (folder: string, type: string) =>
	chainEntries(folder)
		.filter((entry) => entry.type === type)
		.map((entry) => entry.key);

describe('Credential Ledger: items in windows', () => {
	test('Reserve: outputs and reservations in item order; a repeated key New once, first come', async () => {
		const folder = ledgerFolder();
		const items = learners.map((learner) => completionItem(learner));
		// A repeat inside the first window, and one of it in a later window.
		const repeats = new Map([
			[5, 3],
			[STAGED_WINDOW + 8, 10],
		]);
		for (const [index, of] of repeats) items[index] = completionItem(learners[of]);
		const run = await runLedger({ folder, items, parameters: RESERVE_PARAMS });
		expect(run.status).toBe('success');
		const fresh = learners.map((_, index) => index).filter((index) => !repeats.has(index));
		expect(run.outputs[RESERVE.new].map(pairedIndex)).toEqual(fresh);
		expect(run.outputs[RESERVE.new].map((item) => ledgerOf(item).key)).toEqual(
			fresh.map((index) => derivedKey(learners[index])),
		);
		expect(run.outputs[RESERVE.pending].map(pairedIndex)).toEqual([...repeats.keys()]);
		expect(run.outputs[RESERVE.pending].map((item) => ledgerOf(item).reason)).toEqual([
			'in_flight',
			'in_flight',
		]);
		expect(keysOfType(folder, 'reserved')).toEqual(
			fresh.map((index) => derivedKey(learners[index])),
		);

		// Record Issued for every New item: one issued entry each, in item order.
		const recorded = await runLedger({
			folder,
			items: run.outputs[RESERVE.new].map((item) => item.json),
			parameters: ISSUED_PARAMS,
		});
		expect(recorded.status).toBe('success');
		expect(recorded.outputs[0].map(pairedIndex)).toEqual(fresh.map((_, index) => index));
		expect(keysOfType(folder, 'issued')).toEqual(fresh.map((index) => derivedKey(learners[index])));
	});

	test('Reserve without Continue On Fail: a bad item stops the run, nothing after it reserved', async () => {
		const folder = ledgerFolder();
		const bad = STAGED_WINDOW + 5;
		const items = learners.map((learner, index) =>
			index === bad ? { learner: { id: learner } } : completionItem(learner),
		);
		const run = await runLedger({ folder, items, parameters: RESERVE_PARAMS });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(new RegExp(`^Item ${bad}: .*decision`, 'i'));
		// As one by one: every item before it reserved, in order, none after it.
		expect(keysOfType(folder, 'reserved')).toEqual(
			learners.slice(0, bad).map((learner) => derivedKey(learner)),
		);
	});

	test('Reserve with Continue On Fail: the bad item to Pending with its error, the rest go on in order', async () => {
		const folder = ledgerFolder();
		const bad = [4, STAGED_WINDOW + 5];
		const items = learners.map((learner, index) =>
			bad.includes(index) ? { learner: { id: learner } } : completionItem(learner),
		);
		const run = await runLedger({
			folder,
			items,
			parameters: RESERVE_PARAMS,
			settings: { onError: 'continueRegularOutput' },
		});
		expect(run.status).toBe('success');
		const good = learners.map((_, index) => index).filter((index) => !bad.includes(index));
		expect(run.outputs[RESERVE.new].map(pairedIndex)).toEqual(good);
		expect(run.outputs[RESERVE.pending].map(pairedIndex)).toEqual(bad);
		for (const [position, failed] of run.outputs[RESERVE.pending].entries())
			expect(failed.json.error).toMatch(new RegExp(`^Item ${bad[position]}: .*decision`, 'i'));
		expect(keysOfType(folder, 'reserved')).toEqual(
			good.map((index) => derivedKey(learners[index])),
		);
	});

	test('Record Decision: decisions in item order; a repeat answers alreadyRecorded', async () => {
		const folder = ledgerFolder();
		const items = learners.map((learner) => completionItem(learner));
		items[STAGED_WINDOW + 1] = completionItem(learners[2]);
		const run = await runLedger({
			folder,
			items,
			parameters: { ...RESERVE_PARAMS, operation: 'recordDecision' },
		});
		expect(run.status).toBe('success');
		expect(run.outputs[0].map(pairedIndex)).toEqual(learners.map((_, index) => index));
		const repeated = run.outputs[0].map((item) => ledgerOf(item).alreadyRecorded);
		expect(repeated.filter(Boolean)).toHaveLength(1);
		expect(repeated[STAGED_WINDOW + 1]).toBe(true);
		expect(keysOfType(folder, 'decided')).toEqual(
			learners
				.filter((_, index) => index !== STAGED_WINDOW + 1)
				.map((learner) => derivedKey(learner)),
		);
	});
});
