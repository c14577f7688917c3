// One node under test, fed by a Manual Trigger whose output is pinned to the given items:
// the same path as pinning trigger data in the editor and clicking "Test workflow".
import type {
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	IPinData,
} from 'n8n-workflow';

import type { TestCredentials } from './credentials';
import { loadNodeTypes } from './node-types';
import {
	runWorkflow,
	type RunError,
	type WorkflowJson,
	type WorkflowRunResult,
} from './run-workflow';

export const TRIGGER_NAME = 'When clicking Execute workflow';
export const DEFAULT_NODE_NAME = 'Node Under Test';

/** Node settings a user sets on the node's Settings tab. */
export type NodeSettings = Partial<
	Pick<
		INode,
		'onError' | 'continueOnFail' | 'alwaysOutputData' | 'executeOnce' | 'retryOnFail' | 'disabled'
	>
>;

export interface RunNodeOptions {
	/** Full type, e.g. `n8n-nodes-certificate-delivery.verifyCompletion`. */
	type: string;
	parameters?: INodeParameters;
	/** The `json` of each input item. */
	items?: IDataObject[];
	/** Whole input items (with binary data), instead of `items`. */
	inputItems?: INodeExecutionData[];
	/** Defaults to the newest version the type declares. */
	typeVersion?: number;
	settings?: NodeSettings;
	name?: string;
	nodeCredentials?: INodeCredentials;
	credentials?: TestCredentials;
}

export interface NodeRunResult {
	status: string;
	error?: RunError;
	/** Items per output index of the node under test ([] when it failed). */
	outputs: INodeExecutionData[][];
	workflowRun: WorkflowRunResult;
}

export async function runNode(options: RunNodeOptions): Promise<NodeRunResult> {
	const name = options.name ?? DEFAULT_NODE_NAME;
	const typeVersion = options.typeVersion ?? (await newestVersion(options.type));
	const workflow: WorkflowJson = {
		name: `run ${options.type}`,
		nodes: [
			{
				name: TRIGGER_NAME,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				name,
				type: options.type,
				typeVersion,
				position: [220, 0],
				parameters: options.parameters ?? {},
				...(options.nodeCredentials ? { credentials: options.nodeCredentials } : {}),
				...options.settings,
			},
		],
		connections: {
			[TRIGGER_NAME]: { main: [[{ node: name, type: 'main', index: 0 }]] },
		},
	};
	const pinData: IPinData = {
		[TRIGGER_NAME]: options.inputItems ?? (options.items ?? [{}]).map((json) => ({ json })),
	};
	const workflowRun = await runWorkflow(workflow, { pinData, credentials: options.credentials });
	return {
		status: workflowRun.status,
		error: workflowRun.error,
		outputs: workflowRun.outputs[name] ?? [],
		workflowRun,
	};
}

async function newestVersion(type: string): Promise<number> {
	const versions = (await loadNodeTypes()).declaredVersions(type);
	const newest = versions[versions.length - 1];
	if (newest === undefined) throw new Error(`node type ${type} declares no version`);
	return newest;
}
