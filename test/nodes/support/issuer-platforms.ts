// Node tests for the issuer platform nodes: a simulator per test file on a free port, the
// credential that points at it, and one-call runners for each node.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startCertifierSimulator, startCredlySimulator, type SimHandle } from '../../simulators';
import { SimControl, type LoggedRequest } from '../../unit/platforms/support/sim-control';
import type { TestCredentials } from './credentials';
import { speedUpRateLimiters } from './fast-rate-limits';
import { runNode, type NodeRunResult, type NodeSettings } from './run-node';

// Simulator start, n8n loading and retries with real backoff take seconds on a busy machine.
jest.setTimeout(60_000);

export { SimControl };
export type { LoggedRequest };

export const CREDLY_TYPE = 'n8n-nodes-certificate-delivery.credly';
export const CERTIFIER_TYPE = 'n8n-nodes-certificate-delivery.certifier';
export const CREDLY_TRIGGER_TYPE = 'n8n-nodes-certificate-delivery.credlyTrigger';
export const CERTIFIER_TRIGGER_TYPE = 'n8n-nodes-certificate-delivery.certifierTrigger';

/** Sample ids of the simulators (test/simulators/<platform>/sample-data.js). */
export const CREDLY_TEMPLATE = 'cfaf2910-ea5f-46f1-89a5-db525dad6e58';
export const CREDLY_ARCHIVED_TEMPLATE = '8e2f4a6b-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
export const CERTIFIER_GROUP = '01g90279gp5sbmfek7wymcsvec';

export interface Platform {
	sim: SimHandle;
	control: SimControl;
	credentials: TestCredentials;
	nodeCredentials: { [type: string]: { id: string; name: string } };
}

export function credlyCredentials(sim: SimHandle, overrides: IDataObject = {}): TestCredentials {
	return {
		credlyApi: {
			environment: 'custom',
			baseUrl: sim.url,
			organizationId: sim.credentials.organizationId,
			authToken: sim.credentials.apiKey,
			...overrides,
		},
	};
}

export function certifierCredentials(sim: SimHandle, overrides: IDataObject = {}): TestCredentials {
	return {
		certifierApi: {
			baseUrl: sim.url,
			accessToken: sim.credentials.apiKey,
			webhookSecret: sim.credentials.webhookSecret,
			...overrides,
		},
	};
}

/** Starts the simulator before the file's tests, resets it before each, stops it after. */
export function usePlatform(name: 'credly' | 'certifier'): () => Platform {
	let platform: Platform | undefined;
	beforeAll(async () => {
		speedUpRateLimiters();
		// Each file has its own simulator, so limiter keys per file keep runs independent.
		const sim = await (name === 'credly' ? startCredlySimulator : startCertifierSimulator)({
			port: 0,
		});
		const credentialId = `${name}-${sim.port}`;
		platform = {
			sim,
			control: new SimControl(sim),
			credentials: name === 'credly' ? credlyCredentials(sim) : certifierCredentials(sim),
			nodeCredentials: {
				[`${name}Api`]: {
					id: credentialId,
					name: name === 'credly' ? 'Credly account' : 'Certifier account',
				},
			},
		};
	});
	beforeEach(async () => {
		await platform?.control.reset();
	});
	afterAll(async () => {
		await platform?.sim.stop();
	});
	return () => {
		if (!platform) throw new Error('the simulator is not started yet');
		return platform;
	};
}

export interface PlatformRun {
	parameters: INodeParameters;
	items?: IDataObject[];
	settings?: NodeSettings;
	credentials?: TestCredentials;
}

export async function runPlatformNode(
	type: string,
	platform: Platform,
	run: PlatformRun,
): Promise<NodeRunResult> {
	return await runNode({
		type,
		parameters: run.parameters,
		items: run.items,
		settings: run.settings,
		credentials: run.credentials ?? platform.credentials,
		nodeCredentials: platform.nodeCredentials,
	});
}

/** The json of each item of the main output. */
export function jsonOf(result: NodeRunResult, output = 0): IDataObject[] {
	return (result.outputs[output] ?? []).map((item: INodeExecutionData) => item.json);
}

export function pairedIndexes(result: NodeRunResult, output = 0): number[] {
	return (result.outputs[output] ?? []).map((item) => {
		const paired = item.pairedItem;
		if (typeof paired === 'number') return paired;
		if (Array.isArray(paired)) return paired[0]?.item ?? -1;
		return paired?.item ?? -1;
	});
}

/** API requests the simulator saw (control calls are not logged), e.g. only the POSTs. */
export async function apiRequests(platform: Platform, method?: string): Promise<LoggedRequest[]> {
	const all = await platform.control.requests();
	return method ? all.filter((request) => request.method === method) : all;
}
