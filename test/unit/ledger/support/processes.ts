import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const WORKER = join(__dirname, 'worker.js');

export interface WorkerRun {
	child: ChildProcess;
	/** Resolves with the first line the worker prints. */
	firstLine: Promise<string>;
	/** Resolves when the worker exits, rejecting on a non-zero exit that was not a kill. */
	exited: Promise<{ stdout: string; code: number | null; signal: NodeJS.Signals | null }>;
}

export function runWorker(command: string, options: Record<string, unknown>): WorkerRun {
	// The community-node lint rules also cover tests; running separate processes is what these tests are for.
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions
	const child = spawn(process.execPath, [WORKER, command, JSON.stringify(options)], {
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	let onLine: (line: string) => void = () => undefined;
	let onSilentExit: (error: Error) => void = () => undefined;
	const firstLine = new Promise<string>((resolve, reject) => {
		onLine = resolve;
		onSilentExit = reject;
	});
	// Only barrier runs wait for the first line; the others must not see an unhandled rejection.
	firstLine.catch(() => undefined);
	child.stdout?.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
		const end = stdout.indexOf('\n');
		if (end !== -1) onLine(stdout.slice(0, end));
	});
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<{
		stdout: string;
		code: number | null;
		signal: NodeJS.Signals | null;
	}>((resolve, reject) => {
		child.on('exit', (code, signal) => {
			child.stdin?.destroy();
			// A worker that dies while loading must fail the test, not leave it waiting for a line.
			onSilentExit(
				new Error(`worker ${command} exited (${code ?? signal}) before its first line: ${stderr}`),
			);
			if (code !== 0 && signal === null)
				reject(new Error(`worker ${command} failed (${code}): ${stderr}`));
			else resolve({ stdout, code, signal });
		});
	});
	return { child, firstLine, exited };
}

/** Starts workers launched with `barrier: true` at the same moment, once all have loaded. */
export async function startTogether(runs: WorkerRun[]): Promise<void> {
	await Promise.all(runs.map((run) => run.firstLine));
	for (const run of runs) run.child.stdin?.write('go\n');
}

/** The last line a worker printed, parsed. */
export function lastJson<T>(stdout: string): T {
	const lines = stdout.trim().split('\n');
	return JSON.parse(lines[lines.length - 1]) as T;
}
