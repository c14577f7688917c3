import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../nodes/kit/display-options';
import { toNodeError, type Explain } from '../../../nodes/kit/node-errors';
import { routeOperation, type OperationTable } from '../../../nodes/kit/operation-router';
import { optionalText } from '../../../nodes/kit/text';
import { contextFor, NODE } from './context';

class RefusedByService extends Error {
	constructor(
		readonly status: number,
		readonly token: string,
	) {
		super('The service refused the request');
	}
}

// Reads the domain error without its token: only what the user needs goes into the n8n error.
const explain: Explain = (cause, itemIndex) =>
	cause instanceof RefusedByService
		? {
				message: `Item ${itemIndex}: ${cause.message}`,
				description: 'Check the credential',
				api: { summary: { message: cause.message }, httpCode: String(cause.status) },
			}
		: undefined;

describe('routeOperation', () => {
	const started: string[] = [];
	const released: string[] = [];
	const operations: OperationTable<string> = {
		badge: {
			create: { execute: async (itemIndex, run) => ({ created: itemIndex, run }) },
			report: {
				executeAll: async (run) => [[{ json: { report: run }, pairedItem: { item: 0 } }]],
			},
		},
	};
	const routing = {
		operations,
		startRun: (operation: string) => {
			started.push(operation);
			return `run-${operation}`;
		},
		endRun: (run: string) => released.push(run),
	};

	beforeEach(() => {
		started.length = 0;
		released.length = 0;
	});

	test('runs a per-item operation once per item with what the run shares, then releases it', async () => {
		const context = contextFor([{ json: {} }, { json: {} }], false, {
			resource: 'badge',
			operation: 'create',
		});
		const [output] = await routeOperation(context, routing);
		expect(output.map((item) => item.json)).toEqual([
			{ created: 0, run: 'run-create' },
			{ created: 1, run: 'run-create' },
		]);
		expect(started).toEqual(['create']);
		expect(released).toEqual(['run-create']);
	});

	test('runs an all-items operation once', async () => {
		const context = contextFor([{ json: {} }], false, { resource: 'badge', operation: 'report' });
		expect(await routeOperation(context, routing)).toEqual([
			[{ json: { report: 'run-report' }, pairedItem: { item: 0 } }],
		]);
	});

	test('refuses an unknown operation by name, and never starts a run for it', async () => {
		const context = contextFor([{ json: {} }], false, { resource: 'badge', operation: 'toString' });
		await expect(routeOperation(context, routing)).rejects.toThrow(
			'The operation "toString" is not supported for resource "badge"',
		);
		expect(started).toEqual([]);
	});

	test('a run that cannot start fails every item alike with Continue On Fail', async () => {
		const context = contextFor([{ json: {} }], true, { resource: 'badge', operation: 'create' });
		const [output] = await routeOperation(context, {
			operations,
			startRun: () => {
				throw new Error('credential has no Organization ID');
			},
		});
		expect(output).toHaveLength(1);
		expect(output[0].json.error).toBe('credential has no Organization ID');
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('toNodeError', () => {
	test('a service refusal becomes NodeApiError with its status, and nothing of the cause', () => {
		const error = toNodeError(NODE, new RefusedByService(401, 'secret-token-123'), 2, explain);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Item 2: The service refused the request');
		expect(error.description).toBe('Check the credential');
		expect((error as NodeApiError).httpCode).toBe('401');
		expect(error.context.itemIndex).toBe(2);
		expect(JSON.stringify({ ...error, cause: error.cause })).not.toContain('secret-token-123');
	});

	test('an input problem without a service status is a NodeOperationError', () => {
		const inputOnly: Explain = () => ({ message: 'invalid "Recipient Email"', description: 'Fix' });
		const error = toNodeError(NODE, new Error('x'), 0, inputOnly);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('invalid "Recipient Email"');
	});

	test('an unknown error keeps only its message', () => {
		const cause = Object.assign(new Error('socket hang up'), { headers: { authorization: 'k' } });
		const error = toNodeError(NODE, cause, 1, explain);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('socket hang up');
		expect(error.cause).not.toBe(cause);
	});
});

describe('updateDisplayOptions and optionalText', () => {
	test('scopes every property to the operation and keeps the conditions it had', () => {
		const properties: INodeProperties[] = [
			{ displayName: 'A', name: 'a', type: 'string', default: '' },
			{
				displayName: 'B',
				name: 'b',
				type: 'string',
				default: '',
				displayOptions: { show: { mode: ['x'] }, hide: { other: [true] } },
			},
		];
		const scoped = updateDisplayOptions(
			{ show: { resource: ['badge'], operation: ['create'] } },
			properties,
		);
		expect(scoped.map((property) => property.displayOptions)).toEqual([
			{ show: { resource: ['badge'], operation: ['create'] } },
			{
				show: { resource: ['badge'], operation: ['create'], mode: ['x'] },
				hide: { other: [true] },
			},
		]);
	});

	test('optionalText trims, reads numbers as text and makes empty text undefined', () => {
		expect(optionalText('  ada@example.com ')).toBe('ada@example.com');
		expect(optionalText(10000005)).toBe('10000005');
		expect(optionalText('   ')).toBeUndefined();
		expect(optionalText(null)).toBeUndefined();
		expect(optionalText(undefined)).toBeUndefined();
	});
});
