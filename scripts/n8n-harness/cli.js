// Runs n8n's command-line interface (import, execute, export...) for one line and keeps
// its output so failures can be shown. Every call is a separate n8n process.
'use strict';

const { spawn } = require('child_process');
const { lineInfo } = require('./lines');

function tail(text, lines = 40) {
	return String(text || '')
		.trimEnd()
		.split('\n')
		.slice(-lines)
		.join('\n');
}

class N8nCommandError extends Error {
	constructor(args, result) {
		super(
			`n8n ${args.join(' ')} failed (exit ${result.code}${result.timedOut ? ', timed out' : ''})\n` +
				`--- stderr (tail) ---\n${tail(result.stderr)}\n--- stdout (tail) ---\n${tail(result.stdout)}`,
		);
		this.result = result;
	}
}

// Resolves with { code, stdout, stderr, timedOut } and never rejects on a non-zero exit:
// callers decide what failure means (see runOk).
function runN8n(line, args, { env, cwd, timeoutMs = 180_000 } = {}) {
	const { nodeBin, n8nBin } = lineInfo(line);
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBin, [n8nBin, ...args], {
			env,
			cwd,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('error', (err) => (clearTimeout(timer), reject(err)));
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code: code ?? (signal ? 1 : 0), stdout, stderr, timedOut });
		});
	});
}

async function runOk(line, args, opts) {
	const result = await runN8n(line, args, opts);
	if (result.code !== 0) throw new N8nCommandError(args, result);
	return result;
}

// `execute --rawOutput` prints the run as indented JSON, on 2.x after some log lines:
// it starts at the first line that is exactly "{" and ends at a line that is exactly "}".
function parseRawOutput(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l.trimEnd() === '{');
	if (start === -1) return undefined;
	for (let end = lines.length - 1; end > start; end--) {
		if (lines[end].trimEnd() !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			// a later log line may also be "}": try the next candidate end
		}
	}
	return undefined;
}

module.exports = { runN8n, runOk, parseRawOutput, tail, N8nCommandError };
