#!/usr/bin/env node
// Runs a command once per pinned n8n line, with that line installed and on PATH.
//   node scripts/with-n8n.js --line=1|2|all [--parallel] -- <command...>
// Each run gets N8N_HARNESS_LINE, N8N_HARNESS_N8N_HOME, N8N_HARNESS_N8N_VERSION and the
// line's Node first on PATH. A command found in ./node_modules/.bin is run from there, and
// "{line}" in an argument becomes the line name (e.g. --outputFile=results-{line}.json).
// Exits non-zero if any run fails (all lines still run, so one report covers both).
// --parallel runs the lines at the same time, each output line prefixed with its n8n line: the
// e2e layer mostly waits on servers, simulators and rate limits, so two lines overlap well on
// two cores (each run has its own n8n server, ports and folders).
'use strict';

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { lineInfo, lineEnv, parseLines } = require('./n8n-harness/lines');
const { ensureLines } = require('./n8n-harness/install');

const ROOT = path.resolve(__dirname, '..');

function parseArgs(argv) {
	const sep = argv.indexOf('--');
	const own = sep === -1 ? argv : argv.slice(0, sep);
	const command = sep === -1 ? [] : argv.slice(sep + 1);
	const lineArg = own.find((a) => a.startsWith('--line='));
	if (!command.length) {
		console.error('usage: node scripts/with-n8n.js --line=1|2|all [--parallel] -- <command...>');
		process.exit(2);
	}
	return {
		lines: parseLines(lineArg ? lineArg.slice('--line='.length) : 'all'),
		parallel: own.includes('--parallel'),
		command,
	};
}

function resolveCommand(cmd) {
	const local = path.join(ROOT, 'node_modules', '.bin', cmd);
	return fs.existsSync(local) ? local : cmd;
}

// Copies a child's stream to ours a whole line at a time, each prefixed, so two runs' outputs
// interleave by line and never inside one.
function prefixLines(stream, out, prefix) {
	let pending = '';
	stream.setEncoding('utf8');
	stream.on('data', (chunk) => {
		const parts = (pending + chunk).split('\n');
		pending = parts.pop();
		if (parts.length) out.write(parts.map((l) => `${prefix}${l}\n`).join(''));
	});
	stream.on('end', () => {
		if (pending) out.write(`${prefix}${pending}\n`);
	});
}

function runOnce(line, command, prefixed) {
	const info = lineInfo(line);
	const env = {
		...lineEnv(line),
		N8N_HARNESS_LINE: info.line,
		N8N_HARNESS_N8N_HOME: info.n8nHome,
		N8N_HARNESS_N8N_VERSION: info.n8nVersion,
	};
	return new Promise((resolve) => {
		const commandArgs = command.slice(1).map((a) => a.replaceAll('{line}', info.line));
		console.log(
			`\n=== n8n line ${line} (n8n ${info.n8nVersion}): ${[command[0], ...commandArgs].join(' ')}`,
		);
		const child = spawn(resolveCommand(command[0]), commandArgs, {
			cwd: process.cwd(),
			env,
			stdio: prefixed ? ['inherit', 'pipe', 'pipe'] : 'inherit',
		});
		if (prefixed) {
			prefixLines(child.stdout, process.stdout, `[line ${line}] `);
			prefixLines(child.stderr, process.stderr, `[line ${line}] `);
		}
		const forward = (sig) => child.kill(sig);
		process.on('SIGINT', forward);
		process.on('SIGTERM', forward);
		child.on('error', (err) => {
			console.error(`cannot run ${command[0]}: ${err.message}`);
			resolve(127);
		});
		child.on('close', (code, signal) => {
			process.off('SIGINT', forward);
			process.off('SIGTERM', forward);
			resolve(code ?? (signal ? 1 : 0));
		});
	});
}

async function main() {
	const { lines, parallel, command } = parseArgs(process.argv.slice(2));
	await ensureLines(lines);
	const failed = [];
	if (parallel && lines.length > 1) {
		const codes = await Promise.all(lines.map((line) => runOnce(line, command, true)));
		lines.forEach((line, i) => codes[i] !== 0 && failed.push(line));
	} else {
		for (const line of lines) {
			if ((await runOnce(line, command, false)) !== 0) failed.push(line);
		}
	}
	if (failed.length) {
		console.error(`\nfailed on n8n line(s): ${failed.join(', ')}`);
		process.exit(1);
	}
}

main().catch((err) => {
	console.error(err.message);
	process.exit(1);
});
