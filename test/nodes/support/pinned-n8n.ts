// Loads the pinned n8n line's own n8n-core, n8n-workflow and n8n-nodes-base (never the copy
// in our devDependencies), so node tests exercise exactly the engine a user would run.
// The harness script points N8N_HARNESS_N8N_HOME at the folder whose node_modules holds n8n.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { stopExpressionEngine } from './expression-engine';
import type { N8nCoreModule, N8nWorkflowModule } from './n8n-core-types';

export interface PinnedN8n {
	/** '1' or '2' when run through the harness script. */
	line: string;
	coreVersion: string;
	coreMajor: number;
	core: N8nCoreModule;
	workflow: N8nWorkflowModule;
	nodesBaseDirectory: string;
	userFolder: string;
	/** Stops engine services that would keep the test process alive. */
	stopEngineServices(): void;
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function readVersion(packageJsonPath: string): string {
	const parsed: unknown = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
	if (
		typeof parsed === 'object' &&
		parsed !== null &&
		'version' in parsed &&
		typeof parsed.version === 'string'
	) {
		return parsed.version;
	}
	throw new Error(`no version in ${packageJsonPath}`);
}

export function n8nHome(): string {
	const home = process.env.N8N_HARNESS_N8N_HOME;
	if (!home) {
		throw new Error(
			'N8N_HARNESS_N8N_HOME is not set: run node tests through `npm run test:nodes` ' +
				'(node scripts/with-n8n.js --line=2 -- jest --selectProjects nodes)',
		);
	}
	return home;
}

let pinned: PinnedN8n | undefined;

// n8n-core writes its instance settings under N8N_USER_FOLDER at first use: keep that out
// of the developer's home folder, and remove it once the importing test file is done.
function useTemporaryUserFolder(): string {
	const folder = mkdtempSync(path.join(tmpdir(), 'n8n-node-tests-'));
	process.env.N8N_USER_FOLDER = folder;
	return folder;
}

afterAll(async () => {
	if (!pinned) return;
	await stopExpressionEngine(pinned);
	pinned.stopEngineServices();
	rmSync(pinned.userFolder, { recursive: true, force: true });
});

export function loadPinnedN8n(): PinnedN8n {
	if (pinned) return pinned;
	const home = n8nHome();
	const userFolder = useTemporaryUserFolder();
	// Quiet, deterministic engine settings, as the harness uses for the real server.
	process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
	process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
	// Tests keep their files (ledger folders, rule sets) in the temp folder and the fixtures:
	// allow those, as an operator would. n8n 2 otherwise allows only ~/.n8n-files, and reads the
	// setting once, so it is set before n8n loads. n8n's own folder in the temp folder stays blocked.
	process.env.N8N_RESTRICT_FILE_ACCESS_TO ??= [
		tmpdir(),
		path.join(REPO_ROOT, 'test', 'fixtures'),
	].join(';');

	const requireFromHome = createRequire(path.join(home, 'package.json'));
	const corePackageJson = requireFromHome.resolve('n8n-core/package.json');
	// The n8n-workflow that n8n-core itself resolves: the one whose classes the engine checks.
	const requireFromCore = createRequire(corePackageJson);
	const workflow = requireFromCore('n8n-workflow') as N8nWorkflowModule;
	routeOurPackageToPinnedWorkflow(workflow);
	const core = requireFromHome('n8n-core') as N8nCoreModule;
	const coreVersion = readVersion(corePackageJson);

	pinned = {
		line: process.env.N8N_HARNESS_LINE ?? 'unknown',
		coreVersion,
		coreMajor: Number(coreVersion.split('.')[0]),
		core,
		workflow,
		nodesBaseDirectory: path.dirname(requireFromHome.resolve('n8n-nodes-base/package.json')),
		userFolder,
		stopEngineServices: () => stopSshCleanupTimer(requireFromCore),
	};
	return pinned;
}

type ServiceClass<T> = new (...args: never[]) => T;
interface DiModule {
	Container: { get<T>(type: ServiceClass<T>): T };
}
interface SshClientsManagerModule {
	SSHClientsManager: ServiceClass<{ onShutdown(): void }>;
}

// The first node execution context creates n8n-core's SSH tunnel manager, which starts a
// one-minute cleanup interval. 1.x does not unref it, so jest would never exit; stop it the
// way n8n's own shutdown does (harmless on 2.x, which unrefs it).
function stopSshCleanupTimer(requireFromCore: NodeRequire): void {
	let managerPath: string;
	try {
		managerPath = requireFromCore.resolve('n8n-core/dist/execution-engine/ssh-clients-manager');
	} catch {
		return;
	}
	const { Container } = requireFromCore('@n8n/di') as DiModule;
	const { SSHClientsManager } = requireFromCore(managerPath) as SshClientsManagerModule;
	Container.get(SSHClientsManager).onShutdown();
}

// Our built nodes `require('n8n-workflow')`, which from the repository resolves to the
// devDependency. A real n8n hands community packages its own copy (the package only peers
// on it), so errors our node throws are instances of the engine's classes. Reproduce that.
function routeOurPackageToPinnedWorkflow(workflow: N8nWorkflowModule): void {
	jest.doMock('n8n-workflow', () => workflow);
}
