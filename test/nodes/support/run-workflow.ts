// Executes workflow JSON in-process with the pinned n8n's WorkflowExecute: no server, no
// database, real node types. This is the engine path a manual run in the editor takes
// (pin data included), so routing, pairing and continue-on-fail behave as in production.
import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IPinData,
	IRun,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { TestCredentialsHelper, type TestCredentials } from './credentials';
import { loadNodeTypes, type TestNodeTypes } from './node-types';
import { loadPinnedN8n } from './pinned-n8n';

/** A node as it appears in exported workflow JSON (`id` is optional there). */
export type WorkflowNodeJson = Omit<INode, 'id'> & { id?: string };

export interface WorkflowJson {
	name?: string;
	nodes: WorkflowNodeJson[];
	connections: IConnections;
	settings?: IDataObject;
	pinData?: IPinData;
	staticData?: IDataObject;
}

export interface RunWorkflowOptions {
	/** Decrypted credential data by credential type name. */
	credentials?: TestCredentials;
	/** Merged over the workflow's own pinData, per node name. */
	pinData?: IPinData;
	mode?: WorkflowExecuteMode;
}

export interface RunError {
	message: string;
	description?: string;
	nodeName?: string;
}

export interface WorkflowRunResult {
	status: string;
	error?: RunError;
	/** Last run of each executed node, items per output index (errored node: []). */
	outputs: Record<string, INodeExecutionData[][]>;
	/** Node names in the order they finished. */
	order: string[];
	run: IRun;
}

let executionCounter = 0;

export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: RunWorkflowOptions = {},
): Promise<WorkflowRunResult> {
	const { core, workflow: workflowModule, coreMajor } = loadPinnedN8n();
	const nodeTypes = await loadNodeTypes();
	const mode = options.mode ?? 'manual';
	const executionId = String(++executionCounter);
	const nodes = withNodeIds(workflowJson.nodes);

	const workflow = new workflowModule.Workflow({
		id: 'node-test',
		name: workflowJson.name ?? 'node test',
		nodes,
		connections: workflowJson.connections,
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1', ...workflowJson.settings },
		staticData: workflowJson.staticData,
	});

	const hooks = new core.ExecutionLifecycleHooks(mode, executionId, {
		id: 'node-test',
		name: workflowJson.name ?? 'node test',
		nodes,
		connections: workflowJson.connections,
		active: false,
	});
	const order: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		order.push(nodeName);
	});
	// 2.x no longer ships createDeferredPromise: the run settles through this hook.
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (fullRun) => resolve(fullRun));
	});

	const additionalData = createAdditionalData(
		hooks,
		new TestCredentialsHelper(nodeTypes, options.credentials),
		executionId,
	);
	const workflowExecute = new core.WorkflowExecute(additionalData, mode);
	const pinData = { ...workflowJson.pinData, ...options.pinData };
	const started =
		coreMajor >= 2
			? workflowExecute.run({ workflow, pinData })
			: workflowExecute.run(workflow, undefined, undefined, pinData);
	await started;
	const run = await finished;
	return summarise(run, order);
}

function withNodeIds(nodes: WorkflowNodeJson[]): INode[] {
	return nodes.map((node, index) => ({ ...node, id: node.id ?? `node-${index}` }));
}

// A plain object on purpose: 2.x reads optional members (e.g. encryptedRunnerIdentity) and
// must find them undefined, which a mock proxy would not give.
export function createAdditionalData(
	hooks: unknown,
	credentialsHelper: TestCredentialsHelper,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const unavailable = (what: string) => () => {
		throw new Error(`${what} is not available in in-process node tests`);
	};
	const base = 'http://localhost:5678';
	const additionalData: IWorkflowExecuteAdditionalData = {
		credentialsHelper,
		executeWorkflow: unavailable('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		logAiEvent: () => undefined,
		startRunnerTask: unavailable('The Code node task runner'),
	};
	return Object.assign(additionalData, { hooks });
}

function summarise(run: IRun, order: string[]): WorkflowRunResult {
	const outputs: Record<string, INodeExecutionData[][]> = {};
	for (const [nodeName, tasks] of Object.entries(run.data.resultData.runData)) {
		const lastTask = tasks[tasks.length - 1];
		outputs[nodeName] = (lastTask?.data?.main ?? []).map((items) => items ?? []);
	}
	const error = run.data.resultData.error;
	return {
		status: run.status,
		error: error
			? {
					message: error.message,
					description: typeof error.description === 'string' ? error.description : undefined,
					nodeName: 'node' in error && isNamedNode(error.node) ? error.node.name : undefined,
				}
			: undefined,
		outputs,
		order,
		run,
	};
}

function isNamedNode(value: unknown): value is { name: string } {
	return (
		typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string'
	);
}

export type { TestNodeTypes };
