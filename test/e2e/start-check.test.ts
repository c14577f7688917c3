// `npm start` works: scripts/start.js --check builds nothing (dist is fresh), starts the demo
// n8n, creates the owner, verifies our node types through the running server and stops.
// A second run over the same folder logs in again and finds each template only once.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { currentLine, harness, REPO_ROOT } from './support/harness';

const { line } = currentLine();

function runStartCheck(
	demoDir: string,
	port: number,
	options: string[] = [],
): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		// The community-node lint rules also cover tests; starting a script is what this test is for.
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions
		const child = spawn(
			process.execPath,
			[path.join(REPO_ROOT, 'scripts', 'start.js'), '--check', '--no-build', ...options],
			{
				cwd: REPO_ROOT,
				env: {
					...process.env,
					START_DEMO_DIR: demoDir,
					N8N_PORT: String(port),
					START_N8N_LINE: line,
					START_SIMULATOR_PORTS: 'free',
				},
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('close', (code) => resolve({ code, output }));
	});
}

describe(`npm start --check (n8n line ${line})`, () => {
	const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-check-'));
	afterAll(() => fs.rmSync(demoDir, { recursive: true, force: true }));

	test('first start creates the owner and serves our nodes', async () => {
		const { code, output } = await runStartCheck(demoDir, await harness.freePort());
		expect({ code, output }).toMatchObject({
			code: 0,
			output: expect.stringContaining('check passed'),
		});
		expect(output).toContain('creating the owner account');
		// The demo prints the token the template webhooks require, and says it is a demo value.
		expect(output).toMatch(
			/template webhooks need the header X-Webhook-Token: demo-only-webhook-token-replace-me \(a published demo value/,
		);
	});

	test('a restart logs in again and does not duplicate templates', async () => {
		const { code, output } = await runStartCheck(demoDir, await harness.freePort());
		expect({ code, output }).toMatchObject({
			code: 0,
			output: expect.stringContaining('check passed'),
		});
		expect(output).not.toContain('creating the owner account');
	});

	test('--queue starts PostgreSQL, Redis, main, webhook processor and 2 workers, and serves our nodes', async () => {
		const queueDir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-check-queue-'));
		try {
			const port = await harness.freePort();
			const { code, output } = await runStartCheck(queueDir, port, ['--queue']);
			expect({ code, output }).toMatchObject({
				code: 0,
				output: expect.stringContaining('check passed'),
			});
			expect(output).toContain('in queue mode');
			expect(output).toContain('main, webhook processor and 2 worker(s)');
		} finally {
			fs.rmSync(queueDir, { recursive: true, force: true });
		}
	});
});
