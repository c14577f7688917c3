// Helpers for the Accredible node tests: a simulator per test file, the node run in the real
// engine with a credential pointing at it, and the groups dropdown called through n8n's own
// LoadOptionsContext.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { startAccredibleSimulator, type SimHandle } from '../../simulators';
import { SimControl } from '../../unit/platforms/support/sim-control';
import { TestCredentialsHelper } from './credentials';
import { loadNodeTypes } from './node-types';
import { loadPinnedN8n } from './pinned-n8n';
import { runNode, type NodeRunResult, type NodeSettings } from './run-node';

export const ACCREDIBLE_TYPE = 'n8n-nodes-certificate-delivery.accredible';
export const INTRO_GROUP = '12472';

export interface AccredibleSim {
	sim: SimHandle;
	control: SimControl;
	credentialData: ICredentialDataDecryptedObject;
}

export async function startSim(): Promise<AccredibleSim> {
	const sim = await startAccredibleSimulator({ port: 0 });
	return {
		sim,
		control: new SimControl(sim),
		credentialData: { environment: 'custom', baseUrl: sim.url, apiKey: sim.credentials.apiKey },
	};
}

let credentialCounter = 0;

/**
 * A fresh credential id per call unless given: the node's rate limiter is keyed by it, so tests
 * do not queue behind each other's requests.
 */
export function credentialId(): string {
	credentialCounter += 1;
	return `accredible-test-${credentialCounter}`;
}

export interface AccredibleRun {
	parameters: INodeParameters;
	items?: IDataObject[];
	settings?: NodeSettings;
	credentialId?: string;
	credentialData?: ICredentialDataDecryptedObject;
}

export async function runAccredible(
	sim: AccredibleSim,
	run: AccredibleRun,
): Promise<NodeRunResult> {
	return await runNode({
		type: ACCREDIBLE_TYPE,
		parameters: run.parameters,
		items: run.items,
		settings: run.settings,
		nodeCredentials: {
			accredibleApi: { id: run.credentialId ?? credentialId(), name: 'Accredible account' },
		},
		credentials: { accredibleApi: run.credentialData ?? sim.credentialData },
	});
}

/** Create parameters for one learner per item, read from the item. */
export function createParameters(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'credential',
		operation: 'create',
		groupId: INTRO_GROUP,
		recipientEmail: '={{ $json.email }}',
		recipientName: '={{ $json.name }}',
		...extra,
	};
}

export function learners(count: number, prefix = 'learner'): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		email: `${prefix}${i}@example.com`,
		name: `Learner ${prefix} ${i}`,
	}));
}

export function jsonOf(items: INodeExecutionData[] | undefined): IDataObject[] {
	return (items ?? []).map((item) => item.json);
}

/** Calls a loadOptions method of the Accredible node the way the editor does. */
export async function loadOptions(
	sim: AccredibleSim,
	method: string,
	parameters: INodeParameters = { resource: 'credential', operation: 'create' },
): Promise<INodePropertyOptions[]> {
	const nodeTypes = await loadNodeTypes();
	const { workflow: workflowModule } = loadPinnedN8n();
	const core = loadPinnedN8n().core as unknown as {
		LoadOptionsContext: new (
			workflow: unknown,
			node: INode,
			additionalData: IWorkflowExecuteAdditionalData,
			path: string,
		) => unknown;
	};
	const node: INode = {
		id: 'load-options-node',
		name: 'Accredible',
		type: ACCREDIBLE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { accredibleApi: { id: credentialId(), name: 'Accredible account' } },
	};
	const workflow = new workflowModule.Workflow({
		id: 'load-options',
		name: 'load options',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(nodeTypes, {
			accredibleApi: sim.credentialData,
		}),
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new core.LoadOptionsContext(workflow, node, additionalData, 'parameters.groupId');
	const type = nodeTypes.getByNameAndVersion(ACCREDIBLE_TYPE, 1) as INodeType;
	const fn = type.methods?.loadOptions?.[method];
	if (!fn) throw new Error(`the Accredible node has no loadOptions method "${method}"`);
	return await fn.call(context as never);
}
