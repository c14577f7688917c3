// Rule Set File Path obeys n8n's file restrictions (as the Read/Write Files node does), and no
// error ever repeats the text of the file it names. The node-test setup allows the temp folder
// and the fixtures through N8N_RESTRICT_FILE_ACCESS_TO (see pinned-n8n.ts).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { completionEvent, runVerifyCompletion } from '../support/verify-completion';

const passingEvent = completionEvent({ course: { id: 'SCORE-ONLY' }, score: 90 });

function runWithFile(ruleSetFilePath: string) {
	return runVerifyCompletion({
		items: [passingEvent],
		parameters: { ruleSetSource: 'file', ruleSetFilePath },
	});
}

/** Everything the failed run says: message and description. */
function reported(run: Awaited<ReturnType<typeof runWithFile>>): string {
	expect(run.status).toBe('error');
	return `${run.error?.message ?? ''}\n${run.error?.description ?? ''}`;
}

/** Each non-trivial line of the file and its first 16 characters: none may appear in an error. */
function fragmentsOf(text: string): string[] {
	const lines = text.split('\n').filter((line) => line.trim().length >= 16);
	return [...lines, ...lines.map((line) => line.slice(0, 16))];
}

let folder: string;
beforeAll(() => {
	folder = mkdtempSync(path.join(tmpdir(), 'rule-set-access-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('Rule Set File Path: n8n file restrictions', () => {
	test('/etc/passwd, outside N8N_RESTRICT_FILE_ACCESS_TO, is refused without a line of it', async () => {
		expect(process.env.N8N_RESTRICT_FILE_ACCESS_TO).toBeTruthy();
		const text = reported(await runWithFile('/etc/passwd'));
		expect(text).toMatch(/Rule Set File Path: access to \/etc\/passwd is not allowed/);
		for (const fragment of fragmentsOf(readFileSync('/etc/passwd', 'utf8'))) {
			expect(text).not.toContain(fragment);
		}
	});

	test("a file inside n8n's own folder is refused even within an allowed folder", async () => {
		const n8nFolder = path.join(process.env.N8N_USER_FOLDER ?? '', '.n8n');
		mkdirSync(n8nFolder, { recursive: true });
		const secretFile = path.join(n8nFolder, 'rules.yaml');
		writeFileSync(secretFile, 'N8N_ENCRYPTION_KEY=not-a-real-key-0123456789\n');
		const text = reported(await runWithFile(secretFile));
		expect(text).toMatch(/is not allowed/);
		expect(text).not.toContain('not-a-real-key');
	});

	test('a symlink in an allowed folder to a forbidden file is refused', async () => {
		const link = path.join(folder, 'rules-link.yaml');
		symlinkSync('/etc/passwd', link);
		const text = reported(await runWithFile(link));
		expect(text).toMatch(/is not allowed/);
		expect(text).not.toContain('root:');
	});

	test('.. does not climb out of an allowed folder', async () => {
		const text = reported(await runWithFile(path.join(folder, '..', '..', 'etc', 'passwd')));
		expect(text).toMatch(/is not allowed/);
	});
});

describe('Rule Set File Path: errors never quote the file', () => {
	const cases: Array<[string, string]> = [
		['an env file (a scalar, not an object)', 'N8N_ENCRYPTION_KEY=zq8Xv2LmT9sKe4RbW7nY\n'],
		['YAML that does not parse', 'id: rules\nsecretToken: [zq8Xv2LmT9sKe4RbW7nY\n'],
		['JSON that does not parse', '{"id": "rules", "token": zq8Xv2LmT9sKe4RbW7nY}'],
		['a wrong value', 'id: zq8Xv2LmT9sKe4RbW7nY\nversion: 1\ncourses: zq8Xv2LmT9sKe4RbW7nYextra\n'],
		['an alias without an anchor', 'id: rules\nversion: "1"\ncourses: *zq8Xv2LmT9sKe4RbW7nY\n'],
	];
	test.each(cases)('%s', async (name, content) => {
		const file = path.join(folder, `${name.replace(/\W+/g, '-')}.yaml`);
		writeFileSync(file, content);
		const text = reported(await runWithFile(file));
		expect(text).toContain(`Invalid rule set (file ${file})`);
		expect(text).not.toContain('zq8Xv2LmT9sKe4RbW7nY');
	});

	test('a syntax error gives its line and column', async () => {
		const file = path.join(folder, 'bad-indent.yaml');
		writeFileSync(file, 'id: rules\nversion: "1"\ncourses:\n  C-101: [unclosed\n');
		expect(reported(await runWithFile(file))).toMatch(
			/not valid JSON or YAML at line \d+, column \d+/,
		);
	});
});
