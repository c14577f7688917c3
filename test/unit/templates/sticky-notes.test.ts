import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { estimatedStickyHeight, wrappedLines } from './sticky-height';

interface StickyNote {
	name: string;
	type: string;
	parameters: { content?: string; width?: number; height?: number };
}

const WORKFLOWS = resolve(__dirname, '../../../workflows');
// n8n's defaults for a sticky note without a stored size.
const DEFAULT_WIDTH = 240;
const DEFAULT_HEIGHT = 160;

const notes = readdirSync(WORKFLOWS)
	.filter((file) => file.endsWith('.json'))
	.flatMap((file) =>
		(JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as { nodes: StickyNote[] }).nodes
			.filter((node) => node.type === 'n8n-nodes-base.stickyNote')
			.map((node) => [`${file}: ${node.name}`, node] as const),
	);

describe('sticky notes in the templates', () => {
	it('finds the notes (template 06 has a Setup note)', () => {
		expect(notes.map(([name]) => name)).toContain('06-conference-cpe-credits.json: Setup');
	});

	it.each(notes)('%s is tall enough for its text', (_, note) => {
		const width = note.parameters.width ?? DEFAULT_WIDTH;
		const needed = estimatedStickyHeight(note.parameters.content ?? '', width);
		expect(note.parameters.height ?? DEFAULT_HEIGHT).toBeGreaterThanOrEqual(needed);
	});
});

describe('sticky note height estimate', () => {
	it('wraps long text into more lines at a narrower width', () => {
		const text = 'word '.repeat(60);
		const style = { size: 14, lineHeight: 1.35, bold: false };
		expect(wrappedLines(text, 400, style)).toBeGreaterThan(wrappedLines(text, 800, style));
		expect(wrappedLines('short', 400, style)).toBe(1);
	});

	it('grows with headings, list items and paragraphs', () => {
		const base = estimatedStickyHeight('One paragraph.', 300);
		expect(estimatedStickyHeight('## Title\nOne paragraph.', 300)).toBeGreaterThan(base + 30);
		expect(estimatedStickyHeight('One paragraph.\n\n1. a step\n2. another', 300)).toBeGreaterThan(
			base + 36,
		);
	});
});
