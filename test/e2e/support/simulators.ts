// The local simulators for an e2e run: every registered one on a free port, and the demo
// credentials pointing at them imported into the n8n under test.
import * as path from 'path';

import type { Instance } from './harness';
import { REPO_ROOT } from './harness';

export interface RunningSimulators {
	urls: Record<string, string>;
	stop(): Promise<void>;
}

interface Registry {
	startRegisteredSimulators(options: { port?: number }): Promise<RunningSimulators>;
}

interface CredentialsModule {
	demoCredentials(
		urls: Record<string, string>,
	): Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>;
}

const simulatorsDir = path.join(REPO_ROOT, 'test', 'simulators');

/**
 * `dataByName` changes fields of demo credentials before they are imported, by credential name
 * (e.g. a Credly account's Requests per Minute).
 */
export async function startSimulatorsWithCredentials(
	n8n: Instance,
	dataByName: Record<string, Record<string, unknown>> = {},
): Promise<RunningSimulators> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const registry = require(path.join(simulatorsDir, 'registry.js')) as Registry;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const credentials = require(path.join(simulatorsDir, 'n8n-credentials.js')) as CredentialsModule;
	const running = await registry.startRegisteredSimulators({ port: 0 });
	try {
		await n8n.importCredentials(
			credentials
				.demoCredentials(running.urls)
				.map((c) => ({ ...c, data: { ...c.data, ...dataByName[c.name] } })),
		);
	} catch (error) {
		await running.stop();
		throw error;
	}
	return running;
}
