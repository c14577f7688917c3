import * as fs from 'fs';
import * as path from 'path';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'lms');

/** A fixture's exact bytes (signatures cover them) and its parsed JSON. */
export function fixture(name: string): { text: string; json: Record<string, unknown> } {
	const text = fs.readFileSync(path.join(DIR, name), 'utf8');
	return { text, json: JSON.parse(text) as Record<string, unknown> };
}
