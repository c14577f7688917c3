// n8n in queue mode on one machine, as an organisation runs it on several: PostgreSQL as n8n's
// database, Redis for the job queue, one main instance (editor, triggers, activation), one
// webhook processor (production webhooks) and workers that run the executions. Every process
// has its own user folder with this build installed, as separate hosts would, and the same
// encryption key. Workers can be killed (SIGKILL) and started again.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createInstance } = require('./instance');
const { freePort } = require('./ports');
const { startBackingServices } = require('./queue-services');

// Environment every process of the cluster shares: queue mode, n8n's database and its Redis.
function queueEnv({ postgres, redis, webhookPort, settings }) {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.n8nDatabase,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_REDIS_PASSWORD: redis.password,
		// Workers answer /healthz/readiness once their database and Redis connections are up.
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		// Production webhooks are served by the webhook processor only, as n8n advises at scale.
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
		// Manual runs (the editor's "Execute workflow") go to the workers too: the default on 2.x,
		// announced for 1.x.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		...settings,
	};
}

const LEDGER_NODE = 'n8n-nodes-certificate-delivery.credentialLedger';
/** The credential queue-mode workflows name for the ledger's database. */
const LEDGER_DATABASE_CREDENTIAL = {
	id: 'queueLedgerDatabase',
	name: 'Credential Ledger database',
};

// The embedded ledger is one folder per host and refused in queue mode: every Credential Ledger
// node of the workflow (n8n's JSON, changed in place) uses the PostgreSQL ledger instead.
function ledgerOnPostgres(workflowJson) {
	for (const node of workflowJson.nodes || []) {
		if (node.type !== LEDGER_NODE) continue;
		node.parameters = { ...node.parameters, storage: 'postgres' };
		node.credentials = {
			...node.credentials,
			credentialLedgerPostgresApi: { ...LEDGER_DATABASE_CREDENTIAL },
		};
	}
	return workflowJson;
}

/**
 * Starts the backing services and creates the instances; n8n itself starts with `start()` once
 * the caller has imported and activated its workflows through `cluster.main` (its CLI writes to
 * the shared database). Options: `workers` (2), `concurrency` (executions per worker, 10),
 * `env` (more environment for every process, e.g. execution saving or the stalled-job interval),
 * `encryptionKey` and `mainPort` (the editor's port; free ports otherwise).
 */
async function createQueueCluster({
	line,
	workers = 2,
	concurrency = 10,
	env = {},
	encryptionKey = crypto.randomBytes(24).toString('hex'),
	mainPort,
} = {}) {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-queue-line${line}-`));
	const services = await startBackingServices(root);
	const webhookPort = await freePort();
	const shared = queueEnv({ ...services, webhookPort, settings: env });
	const instances = [];
	const instance = async (name, port, extra = {}) => {
		const created = await createInstance({
			line,
			userFolder: path.join(root, name),
			port,
			encryptionKey,
			env: { ...shared, ...extra },
		});
		created.installPackage();
		instances.push(created);
		return created;
	};
	try {
		const main = await instance('main', mainPort || (await freePort()));
		const webhook = await instance('webhook', webhookPort);
		const workerInstances = [];
		for (let i = 0; i < workers; i++) {
			const port = await freePort();
			workerInstances.push(
				await instance(`worker-${i + 1}`, port, { QUEUE_HEALTH_CHECK_PORT: String(port) }),
			);
		}
		return clusterOf({
			root,
			services,
			main,
			webhook,
			workers: workerInstances,
			concurrency,
			instances,
		});
	} catch (error) {
		await services.stop();
		fs.rmSync(root, { recursive: true, force: true });
		throw error;
	}
}

function clusterOf({ root, services, main, webhook, workers, concurrency, instances }) {
	const startWorker = async (index) => {
		const worker = workers[index];
		await worker.start({ command: ['worker', `--concurrency=${concurrency}`] });
		await worker.waitForHttp('/healthz/readiness');
	};
	const cluster = {
		root,
		main,
		webhook,
		workers,
		/** The credential that ledgerOnPostgres() names, for the ledger's own database. */
		ledgerCredential: {
			...LEDGER_DATABASE_CREDENTIAL,
			type: 'credentialLedgerPostgresApi',
			data: services.postgres.ledger,
		},
		/** SQL on n8n's database (e.g. counting executions). */
		queryN8n: services.postgres.queryN8n,
		queryLedger: services.postgres.queryLedger,
		redis: services.redis,

		/** Main first (it migrates the database and activates workflows), then the others. */
		async start() {
			await main.start();
			await main.waitForHttp('/healthz/readiness');
			await webhook.start({ command: ['webhook'] });
			await webhook.waitForHttp('/healthz/readiness');
			for (let i = 0; i < workers.length; i++) await startWorker(i);
		},
		startWorker,
		/** SIGKILL to the worker and its task runner: what an out-of-memory kill or a lost host does. */
		async killWorker(index) {
			return await workers[index].server.kill();
		},
		/** Log tails of every process, for failure messages. */
		logs(lines = 40) {
			return instances
				.map(
					(i) =>
						`--- ${path.basename(i.userFolder)} ---\n${i.server?.logTail(lines) ?? '(not started)'}`,
				)
				.join('\n');
		},
		async stop() {
			await Promise.all(instances.map((i) => i.stop()));
		},
		async dispose({ keep = process.env.N8N_HARNESS_KEEP === '1' } = {}) {
			await cluster.stop();
			await services.stop();
			if (!keep) fs.rmSync(root, { recursive: true, force: true });
		},
	};
	return cluster;
}

module.exports = { createQueueCluster, ledgerOnPostgres };
