#!/usr/bin/env node
// `npm start`: a local n8n (line 2) with this package installed and every workflow template
// imported, ready to log in to at http://127.0.0.1:5678 (env N8N_PORT overrides).
//
//   --check      do everything, verify through the running server that our node types are
//                loaded and the templates imported once, then stop (exit 0 on success).
//                Also START_CHECK=1.
//   --no-build   reuse the existing dist/ instead of running `npm run build`.
//   --queue      n8n in queue mode instead: PostgreSQL and Redis (throwaway servers), a main
//                instance (the editor, on the same port), a webhook processor and two workers
//                (START_QUEUE_WORKERS, START_QUEUE_CONCURRENCY), the ledger on PostgreSQL.
//                Nothing is kept after it stops.
// The demo keeps its data in .n8n-harness/demo (env START_DEMO_DIR overrides).
'use strict';

const path = require('path');
const { spawnSync } = require('child_process');
const h = require('./n8n-harness');
const { portInUse } = require('./n8n-harness/ports');
const { createSession } = require('./n8n-harness/rest-session');
const demo = require('./n8n-harness/demo-state');

const ROOT = path.resolve(__dirname, '..');
// The demo runs the newest pinned n8n; START_N8N_LINE=1 picks the 1.x line (the e2e tests
// prove the demo on both).
const LINE = process.env.START_N8N_LINE || '2';
const args = process.argv.slice(2);
const CHECK = args.includes('--check') || process.env.START_CHECK === '1';
const BUILD = !args.includes('--no-build');
const QUEUE = args.includes('--queue');
const DEMO_DIR = path.resolve(
	process.env.START_DEMO_DIR || path.join(ROOT, '.n8n-harness', 'demo'),
);
const PORT = Number(process.env.N8N_PORT || 5678);

// Local API simulators (test/simulators/registry.js) run at their default ports, and the
// credentials the templates name are created pointing at them, so the templates run at once.
const { startRegisteredSimulators } = require('../test/simulators/registry');
const { demoCredentials, TEMPLATE_WEBHOOK_AUTH } = require('../test/simulators/n8n-credentials');

const log = (msg) => console.log(`[start] ${msg}`);

// The template webhooks refuse calls without this header; its value is published, demo only.
const webhookTokenHint = () =>
	`template webhooks need the header ${TEMPLATE_WEBHOOK_AUTH.headerName}: ${TEMPLATE_WEBHOOK_AUTH.demoToken} ` +
	`(a published demo value in the credential "${TEMPLATE_WEBHOOK_AUTH.credentialName}": set your own, see each template's Setup note)`;

async function startSimulators() {
	// START_SIMULATOR_PORTS=free puts them on free ports (tests of this script use it).
	const free = process.env.START_SIMULATOR_PORTS === 'free';
	const running = await startRegisteredSimulators(free ? { port: 0 } : {});
	for (const sim of running.simulators) log(`simulator ${sim.name} on ${sim.url}`);
	return running;
}

function build() {
	log('building the package (npm run build)');
	const res = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (res.status !== 0) throw new Error('npm run build failed');
}

async function signIn(n8n, state) {
	const session = createSession(n8n.baseUrl);
	if (await session.ownerMissing()) {
		log(`creating the owner account ${state.email}`);
		await session.setupOwner(state);
	} else {
		await session.login(state).catch((err) => {
			throw new Error(
				`${err.message}\nThe owner exists but the stored password does not work: delete ${DEMO_DIR} to start afresh.`,
			);
		});
	}
	return session;
}

// Proves the running server serves our nodes, holds each template and credential exactly
// once, and has the webhook templates active.
async function check(session, templates, credentials) {
	const loaded = new Set((await session.get('/types/nodes.json')).map((t) => t.name));
	const missing = h.packageNodeTypes().filter((type) => !loaded.has(type));
	if (missing.length) throw new Error(`node types missing from the server: ${missing.join(', ')}`);
	const workflows = (await session.get('/rest/workflows')).data;
	for (const t of templates) {
		const copies = workflows.filter((w) => w.id === t.id || w.name === t.name).length;
		if (copies !== 1) throw new Error(`template ${t.fileName} is present ${copies} times`);
		const stored = workflows.find((w) => w.id === t.id);
		if (t.webhooks.length && !(stored?.active || stored?.activeVersionId))
			throw new Error(`webhook template ${t.fileName} is not active`);
	}
	const stored = (await session.get('/rest/credentials')).data;
	for (const c of credentials) {
		const copies = stored.filter((s) => s.name === c.name && s.type === c.type).length;
		if (copies !== 1) throw new Error(`credential "${c.name}" is present ${copies} times`);
	}
	log(
		`check passed: ${h.PACKAGE.n8n.nodes.length} node type(s) loaded, ${templates.length} template(s) and ${credentials.length} credential(s) imported once`,
	);
}

async function main() {
	const otherPid = demo.runningPid(DEMO_DIR);
	if (otherPid) throw new Error(`a demo n8n is already running from ${DEMO_DIR} (PID ${otherPid})`);
	if (await portInUse(PORT))
		throw new Error(`port ${PORT} is in use: set N8N_PORT to another port`);
	if (BUILD) build();
	await h.ensureLines([LINE]);

	const state = demo.loadOrCreateState(DEMO_DIR);
	const simulators = await startSimulators();
	const deployment = QUEUE
		? await queueDeployment(state, simulators.env)
		: await singleDeployment(state, simulators.env);
	const { n8n } = deployment;
	const credentials = [...demoCredentials(simulators.urls), ...deployment.credentials];
	log(`creating ${credentials.length} credential(s) for the simulators`);
	await n8n.importCredentials(credentials);
	log(webhookTokenHint());
	const templates = h.loadWorkflowDir(path.join(ROOT, 'workflows'));
	for (const t of templates) deployment.adapt(t.json);
	log(`importing ${templates.length} workflow template(s)`);
	await n8n.importWorkflows(templates);

	log(
		`starting n8n ${h.lineInfo(LINE).n8nVersion}${QUEUE ? ' in queue mode' : ''} (log: ${path.relative(ROOT, n8n.userFolder)}/server.log)`,
	);
	const server = await deployment.start();
	demo.writePid(DEMO_DIR, server.pid);
	let stopping = false;
	const shutdown = async (code) => {
		if (stopping) return;
		stopping = true;
		log('stopping n8n');
		await deployment.stop();
		await simulators.stop();
		demo.clearPid(DEMO_DIR);
		process.exit(code);
	};
	process.on('SIGINT', () => shutdown(0));
	process.on('SIGTERM', () => shutdown(0));

	try {
		await n8n.waitForHttp('/rest/settings');
		const session = await signIn(n8n, state);
		// Webhook templates answer at their production URLs straight away: activated through the
		// server as the editor's toggle does (an n8n command per template takes seconds each).
		for (const t of templates.filter((w) => w.webhooks.length)) await session.activate(t.id);
		if (CHECK) {
			await check(session, templates, credentials);
			return shutdown(0);
		}
	} catch (err) {
		console.error(`[start] ${err.message}`);
		return shutdown(1);
	}

	console.log(
		[
			'',
			`n8n is running: ${n8n.baseUrl}`,
			...deployment.notes,
			`  log in as   ${state.email}`,
			`  password    ${state.password}`,
			`  (stored in ${path.relative(ROOT, path.join(DEMO_DIR, demo.STATE_FILE))})`,
			`Note: ${webhookTokenHint()}.`,
			'Templates are re-imported at every start: duplicate one before changing it.',
			'Press Ctrl-C to stop.',
			'',
		].join('\n'),
	);
	const exit = await server.waitForExit();
	if (!stopping) {
		console.error(`[start] n8n exited unexpectedly (${JSON.stringify(exit)})\n${server.logTail()}`);
		await shutdown(1);
	}
}

// One n8n process with SQLite, kept in the demo folder.
async function singleDeployment(state, extraEnv) {
	// The harness environment (n8n-harness/n8n-env.js) sets N8N_UNVERIFIED_PACKAGES_ENABLED=true:
	// this package is not verified by n8n, and n8n 3 stops loading unverified packages otherwise.
	const n8n = await h.createInstance({
		line: LINE,
		userFolder: DEMO_DIR,
		port: PORT,
		encryptionKey: state.encryptionKey,
	});
	log(`installing ${h.PACKAGE.name} into the demo n8n`);
	n8n.installPackage();
	return {
		n8n,
		credentials: [],
		adapt: () => {},
		notes: [],
		start: () => n8n.start({ extraEnv }),
		stop: () => n8n.stop(),
	};
}

// n8n's queue mode on this machine (scripts/n8n-harness/queue.js); the templates' ledger nodes
// use PostgreSQL, since the embedded ledger is refused in queue mode.
async function queueDeployment(state, extraEnv) {
	const workers = Number(process.env.START_QUEUE_WORKERS || 2);
	log(
		`starting PostgreSQL and Redis, installing ${h.PACKAGE.name} for main, webhook processor and ${workers} worker(s)`,
	);
	const cluster = await h.createQueueCluster({
		line: LINE,
		workers,
		concurrency: Number(process.env.START_QUEUE_CONCURRENCY || 10),
		env: extraEnv,
		encryptionKey: state.encryptionKey,
		mainPort: PORT,
	});
	return {
		n8n: cluster.main,
		credentials: [cluster.ledgerCredential],
		adapt: h.ledgerOnPostgres,
		notes: [
			`  webhooks    ${cluster.webhook.baseUrl}/webhook/... (the webhook processor)`,
			`  workers     ${cluster.workers.length}; Redis ${cluster.redis.host}:${cluster.redis.port}`,
		],
		async start() {
			await cluster.start();
			return cluster.main.server;
		},
		stop: () => cluster.dispose(),
	};
}

main().catch((err) => {
	console.error(`[start] ${err.message}`);
	process.exit(1);
});
