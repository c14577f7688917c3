#!/usr/bin/env node
// `npm test`: build, then unit, node and end-to-end tests (both n8n lines), stopping at the
// first failing step. TEST_SKIP_BUILD=1 leaves out the build, for a caller that has just built
// this tree (.ci/run builds once, before the benchmarks). Ends with one summary line "N passed, N failed" that adds up the
// results jest writes with --json (its normal output stays visible).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const { ensureDependencies } = require('./ensure-deps');

const ROOT = path.resolve(__dirname, '..');
const RESULTS = fs.mkdtempSync(path.join(os.tmpdir(), 'test-all-'));
const JEST = path.join(ROOT, 'node_modules', '.bin', 'jest');

// For steps run per n8n line, scripts/with-n8n.js fills in "{line}": one results file each.
const jestJson = (name, perLine = true) => [
	'--json',
	`--outputFile=${path.join(RESULTS, perLine ? `${name}-{line}.json` : `${name}.json`)}`,
];

// One jest worker per core. Jest's default (cores - 1) leaves one of a 2-core CI machine's cores
// idle, while its main process mostly waits and the tests often wait on sockets, simulators and
// child processes. The e2e layer stays in band within a line (one n8n server per line), and
// test:e2e runs the two lines side by side: they mostly wait, so they overlap well.
const ALL_CORES = '--maxWorkers=100%';

const STEPS = [
	{ name: 'build', cmd: 'npm', args: ['run', 'build'], skip: process.env.TEST_SKIP_BUILD === '1' },
	// The certificate tests check every rendered PDF with Poppler, Ghostscript, qpdf and MuPDF,
	// the audit-pack tests read zips with unzip: installed here with apt when missing; the tests
	// fail (never skip) without them.
	{
		name: 'pdf readers',
		cmd: 'bash',
		args: [path.join(ROOT, 'scripts', 'pdf-readers', 'ensure.sh')],
	},
	// The verification-page and dashboard e2e tests load pages in a real browser (Debian's
	// chromium), installed the same way; the tests fail (never skip) without it.
	{
		name: 'browser',
		cmd: 'bash',
		args: [path.join(ROOT, 'scripts', 'browser', 'ensure.sh')],
	},
	// The Open Badge code loads the W3C VC libraries (ES modules) with import(), which jest only
	// allows with --experimental-vm-modules.
	{
		name: 'unit',
		cmd: JEST,
		args: ['--selectProjects', 'unit', ALL_CORES, '--passWithNoTests', ...jestJson('unit', false)],
		env: { NODE_OPTIONS: '--experimental-vm-modules' },
	},
	{
		name: 'nodes',
		cmd: 'npm',
		args: ['run', 'test:nodes', '--', ALL_CORES, '--passWithNoTests', ...jestJson('nodes')],
	},
	{ name: 'e2e', cmd: 'npm', args: ['run', 'test:e2e', '--', ...jestJson('e2e')] },
];

function tally() {
	let passed = 0;
	let failed = 0;
	for (const file of fs.readdirSync(RESULTS).filter((f) => f.endsWith('.json'))) {
		const r = JSON.parse(fs.readFileSync(path.join(RESULTS, file), 'utf8'));
		passed += r.numPassedTests;
		// A suite that fails to load has no failed tests of its own: count it as one failure.
		failed +=
			r.numFailedTests +
			(r.testResults || []).filter(
				(s) => s.status === 'failed' && !s.assertionResults?.some((a) => a.status === 'failed'),
			).length;
	}
	return { passed, failed };
}

// Throwaway servers the tests need, each started unless its variable already names one, so no
// test that needs one is ever skipped: PostgreSQL for the ledger's Postgres store, Redis for the
// state queue-mode workers share, and a Redis Cluster for the same state on n8n's cluster setting.
// `scripts` is the folder of the start and stop scripts, `start` / `stop` their names there.
const SERVERS = [
	{ name: 'postgres', env: 'LEDGER_PG_URL', purpose: 'the ledger tests' },
	{ name: 'redis', env: 'REDIS_URL', purpose: 'the queue-mode state tests' },
	{
		name: 'redis cluster',
		env: 'REDIS_CLUSTER_URL',
		purpose: 'the queue-mode state tests on a cluster',
		scripts: 'redis',
		start: 'start-cluster.sh',
		stop: 'stop-cluster.sh',
	},
];

function startServer(server) {
	const { name, env, purpose, scripts = name, start = 'start.sh', stop = 'stop.sh' } = server;
	if (process.env[env]) return null;
	console.log(`\n>>> ${name} (throwaway server for ${purpose})`);
	const script = path.join(ROOT, 'scripts', scripts, start);
	const res = spawnSync('bash', [script], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	if (res.status !== 0) throw new Error(`could not start ${name} (scripts/${scripts}/${start})`);
	process.env[env] = res.stdout.trim();
	return { url: process.env[env], stopScript: path.join(ROOT, 'scripts', scripts, stop) };
}

function stopServer(started) {
	if (!started) return;
	spawnSync('bash', [started.stopScript, started.url], { stdio: 'inherit' });
}

function main() {
	ensureDependencies();
	const servers = SERVERS.map(startServer);
	let failedStep = null;
	for (const step of STEPS) {
		if (step.skip) {
			console.log(`\n>>> ${step.name}: skipped (TEST_SKIP_BUILD=1: the tree was just built)`);
			continue;
		}
		const started = Date.now();
		console.log(`\n>>> ${step.name}`);
		const env = { ...process.env, ...step.env };
		const res = spawnSync(step.cmd, step.args, { cwd: ROOT, stdio: 'inherit', env });
		const secs = ((Date.now() - started) / 1000).toFixed(0);
		console.log(`<<< ${step.name}: ${res.status === 0 ? 'ok' : 'FAILED'} in ${secs} s`);
		if (res.status !== 0) {
			failedStep = step.name;
			break;
		}
	}
	servers.forEach(stopServer);
	const { passed, failed } = tally();
	fs.rmSync(RESULTS, { recursive: true, force: true });
	if (failedStep) console.log(`\nstopped: the ${failedStep} step failed`);
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failedStep || failed ? 1 : 0);
}

main();
