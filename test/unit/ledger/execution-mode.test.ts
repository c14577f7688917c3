// How the nodes tell n8n queue mode apart: the setting n8n itself reads at start-up,
// EXECUTIONS_MODE or the file EXECUTIONS_MODE_FILE names, in n8n's own precedence.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { isQueueMode } from '../../../nodes/kit/execution-mode';

const folder = mkdtempSync(path.join(tmpdir(), 'executions-mode-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function settingFile(content: string): string {
	const file = path.join(folder, `mode-${Math.random().toString(36).slice(2)}`);
	writeFileSync(file, content);
	return file;
}

test.each([
	['queue', { EXECUTIONS_MODE: 'queue' }, true],
	['quoted and padded, as n8n accepts it', { EXECUTIONS_MODE: ' "queue" ' }, true],
	['regular', { EXECUTIONS_MODE: 'regular' }, false],
	['not set (n8n defaults to regular)', {}, false],
	['empty', { EXECUTIONS_MODE: '' }, false],
])('EXECUTIONS_MODE %s', (_name, env, expected) => {
	expect(isQueueMode(env)).toBe(expected);
});

test('EXECUTIONS_MODE_FILE names a file holding the mode (trailing newline and all)', () => {
	expect(isQueueMode({ EXECUTIONS_MODE_FILE: settingFile('queue\n') })).toBe(true);
	expect(isQueueMode({ EXECUTIONS_MODE_FILE: settingFile('regular\n') })).toBe(false);
});

test('EXECUTIONS_MODE wins over EXECUTIONS_MODE_FILE, as in n8n', () => {
	const file = settingFile('queue');
	expect(isQueueMode({ EXECUTIONS_MODE: 'regular', EXECUTIONS_MODE_FILE: file })).toBe(false);
});

test('an unreadable EXECUTIONS_MODE_FILE counts as not known, not as a crash', () => {
	expect(isQueueMode({ EXECUTIONS_MODE_FILE: path.join(folder, 'missing') })).toBe(false);
});
