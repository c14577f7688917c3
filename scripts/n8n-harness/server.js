// Starts `n8n start` as a child process, waits until it serves what the caller needs and
// stops it by PID. Output goes to a log file in the user folder and is kept for error
// messages.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { lineInfo } = require('./lines');
const { tail } = require('./cli');

const running = new Set();
// A test run that crashes must not leave n8n behind.
process.on('exit', () => {
	for (const child of running) {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
});

// `command` is n8n's: `start` (the main instance), `webhook` or `worker` (queue mode).
function startServer({ line, env, logFile, stdio = 'log', command = ['start'] }) {
	const { nodeBin, n8nBin } = lineInfo(line);
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const out = fs.openSync(logFile, 'a');
	// Own process group, so a hung n8n and its task runner can be killed together.
	const child = spawn(nodeBin, [n8nBin, ...command], {
		env,
		detached: true,
		stdio: ['ignore', stdio === 'inherit' ? 'inherit' : out, stdio === 'inherit' ? 'inherit' : out],
	});
	fs.closeSync(out);
	running.add(child);
	let exited = null;
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			running.delete(child);
			exited = { code, signal };
			resolve(exited);
		});
	});
	return {
		pid: child.pid,
		port: Number(env.N8N_PORT),
		baseUrl: `http://127.0.0.1:${env.N8N_PORT}`,
		logFile,
		exited: () => exited,
		waitForExit: () => exitPromise,
		logTail: (lines = 60) =>
			fs.existsSync(logFile) ? tail(fs.readFileSync(logFile, 'utf8'), lines) : '',
		stop: (timeoutMs = 20_000) => stopServer(child, exitPromise, () => exited, timeoutMs),
		// A crash as the operating system would cause it: no shutdown, no clean-up.
		kill: async () => {
			if (exited) return exited;
			process.kill(-child.pid, 'SIGKILL');
			return await exitPromise;
		},
	};
}

async function stopServer(child, exitPromise, exited, timeoutMs) {
	if (exited()) return exited();
	child.kill('SIGTERM');
	let timeout;
	const timer = new Promise((resolve) => (timeout = setTimeout(resolve, timeoutMs, 'timeout')));
	const outcome = await Promise.race([exitPromise, timer]);
	clearTimeout(timeout);
	if (outcome === 'timeout') {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// exited in the meantime
		}
		await exitPromise;
	}
	return exited();
}

// Polls `probe()` until it returns a truthy value; fails early if the server exited.
async function waitFor(server, what, probe, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		if (server.exited()) {
			throw new Error(
				`n8n exited (${JSON.stringify(server.exited())}) while waiting for ${what}\n--- server log (tail) ---\n${server.logTail()}`,
			);
		}
		try {
			const value = await probe();
			if (value) return value;
		} catch (err) {
			if (err.fatal) throw err;
			lastError = err;
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(
		`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}\n--- server log (tail) ---\n${server.logTail()}`,
	);
}

// n8n logs a workflow it could not activate at startup and retries it in the background,
// so the webhook would never answer; the log line is the only signal. 1.x names the
// workflow id; 2.x's text log names only the failing nodes (the id is in metadata that the
// text format drops), so there the trigger node's name is matched.
function throwOnActivationError(server, { workflowId, node }) {
	if (!fs.existsSync(server.logFile)) return;
	const line = fs
		.readFileSync(server.logFile, 'utf8')
		.split('\n')
		.find(
			(l) =>
				(l.includes('Issue on initial workflow activation') &&
					l.includes(`(ID: ${workflowId}) (startup)`)) ||
				(node !== undefined &&
					l.startsWith('Workflow cannot run on this instance:') &&
					l.includes(`"${node}"`)),
		);
	if (!line) return;
	const error = new Error(
		`n8n could not activate workflow ${workflowId}: ${line.trim()}\n--- server log (tail) ---\n${server.logTail()}`,
	);
	error.fatal = true;
	throw error;
}

module.exports = { startServer, waitFor, throwOnActivationError };
