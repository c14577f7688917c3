// Set-up the LMS trigger tests share: the LMS simulators for one test file, and the manual and
// active runs of a poll trigger in the real engine.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { start, type LmsSimHandle } from '../../simulators/lms';
import { TestCredentialsHelper } from '../support/credentials';
import { loadOptions } from '../support/node-contexts';
import { loadNodeTypes } from '../support/node-types';
import { loadPinnedN8n } from '../support/pinned-n8n';
import { createAdditionalData, runWorkflow } from '../support/run-workflow';

export interface LmsSimulator {
	/** The simulator's root URL; known once the file's beforeAll has run. */
	url(): string;
	/** POSTs `body` as JSON to a control path such as /__control/complete; resolves to the answer. */
	control(path: string, body?: object): Promise<IDataObject>;
	/** The API requests the simulator answered since its last reset, oldest first. */
	requests(): Promise<SimulatorRequest[]>;
}

export interface SimulatorRequest {
	method: string;
	path: string;
	status: number;
}

/**
 * Starts the LMS simulators on free ports for the calling test file, stops them after it and,
 * unless `reset` is false, resets `lms` before every test so each starts from the sample data.
 */
export function useLmsSimulator(lms: string, { reset = true } = {}): LmsSimulator {
	let sims: LmsSimHandle | undefined;
	const url = () => {
		if (!sims) throw new Error('The LMS simulators start in beforeAll: call url() inside a test');
		return sims.urls[lms];
	};
	const control = async (path: string, body: object = {}) => {
		const response = await fetch(`${url()}${path}`, { method: 'POST', body: JSON.stringify(body) });
		return (await response.json()) as IDataObject;
	};
	const requests = async () => {
		const response = await fetch(`${url()}/__control/requests`);
		return ((await response.json()) as { requests: SimulatorRequest[] }).requests;
	};
	beforeAll(async () => {
		sims = await start({ port: 0 });
	});
	afterAll(async () => {
		await sims?.stop();
	});
	if (reset) {
		beforeEach(async () => {
			await control('/__control/reset');
		});
	}
	return { url, control, requests };
}

export interface PollTriggerSpec {
	/** The node's name in the test workflow (its output key). */
	name: string;
	type: string;
	/** The API credential type and the name the workflow gives it. */
	credentialType: string;
	credentialName: string;
	/** The credential's decrypted data; `secret` replaces the valid token or key. */
	credentialData(secret?: string): ICredentialDataDecryptedObject;
}

/** The ways a poll trigger test runs the node: "Fetch Test Event", active polls, its dropdown. */
export function pollTrigger(spec: PollTriggerSpec) {
	const nodeCredentials = { [spec.credentialType]: { id: '1', name: spec.credentialName } };
	const credentials = (secret?: string) => ({
		[spec.credentialType]: spec.credentialData(secret),
	});
	const workflowName = spec.name.toLowerCase();

	const node = (parameters: INodeParameters = {}) => ({
		name: spec.name,
		type: spec.type,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters,
		credentials: nodeCredentials,
	});

	/** "Fetch Test Event": a manual run; `secret` replaces the credential's token or key. */
	const manualRun = (parameters: INodeParameters = {}, secret?: string) =>
		runWorkflow(
			{ name: workflowName, nodes: [node(parameters)], connections: {} },
			{ credentials: credentials(secret) },
		);

	/**
	 * One scheduled poll as n8n runs it when the workflow is active: PollContext in trigger mode,
	 * node static data read from (and left in) `staticData`, which the caller keeps between polls.
	 */
	async function activePoll(parameters: INodeParameters, staticData: IDataObject) {
		const pinned = loadPinnedN8n();
		const nodeTypes = await loadNodeTypes();
		const workflow = new pinned.workflow.Workflow({
			id: workflowName.replace(/\W+/g, '-'),
			name: workflowName,
			nodes: [{ id: 'n1', ...node(parameters) }],
			connections: {},
			active: true,
			nodeTypes,
			staticData,
		});
		const additionalData = createAdditionalData(
			undefined,
			new TestCredentialsHelper(nodeTypes, credentials()),
			'poll',
		);
		const PollContext = (
			pinned.core as unknown as { PollContext: new (...args: unknown[]) => object }
		).PollContext;
		const context = new PollContext(
			workflow,
			workflow.getNode(spec.name) as INode,
			additionalData,
			'trigger',
			'activate',
		);
		const nodeType: INodeType = nodeTypes.getByNameAndVersion(spec.type, 1);
		const result = (await nodeType.poll?.call(context as never)) ?? null;
		return {
			items: (result?.[0] ?? []).map((item: INodeExecutionData) => item.json),
			staticData: workflow.staticData as IDataObject,
		};
	}

	/** The course dropdown (loadOptions getCourses) as the editor fills it. */
	const courseOptions = async () =>
		await loadOptions({
			type: spec.type,
			method: 'getCourses',
			credentials: credentials(),
			nodeCredentials,
		});

	return { manualRun, activePoll, courseOptions };
}
