import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import type { ReplayLog } from './replay-store';

/**
 * A replay log as a text file: one JSON string per line, appended as keys are emitted and
 * rewritten aside-then-renamed when compacted, so a crash leaves at most one cut-short last line,
 * which loading skips (and reports as damage so the file is repaired).
 */
export function fileReplayLog(path: string): ReplayLog {
	const folder = dirname(path);
	return {
		async load() {
			let text: string;
			try {
				text = await readFile(path, 'utf8');
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { keys: [], damaged: false };
				throw error;
			}
			return parseLines(text);
		},
		async append(keys) {
			await mkdir(folder, { recursive: true });
			await appendFile(path, lines(keys), { mode: 0o600 });
		},
		async rewrite(keys) {
			await mkdir(folder, { recursive: true });
			const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
			try {
				await writeFile(temp, lines(keys), { mode: 0o600 });
				await rename(temp, path);
			} catch (error) {
				await unlink(temp).catch(() => undefined);
				throw error;
			}
		},
	};
}

function lines(keys: readonly string[]): string {
	return keys.map((key) => `${JSON.stringify(key)}\n`).join('');
}

export function parseLines(text: string): { keys: string[]; damaged: boolean } {
	const keys: string[] = [];
	// Text after the last newline is a line the writer did not finish.
	let damaged = text.length > 0 && !text.endsWith('\n');
	for (const line of text.split('\n')) {
		if (line === '') continue;
		try {
			const key: unknown = JSON.parse(line);
			if (typeof key === 'string') keys.push(key);
			else damaged = true;
		} catch {
			damaged = true;
		}
	}
	return { keys, damaged };
}
