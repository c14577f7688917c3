// Typed access to the plain-JavaScript harness in scripts/n8n-harness, and the n8n line this
// jest run targets (set per line by scripts/with-n8n.js).
import * as path from 'path';

export interface HttpResponse {
	status: number;
	headers: Record<string, string>;
	body: unknown;
	text: string;
}

export interface WebhookInfo {
	node: string;
	method: string;
	path: string;
}

export interface LoadedWorkflow {
	file: string;
	fileName: string;
	id: string;
	name: string;
	json: Record<string, unknown>;
	manual: boolean;
	/** Triggers without a webhook (e.g. poll triggers): run through the server, as the editor does. */
	polls: string[];
	webhooks: WebhookInfo[];
}

/** A signed-in session on n8n's internal REST API (scripts/n8n-harness/rest-session.js). */
export interface RestSession {
	ownerMissing(): Promise<boolean>;
	setupOwner(owner: { email: string; password: string }): Promise<void>;
	login(owner: { email: string; password: string }): Promise<void>;
	get(urlPath: string): Promise<unknown>;
	post(urlPath: string, body: unknown): Promise<unknown>;
	/** Activates a stored workflow on the running server, as the editor's toggle does. */
	activate(workflowId: string): Promise<void>;
}

export interface RunData {
	data?: { resultData?: { runData?: Record<string, unknown>; error?: { message: string } } };
}

export interface Server {
	pid: number;
	logTail(lines?: number): string;
}

export interface Instance {
	line: string;
	major: number;
	userFolder: string;
	baseUrl: string;
	installPackage(tarball?: string): string;
	importWorkflow(workflow: LoadedWorkflow): Promise<void>;
	/** Imports them all with one n8n process. */
	importWorkflows(workflows: LoadedWorkflow[]): Promise<void>;
	/** Ids of the workflows the database holds. */
	listWorkflowIds(): Promise<string[]>;
	importCredentials(
		credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>,
	): Promise<void>;
	execute(workflowId: string): Promise<RunData>;
	/** The editor's "Execute workflow" from `triggerName`, on the running server. */
	runFromTrigger(session: RestSession, workflowId: string, triggerName: string): Promise<RunData>;
	activate(workflowId: string): Promise<void>;
	exportNodes(): Promise<Array<{ name: string; version: number | number[] }>>;
	start(options?: { extraEnv?: Record<string, string> }): Promise<Server>;
	/** Stops the server; the user folder stays, so start() again is a restart. */
	stop(): Promise<void>;
	readonly server: Server | null;
	waitForWebhook(
		webhook: { method: string; path: string; workflowId?: string; node?: string },
		timeoutMs?: number,
	): Promise<void>;
	/** Resolves once n8n answers `urlPath` (default /healthz) for real, not its start-up page. */
	waitForHttp(urlPath?: string, timeoutMs?: number): Promise<void>;
	request(
		method: string,
		urlPath: string,
		options?: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number },
	): Promise<HttpResponse>;
	dispose(): Promise<void>;
}

/** n8n in queue mode (scripts/n8n-harness/queue.js): main, webhook processor, workers. */
export interface QueueCluster {
	main: Instance;
	webhook: Instance;
	workers: Instance[];
	/** The ledger's PostgreSQL database, as the credential ledgerOnPostgres() names. */
	ledgerCredential: { id: string; name: string; type: string; data: Record<string, unknown> };
	queryN8n(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
	queryLedger(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
	start(): Promise<void>;
	startWorker(index: number): Promise<void>;
	killWorker(index: number): Promise<unknown>;
	logs(lines?: number): string;
	dispose(): Promise<void>;
}

interface Harness {
	createQueueCluster(options: {
		line: string;
		workers?: number;
		concurrency?: number;
		env?: Record<string, string>;
	}): Promise<QueueCluster>;
	/** Every Credential Ledger node of the workflow JSON on the cluster's PostgreSQL ledger. */
	ledgerOnPostgres(workflowJson: Record<string, unknown>): void;
	lineInfo(line: string): { n8nVersion: string; n8nHome: string };
	isInstalled(line: string): boolean;
	createInstance(options: { line: string }): Promise<Instance>;
	loadWorkflowDir(dir: string): LoadedWorkflow[];
	nodeOutput(run: RunData, nodeName: string, outputIndex?: number): unknown[] | undefined;
	packPackage(): string;
	freePort(): Promise<number>;
	packageNodeTypes(): string[];
	PACKAGE: { name: string; n8n?: { nodes?: string[] } };
	ROOT: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const harness = require(
	path.join(__dirname, '..', '..', '..', 'scripts', 'n8n-harness'),
) as Harness;

export const REPO_ROOT = harness.ROOT;

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const restSessions = require(
	path.join(__dirname, '..', '..', '..', 'scripts', 'n8n-harness', 'rest-session'),
) as { createSession(baseUrl: string): RestSession; generatePassword(): string };

// n8n processes take seconds to boot; a project-level testTimeout is not applied by jest.
jest.setTimeout(600_000);

// The line under test. Outside scripts/with-n8n.js this defaults to line 2.
export function currentLine(): { line: string; n8nVersion: string } {
	const line = process.env.N8N_HARNESS_LINE || '2';
	if (!harness.isInstalled(line)) {
		throw new Error(`n8n line ${line} is not installed: run the e2e tests with "npm run test:e2e"`);
	}
	return { line, n8nVersion: harness.lineInfo(line).n8nVersion };
}
