// One n8n installation in its own user folder: install our package, import and run
// workflows with the CLI, then serve webhooks. Used by the e2e tests and `npm start`.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { lineInfo, lineSpec } = require('./lines');
const { n8nEnv } = require('./n8n-env');
const { freePort } = require('./ports');
const { runN8n, runOk, parseRawOutput, N8nCommandError } = require('./cli');
const { startServer, waitFor, throwOnActivationError } = require('./server');
const { installBuild, installTarball } = require('./package-install');
const { request } = require('./http');

// `env` is added to every n8n command of the instance (e.g. queue mode's database and Redis).
async function createInstance({
	line,
	userFolder,
	port,
	encryptionKey,
	env: instanceEnv = {},
} = {}) {
	const major = Number(lineSpec(line).n8nVersion.split('.')[0]);
	const temporary = !userFolder;
	const folder = userFolder || fs.mkdtempSync(path.join(os.tmpdir(), `n8n-harness-line${line}-`));
	fs.mkdirSync(folder, { recursive: true });
	// Picked when the server starts, so no other process can take it in between.
	let serverPort = port || null;
	const key = encryptionKey || crypto.randomBytes(24).toString('hex');
	let server = null;

	// CLI commands get their own task-broker port so they never collide with a running server.
	const env = async (extra) =>
		n8nEnv({
			line,
			userFolder: folder,
			port: serverPort || 5678,
			encryptionKey: key,
			brokerPort: await freePort(),
			extra: { ...instanceEnv, ...extra },
		});
	const cli = async (args, opts = {}) =>
		runOk(line, args, { env: await env(opts.env), cwd: folder, timeoutMs: opts.timeoutMs });

	const instance = {
		line: String(line),
		major,
		userFolder: folder,
		get port() {
			return serverPort;
		},
		get baseUrl() {
			return `http://127.0.0.1:${serverPort}`;
		},
		encryptionKey: key,
		cli,

		// Installs this build (or a given tarball) as a community package.
		installPackage(tarball) {
			return tarball ? installTarball(folder, tarball) : installBuild(folder);
		},

		async importWorkflow(workflow) {
			const file = path.join(folder, 'import', `${workflow.id}.json`);
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, JSON.stringify(workflow.json, null, 2));
			await cli(['import:workflow', `--input=${file}`]);
		},

		// Imports credentials ({ id, name, type, data } with plain data; n8n encrypts it with
		// this instance's key). Fixed ids make a second import update instead of adding copies.
		async importCredentials(credentials) {
			if (!credentials.length) return;
			const file = path.join(folder, 'import', 'credentials.json');
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
			try {
				await cli(['import:credentials', `--input=${file}`]);
			} finally {
				fs.rmSync(file, { force: true });
			}
		},

		// Imports many workflows with one n8n process (each CLI start takes seconds). Ids are
		// fixed, so importing again replaces them instead of adding copies.
		async importWorkflows(workflows) {
			const dir = path.join(folder, 'import', 'batch');
			fs.rmSync(dir, { recursive: true, force: true });
			fs.mkdirSync(dir, { recursive: true });
			for (const wf of workflows)
				fs.writeFileSync(path.join(dir, `${wf.id}.json`), JSON.stringify(wf.json, null, 2));
			if (workflows.length) await cli(['import:workflow', '--separate', `--input=${dir}`]);
		},

		// Ids of the stored workflows: `list:workflow` prints "id|name" lines (2.x after log lines).
		async listWorkflowIds() {
			const { stdout } = await cli(['list:workflow']);
			return stdout
				.split('\n')
				.filter((lineText) => lineText.includes('|'))
				.map((lineText) => lineText.split('|')[0].trim());
		},

		// Runs a workflow that starts with the Manual Trigger; resolves with n8n's run data.
		// Success needs the complete run record in the output: a wrong invocation can exit 0
		// without running anything.
		async execute(workflowId, { timeoutMs = 300_000 } = {}) {
			const args = ['execute', `--id=${workflowId}`, '--rawOutput'];
			const result = await runN8n(line, args, { env: await env(), cwd: folder, timeoutMs });
			const run = parseRawOutput(result.stdout);
			const fail = (why) =>
				new N8nCommandError(args, { ...result, code: `${result.code}, ${why}` });
			if (!run) throw fail('no run record in the output');
			const error = run.data?.resultData?.error;
			if (error) throw fail(`run error: ${error.message}`);
			if (run.status !== 'success' || run.finished !== true) throw fail(`run status ${run.status}`);
			// n8n 2.x with its default "vm" expression engine often exits 1 after printing a
			// complete, successful run (the isolated-vm teardown races process.exit; measured in
			// about half the runs). The run record is authoritative there.
			if (result.code === 0 || (major >= 2 && result.code === 1 && !result.timedOut)) return run;
			throw fail('non-zero exit');
		},

		// Runs a workflow from its trigger as the editor's "Execute workflow" does, through a
		// signed-in REST session of the running server; resolves with the run in the shape
		// `execute` gives. n8n stores execution data as flatted text: its own copy decodes it.
		async runFromTrigger(session, workflowId, triggerName, { timeoutMs = 120_000 } = {}) {
			const executionId = await session.runManually(workflowId, triggerName);
			const execution = await session.waitForExecution(executionId, timeoutMs);
			const flatted = require(path.join(lineInfo(line).n8nHome, 'node_modules', 'flatted'));
			const run = {
				id: executionId,
				status: execution.status,
				finished: execution.finished,
				data: typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data,
			};
			const error = run.data?.resultData?.error;
			if (error || run.status !== 'success')
				throw new Error(
					`manual run of ${workflowId} ended ${run.status}${error ? `: ${error.message}` : ''}\n--- server log (tail) ---\n${server?.logTail() ?? ''}`,
				);
			return run;
		},

		// Takes effect at the next server start.
		async activate(workflowId) {
			const args =
				major === 1
					? ['update:workflow', `--id=${workflowId}`, '--active=true']
					: ['publish:workflow', `--id=${workflowId}`];
			await cli(args);
		},

		// Node types n8n loads in this user folder (no server needed).
		async exportNodes() {
			const file = path.join(folder, 'export-nodes.json');
			await cli(['export:nodes', `--output=${file}`]);
			return JSON.parse(fs.readFileSync(file, 'utf8'));
		},

		// `command`: n8n's command line after the binary (queue mode: ['webhook'], ['worker', ...]).
		async start({ extraEnv, stdio, command } = {}) {
			if (server && !server.exited()) return server;
			serverPort = port || (await freePort());
			server = startServer({
				line,
				env: await env(extraEnv),
				logFile: path.join(folder, 'server.log'),
				stdio,
				command,
			});
			return server;
		},

		get server() {
			return server;
		},

		// Waits until the webhook is registered. A CORS preflight answers 204 only for a
		// registered webhook and does not run the workflow; readiness answers too early, and
		// while migrations run n8n answers every path with 200 "n8n is starting up".
		// With `workflowId` (and the trigger's `node` name), an activation failure in the
		// server log fails at once instead of waiting out the timeout.
		async waitForWebhook({ method, path: urlPath, workflowId, node }, timeoutMs = 120_000) {
			await waitFor(
				server,
				`webhook ${method} ${urlPath}`,
				async () => {
					if (workflowId) throwOnActivationError(server, { workflowId, node });
					const res = await request(instance.baseUrl + urlPath, {
						method: 'OPTIONS',
						headers: { origin: 'http://127.0.0.1', 'access-control-request-method': method },
						timeoutMs: 5000,
					});
					return res.status === 204;
				},
				timeoutMs,
			);
		},

		// Ready means a 200 that is not n8n's "starting up" placeholder, which answers every
		// path with 200 while migrations run (REST routes 404 right after it goes away).
		async waitForHttp(urlPath = '/healthz', timeoutMs = 120_000) {
			const ok = async () => {
				const res = await request(instance.baseUrl + urlPath, { timeoutMs: 5000 });
				return res.status === 200 && !res.text.includes('n8n is starting up');
			};
			await waitFor(server, `GET ${urlPath}`, ok, timeoutMs);
		},

		// An HTTP call to the server; a network failure or timeout reports the server log.
		async request(method, urlPath, options = {}) {
			try {
				return await request(instance.baseUrl + urlPath, { method, ...options });
			} catch (err) {
				throw new Error(
					`${method} ${urlPath} failed: ${err.message}\n--- server log (tail) ---\n${server?.logTail() ?? '(server not started)'}`,
				);
			}
		},

		async stop() {
			if (server) await server.stop();
		},

		async dispose({ keep = process.env.N8N_HARNESS_KEEP === '1' } = {}) {
			await instance.stop();
			if (temporary && !keep) fs.rmSync(folder, { recursive: true, force: true });
		},
	};
	return instance;
}

module.exports = { createInstance };
