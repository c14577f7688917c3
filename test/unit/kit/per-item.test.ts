import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from '../../../nodes/kit/node-errors';
import {
	errorOnly,
	failEveryItem,
	failedItem,
	ItemOutput,
	runPerItem,
	type ItemPlan,
} from '../../../nodes/kit/per-item';
import { contextFor, NODE } from './context';

const plan = (extra: Partial<ItemPlan> = {}): ItemPlan => ({
	toNodeError: (cause, itemIndex) => toNodeError(NODE, cause, itemIndex),
	...extra,
});

const PDF = { certificate: { data: 'JVBERi0=', mimeType: 'application/pdf', fileName: 'a.pdf' } };

describe('runPerItem', () => {
	const items: INodeExecutionData[] = [
		{ json: { learner: 'ada' } },
		{ json: { learner: 'bad' } },
		{ json: { learner: 'bo' } },
	];
	const failOnBad = async (_index: number, item: INodeExecutionData) => {
		if (item.json.learner === 'bad') throw new Error('learner "bad" is refused');
		return { greeted: item.json.learner };
	};

	test('pairs every output item with its input', async () => {
		const twoEach = async (itemIndex: number) => [{ n: itemIndex }, { n: itemIndex + 10 }];
		const outputs = await runPerItem.call(contextFor(items, false), plan(), twoEach);
		expect(outputs).toHaveLength(1);
		expect(outputs[0].map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
			{ item: 2 },
			{ item: 2 },
		]);
		expect(outputs[0].map((item) => item.json.n)).toEqual([0, 10, 1, 11, 2, 12]);
	});

	test('with Continue On Fail a failed item carries its error, paired, and the next item runs', async () => {
		const [output] = await runPerItem.call(contextFor(items, true), plan(), failOnBad);
		expect(output).toHaveLength(3);
		expect(output[0].json).toEqual({ greeted: 'ada' });
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[1].json).toEqual({ learner: 'bad', error: 'learner "bad" is refused' });
		expect(output[1].error).toBeInstanceOf(NodeOperationError);
		expect(output[1].error?.context.itemIndex).toBe(1);
		expect(output[2].json).toEqual({ greeted: 'bo' });
	});

	test('without Continue On Fail the first failure stops the node, naming its item', async () => {
		const run = runPerItem.call(contextFor(items, false), plan(), failOnBad);
		await expect(run).rejects.toBeInstanceOf(NodeOperationError);
		await expect(run).rejects.toMatchObject({
			message: 'learner "bad" is refused',
			context: { itemIndex: 1 },
		});
	});

	test('a failed item goes to the failed output, the others to the output they name', async () => {
		const routed = async (itemIndex: number, item: INodeExecutionData) => {
			if (item.json.learner === 'bad') throw new Error('no decision');
			return new ItemOutput(itemIndex === 0 ? 0 : 2, { learner: item.json.learner });
		};
		const outputs = await runPerItem.call(
			contextFor(items, true),
			plan({ outputs: 3, failedOutput: 1 }),
			routed,
		);
		expect(outputs.map((output) => output.map((item) => item.json.learner))).toEqual([
			['ada'],
			['bad'],
			['bo'],
		]);
		expect(outputs[1][0].json.error).toBe('no decision');
		expect(outputs[1][0].pairedItem).toEqual({ item: 1 });
	});

	test('binary data passes through on success and on failure when the plan keeps it', async () => {
		const withPdf = items.map((item) => ({ ...item, binary: PDF }));
		const [output] = await runPerItem.call(
			contextFor(withPdf, true),
			plan({ keepBinary: true }),
			failOnBad,
		);
		expect(output.map((item) => item.binary)).toEqual([PDF, PDF, PDF]);
	});

	test('binary data is dropped unless the plan keeps it or the operation returns its own', async () => {
		const withPdf = items.map((item) => ({ ...item, binary: PDF }));
		const own = { report: { data: 'eA==', mimeType: 'text/csv' } };
		const [output] = await runPerItem.call(contextFor(withPdf, false), plan(), async (i) =>
			i === 0 ? new ItemOutput(0, { i }, own) : { i },
		);
		expect(output.map((item) => item.binary)).toEqual([own, undefined, undefined]);
	});

	test("the failure shape is the node's: errorOnly leaves out the input json", async () => {
		const [output] = await runPerItem.call(
			contextFor(items, true),
			plan({ failure: errorOnly }),
			failOnBad,
		);
		expect(output[1].json).toEqual({ error: 'learner "bad" is refused' });
	});

	test('n8n errors keep their own class and message, and learn their item', async () => {
		const apiError = new NodeApiError(NODE, { message: 'refused' }, { message: 'Refused (403)' });
		const [output] = await runPerItem.call(contextFor([{ json: {} }], true), plan(), async () => {
			throw apiError;
		});
		expect(output[0].error).toBe(apiError);
		expect(apiError.context.itemIndex).toBe(0);
		expect(output[0].json.error).toBe('Refused (403)');
	});
});

describe('failEveryItem and failedItem', () => {
	const items: INodeExecutionData[] = [{ json: { a: 1 } }, { json: { a: 2 } }];

	test('a run that cannot start puts every item on the failed output with Continue On Fail', () => {
		const outputs = failEveryItem.call(
			contextFor(items, true),
			plan({ outputs: 3, failedOutput: 1 }),
			new Error('rules do not parse'),
		);
		expect(outputs[0]).toEqual([]);
		expect(outputs[2]).toEqual([]);
		expect(outputs[1].map((item) => [item.json, item.pairedItem])).toEqual([
			[{ a: 1, error: 'rules do not parse' }, { item: 0 }],
			[{ a: 2, error: 'rules do not parse' }, { item: 1 }],
		]);
		// A failure of the whole run names no item.
		expect(outputs[1][0].error?.context.itemIndex).toBeUndefined();
	});

	test('a run that cannot start throws without Continue On Fail', () => {
		expect(() =>
			failEveryItem.call(contextFor(items, false), plan(), new Error('rules do not parse')),
		).toThrow(NodeOperationError);
	});

	test('failedItem throws without Continue On Fail, so aggregate operations stop at the first', () => {
		expect(() =>
			failedItem.call(contextFor(items, false), plan(), new Error('bad row'), 1),
		).toThrow('bad row');
		expect(failedItem.call(contextFor(items, true), plan(), new Error('bad row'), 1)).toMatchObject(
			{
				json: { a: 2, error: 'bad row' },
				pairedItem: { item: 1 },
			},
		);
	});
});
