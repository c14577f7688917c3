// The in-process runner itself: it must load the pinned n8n (not our devDependency), register
// our package under its real name, execute base nodes faithfully and hand credentials over.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { expressionEngineChoice, loadNodeTypes } from './support/node-types';
import { loadPinnedN8n } from './support/pinned-n8n';
import { runNode, TRIGGER_NAME } from './support/run-node';
import { runWorkflow } from './support/run-workflow';

describe('in-process runner', () => {
	test('uses the pinned n8n line, and our package sees the same n8n-workflow', async () => {
		const pinned = loadPinnedN8n();
		expect(pinned.coreMajor).toBeGreaterThanOrEqual(1);
		if (process.env.N8N_HARNESS_N8N_VERSION?.startsWith('2.')) expect(pinned.coreMajor).toBe(2);
		// Resolved from this repository, so it would be the devDependency without the routing.
		const fromRepository: unknown = await import('n8n-workflow');
		expect(fromRepository).toBe(pinned.workflow);
		expect(process.env.N8N_USER_FOLDER).toBe(pinned.userFolder);
	});

	test('registers our node under the package name, as a community install does', async () => {
		const nodeTypes = await loadNodeTypes();
		expect(nodeTypes.packageNames).toEqual(['n8n-nodes-certificate-delivery', 'n8n-nodes-base']);
		const verify = nodeTypes.getByNameAndVersion(
			'n8n-nodes-certificate-delivery.verifyCompletion',
			1,
		);
		expect(verify.description.outputNames).toEqual(['Verified', 'Needs Review', 'Not Eligible']);
		expect(nodeTypes.knows('CUSTOM.verifyCompletion')).toBe(false);
		expect(() => nodeTypes.getByName('n8n-nodes-base.noSuchNode')).toThrow();
	});

	test('feeds pinned trigger items to the node and keeps their pairing', async () => {
		const result = await runNode({
			type: 'n8n-nodes-base.noOp',
			items: [{ n: 1 }, { n: 2 }, { n: 3 }],
		});
		expect(result.status).toBe('success');
		expect(result.outputs[0].map((item) => [item.json.n, item.pairedItem])).toEqual([
			[1, { item: 0 }],
			[2, { item: 1 }],
			[3, { item: 2 }],
		]);
		expect(result.workflowRun.order).toEqual([TRIGGER_NAME, 'Node Under Test']);
	});

	test('runs a branching workflow and reports each node per output', async () => {
		const run = await runWorkflow(
			{
				nodes: [
					{
						name: 'Start',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						name: 'Passed?',
						type: 'n8n-nodes-base.if',
						typeVersion: 2,
						position: [200, 0],
						parameters: {
							conditions: {
								options: { caseSensitive: true, typeValidation: 'strict' },
								combinator: 'and',
								conditions: [
									{
										id: 'score-check',
										leftValue: '={{ $json.score }}',
										rightValue: 80,
										operator: { type: 'number', operation: 'gte' },
									},
								],
							},
						},
					},
					{
						name: 'Passed',
						type: 'n8n-nodes-base.noOp',
						typeVersion: 1,
						position: [400, -100],
						parameters: {},
					},
				],
				connections: {
					Start: { main: [[{ node: 'Passed?', type: 'main', index: 0 }]] },
					'Passed?': { main: [[{ node: 'Passed', type: 'main', index: 0 }], []] },
				},
			},
			{ pinData: { Start: [{ json: { score: 91 } }, { json: { score: 42 } }] } },
		);
		expect(run.status).toBe('success');
		expect(run.outputs['Passed?'].map((items) => items.map((item) => item.json.score))).toEqual([
			[91],
			[42],
		]);
		expect(run.outputs.Passed[0].map((item) => item.json.score)).toEqual([91]);
		expect(run.order).toEqual(['Start', 'Passed?', 'Passed']);
	});

	test('evaluates expressions with the engine of the pinned server line', async () => {
		const choice = expressionEngineChoice();
		expect(choice?.requested).toBe(loadPinnedN8n().coreMajor >= 2 ? 'vm' : 'legacy');
		// The 2.x default needs --experimental-vm-modules under jest; any fallback says why.
		if (choice?.active !== choice?.requested) expect(choice?.fallbackReason).toBeTruthy();
		const result = await runNode({
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			items: [{ scores: [70, 95] }],
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [
						{
							id: 'joined',
							name: 'joined',
							type: 'string',
							value: "={{ $json.scores.map(s => s / 10).join('-') }}",
						},
					],
				},
				options: {},
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json.joined).toBe('7-9.5');
	});

	test('reports a failing node by name with its message', async () => {
		const result = await runNode({
			type: 'n8n-nodes-base.stopAndError',
			parameters: { errorMessage: 'stopped on purpose' },
		});
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			message: 'stopped on purpose',
			nodeName: 'Node Under Test',
		});
		expect(result.outputs).toEqual([]);
	});

	describe('credentials', () => {
		let server: Server;
		let baseUrl = '';
		const seenHeaders: IncomingHttpHeaders[] = [];
		beforeAll(async () => {
			server = createServer((request, response) => {
				seenHeaders.push(request.headers);
				response.setHeader('content-type', 'application/json');
				response.end(JSON.stringify({ ok: true }));
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		});
		afterAll(async () => {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		});

		test('a node authenticates with test credentials of the requested type', async () => {
			const result = await runNode({
				type: 'n8n-nodes-base.httpRequest',
				parameters: {
					url: `${baseUrl}/learners`,
					authentication: 'genericCredentialType',
					genericAuthType: 'httpHeaderAuth',
					options: {},
				},
				nodeCredentials: { httpHeaderAuth: { id: null, name: 'LMS token' } },
				credentials: { httpHeaderAuth: { name: 'X-Api-Key', value: 'test-key-123' } },
			});
			expect(result.error).toBeUndefined();
			expect(result.outputs[0][0].json).toEqual({ ok: true });
			expect(seenHeaders[seenHeaders.length - 1]['x-api-key']).toBe('test-key-123');
		});

		test('missing test credentials fail the node and name the type', async () => {
			const result = await runNode({
				type: 'n8n-nodes-base.httpRequest',
				parameters: {
					url: `${baseUrl}/x`,
					authentication: 'genericCredentialType',
					genericAuthType: 'httpHeaderAuth',
				},
				nodeCredentials: { httpHeaderAuth: { id: null, name: 'LMS token' } },
			});
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain('httpHeaderAuth');
		});
	});
});
