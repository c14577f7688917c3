// The servers a queue-mode n8n needs beside itself: PostgreSQL (n8n's database and the
// ledger's, two fresh databases on one server) and Redis (n8n's job queue, and whatever the pack
// shares between workers). Both are private to the cluster: a throwaway PostgreSQL from
// scripts/postgres/start.sh (a server shared by both n8n lines side by side would run out of its
// 100 connections: every n8n process and every worker's ledger keeps a pool) and a redis-server,
// so two clusters never see each other's queue or shared state.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawn, spawnSync, execFileSync } = require('child_process');
const { freePort, portInUse } = require('./ports');
const { ROOT } = require('./package-install');

const { Client } = require(path.join(ROOT, 'node_modules', 'pg'));

function postgresScript(name, args = []) {
	const res = spawnSync('bash', [path.join(ROOT, 'scripts', 'postgres', name), ...args], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (res.status !== 0)
		throw new Error(`scripts/postgres/${name} failed:\n${res.stderr || res.stdout}`);
	return res.stdout.trim();
}

async function sql(url, database, text, params) {
	const target = new URL(url);
	target.pathname = `/${database}`;
	const client = new Client({ connectionString: target.toString() });
	await client.connect();
	try {
		return (await client.query(text, params)).rows;
	} finally {
		await client.end();
	}
}

async function startPostgres() {
	const url = postgresScript('start.sh');
	const parsed = new URL(url);
	// start.sh creates the ledger's database; n8n gets one of its own beside it.
	const ledgerDatabase = parsed.pathname.slice(1);
	const n8nDatabase = 'n8n';
	await sql(url, ledgerDatabase, `CREATE DATABASE ${n8nDatabase}`);
	const connection = {
		host: parsed.hostname,
		port: Number(parsed.port || 5432),
		user: decodeURIComponent(parsed.username),
		password: decodeURIComponent(parsed.password),
	};
	return {
		...connection,
		n8nDatabase,
		ledger: { ...connection, database: ledgerDatabase, ssl: 'disable' },
		queryN8n: (text, params) => sql(url, n8nDatabase, text, params),
		queryLedger: (text, params) => sql(url, ledgerDatabase, text, params),
		stop: async () => postgresScript('stop.sh', [url]),
	};
}

function redisBinary() {
	try {
		return execFileSync('bash', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
	} catch {
		throw new Error(
			"redis-server is not installed: install Debian's redis-server package (scripts/redis/start.sh installs it when run as root)",
		);
	}
}

async function startRedis(folder) {
	const port = await freePort();
	const password = crypto.randomBytes(12).toString('hex');
	fs.mkdirSync(folder, { recursive: true });
	const log = path.join(folder, 'redis.log');
	// Memory only: a throwaway queue needs no snapshots. The password is passed on the command
	// line of a local test server only.
	const child = spawn(
		redisBinary(),
		[
			'--bind',
			'127.0.0.1',
			'--port',
			String(port),
			'--requirepass',
			password,
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			folder,
			'--logfile',
			log,
		],
		{ stdio: 'ignore', detached: true },
	);
	const exited = new Promise((resolve) => child.on('exit', resolve));
	process.on('exit', () => child.kill('SIGKILL'));
	const deadline = Date.now() + 10_000;
	while (!(await portInUse(port))) {
		if (child.exitCode !== null || Date.now() > deadline)
			throw new Error(
				`redis-server did not start:\n${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''}`,
			);
		await new Promise((r) => setTimeout(r, 50));
	}
	return {
		host: '127.0.0.1',
		port,
		password,
		url: `redis://:${password}@127.0.0.1:${port}`,
		async stop() {
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
		},
	};
}

async function startBackingServices(root) {
	const postgres = await startPostgres();
	let redis;
	try {
		redis = await startRedis(path.join(root, 'redis'));
	} catch (error) {
		await postgres.stop();
		throw error;
	}
	return {
		postgres,
		redis,
		async stop() {
			await redis.stop();
			await postgres.stop();
		},
	};
}

module.exports = { startBackingServices };
