/**
 * How tall a sticky note must be for the editor to show all its text, estimated from the
 * editor's sticky-note styles (n8n 2.x design system): body text 14 px with line height 1.35
 * (list items 1.3, 3.5 px apart, indented 20 px), h2 24 px bold, 8 px below paragraphs, lists and
 * headings, 12 px padding. Glyph widths are averages for the editor's sans-serif font (an
 * estimate, not a measurement): 7.4 px a character at 14 px, bold 8 % wider.
 */
const PADDING = 12;
const BLOCK_GAP = 8;
const LIST_INDENT = 20;
const CHAR_WIDTH_14PX = 7.4;
const BOLD = 1.08;

interface Style {
	size: number;
	lineHeight: number;
	bold: boolean;
}
const BODY: Style = { size: 14, lineHeight: 1.35, bold: false };
const LIST: Style = { size: 14, lineHeight: 1.3, bold: false };
const HEADINGS: Record<number, Style> = {
	1: { size: 36, lineHeight: 1.35, bold: true },
	2: { size: 24, lineHeight: 1.35, bold: true },
	3: { size: 16, lineHeight: 1.35, bold: true },
};

/** Width in px of one word, with bold spans (between **) wider. */
function wordWidth(word: string, style: Style, boldOpen: { on: boolean }): number {
	let width = 0;
	for (const part of word.split(/(\*\*)/)) {
		if (part === '**') {
			boldOpen.on = !boldOpen.on;
			continue;
		}
		const visible = part.replace(/[`*_]|\]\([^)]*\)|\[/g, '');
		const factor = style.bold || boldOpen.on ? BOLD : 1;
		width += visible.length * CHAR_WIDTH_14PX * (style.size / 14) * factor;
	}
	return width;
}

/** Lines the text wraps to at the width (greedy, on spaces, as a browser does). */
export function wrappedLines(text: string, width: number, style: Style): number {
	const bold = { on: false };
	const space = CHAR_WIDTH_14PX * (style.size / 14);
	let lines = 1;
	let used = 0;
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const w = wordWidth(word, style, bold);
		if (used > 0 && used + space + w > width) {
			lines += Math.max(1, Math.ceil(w / width));
			used = w % width;
		} else used += (used > 0 ? space : 0) + w;
	}
	return lines;
}

/** Estimated height in px of a sticky note's Markdown at the note's width. */
export function estimatedStickyHeight(markdown: string, noteWidth: number): number {
	const inner = noteWidth - 2 * PADDING;
	let height = 2 * PADDING;
	let inList = false;
	for (const line of markdown.split('\n')) {
		const heading = /^(#{1,6})\s+(.*)$/.exec(line);
		const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
		if (inList && !item) height += BLOCK_GAP;
		inList = Boolean(item);
		if (!line.trim()) continue;
		if (heading) {
			const style = HEADINGS[Math.min(heading[1].length, 3)];
			height += wrappedLines(heading[2], inner, style) * style.size * style.lineHeight + BLOCK_GAP;
		} else if (item) {
			height +=
				wrappedLines(item[1], inner - LIST_INDENT, LIST) * LIST.size * LIST.lineHeight + 3.5;
		} else {
			height += wrappedLines(line, inner, BODY) * BODY.size * BODY.lineHeight + BLOCK_GAP;
		}
	}
	if (inList) height += BLOCK_GAP;
	return Math.ceil(height);
}
