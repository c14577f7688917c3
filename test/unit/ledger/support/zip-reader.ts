import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'csv-parse/sync';

import { tempFolder } from './fixtures';

/** Runs Debian's unzip, a zip reader that shares no code with the one that wrote the archive. */
function unzip(args: string[]): Buffer {
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions
	return execFileSync('unzip', args, { maxBuffer: 1 << 28 });
}

/** Writes the zip to a temporary file and reads it back with unzip only. */
export function openZip(zip: Buffer) {
	const file = join(tempFolder('audit-pack-'), 'pack.zip');
	writeFileSync(file, zip);
	const tested = unzip(['-t', file]).toString('utf8');
	const names = unzip(['-Z1', file]).toString('utf8').trim().split('\n');
	const read = (name: string) => unzip(['-p', file, name]);
	const csv = (name: string) =>
		parse(read(name).toString('utf8'), { columns: true }) as Array<Record<string, string>>;
	return { tested, names, read, csv };
}
