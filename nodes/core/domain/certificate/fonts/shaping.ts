import type { Glyph } from '@pdf-lib/fontkit';

import { fontForCodePoint, loadFont, type FontStyle, type LoadedFont } from './font-set';

/** One glyph as it is drawn: widths in thousandths of the font size. */
export interface PlacedGlyph {
	glyph: Glyph;
	/** The glyph's own advance (what the PDF viewer moves by). */
	width: number;
	/** The advance layout asks for (kerning, marks); differs from width when adjusted. */
	advance: number;
	/** Horizontal shift of the glyph itself (combining marks). */
	offset: number;
	/**
	 * The code points this glyph stands for here, for the ToUnicode map (none for a mark that a
	 * decomposition split off). Not `glyph.codePoints`: fontkit keeps one Glyph per id with the
	 * code points it was first created for, so "o" shaped from "ọ" would read "ọ" ever after.
	 */
	text: number[];
}

/** A stretch of text drawn with one font, in visual (left-to-right drawing) order. */
export interface ShapedRun {
	font: LoadedFont;
	glyphs: PlacedGlyph[];
	/** Sum of advances, in thousandths of the font size. */
	advance: number;
	rtl: boolean;
}

export interface ShapedText {
	text: string;
	runs: ShapedRun[];
	/** Total advance in thousandths of the font size. */
	advance: number;
	/** Characters no bundled font can draw (shown as the font's empty glyph). */
	missing: string[];
}

type Direction = 'rtl' | 'ltr' | 'neutral';

// Hebrew, Arabic (with supplements and presentation forms), Syriac, Thaana, NKo.
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const STRONG_LTR = /[\p{L}\p{N}]/u;

const directions = new Map<string, Direction>();

function directionOf(char: string): Direction {
	let direction = directions.get(char);
	if (!direction) {
		direction = RTL.test(char) ? 'rtl' : STRONG_LTR.test(char) ? 'ltr' : 'neutral';
		directions.set(char, direction);
	}
	return direction;
}

interface Segment {
	font: LoadedFont;
	text: string;
	direction: Direction;
}

const fontChoice: Record<FontStyle, Map<number, LoadedFont | null>> = {
	regular: new Map(),
	bold: new Map(),
};

function fontFor(style: FontStyle, codePoint: number): LoadedFont | undefined {
	const cache = fontChoice[style];
	let font = cache.get(codePoint);
	if (font === undefined) {
		font = fontForCodePoint(style, codePoint) ?? null;
		cache.set(codePoint, font);
	}
	return font ?? undefined;
}

const LAYOUT_CACHE_LIMIT = 4000;
const layoutCache = new Map<string, ShapedRun>();
const shapedCache = new Map<string, ShapedText>();

/**
 * Lays out text with per-character font fallback and a small bidirectional step: the text is cut
 * into runs of one font and one direction, fontkit shapes each run (Arabic joining, ligatures,
 * kerning; right-to-left runs come back in visual order), and when the first strong character is
 * right-to-left the run order is reversed. That keeps names such as "محمد عبد الله", "שרה כהן" or
 * "Dr. 王小明" legible; full Unicode bidi for mixed paragraphs is out of scope.
 */
export function shapeText(text: string, style: FontStyle): ShapedText {
	const key = `${style}\u0000${text}`;
	let shaped = shapedCache.get(key);
	if (!shaped) {
		shaped = shapeUncached(text, style);
		if (shapedCache.size >= LAYOUT_CACHE_LIMIT) shapedCache.clear();
		shapedCache.set(key, shaped);
	}
	return shaped;
}

function shapeUncached(text: string, style: FontStyle): ShapedText {
	const segments = visualOrder(splitTrailingSpace(segment(text, style)));
	const runs = segments.map((s) => layoutRun(s));
	const missing = Array.from(text).filter(
		(char) => !/\s/u.test(char) && fontFor(style, char.codePointAt(0) ?? 0) === undefined,
	);
	return { text, runs, advance: runs.reduce((sum, r) => sum + r.advance, 0), missing };
}

function segment(text: string, style: FontStyle): Segment[] {
	const segments: Segment[] = [];
	const fallback = loadFont(style === 'bold' ? 'latinBold' : 'latin');
	for (const char of Array.from(text)) {
		const codePoint = char.codePointAt(0) ?? 0;
		const direction = directionOf(char);
		const current = segments[segments.length - 1];
		// Spaces and punctuation stay with the run they are in when its font can draw them.
		if (
			current &&
			(direction === 'neutral' ||
				direction === current.direction ||
				current.direction === 'neutral') &&
			current.font.font.hasGlyphForCodePoint(codePoint) &&
			(direction === 'neutral' || fontFor(style, codePoint) === current.font)
		) {
			current.text += char;
			if (current.direction === 'neutral') current.direction = direction;
			continue;
		}
		const font = fontFor(style, codePoint) ?? fallback;
		segments.push({ font, text: char, direction });
	}
	return segments;
}

/** A right-to-left run keeps its trailing spaces apart, so they stay between it and the next run. */
function splitTrailingSpace(segments: Segment[]): Segment[] {
	return segments.flatMap((s) => {
		// trimEnd drops exactly what \s matches, in linear time (/\s+$/ is quadratic on long runs).
		const end = s.direction === 'rtl' ? s.text.trimEnd().length : s.text.length;
		if (end === s.text.length || end === 0) return [s];
		return [
			{ ...s, text: s.text.slice(0, end) },
			{ ...s, text: s.text.slice(end), direction: 'neutral' as const },
		];
	});
}

/**
 * Visual order of the runs: each stretch of right-to-left runs (with the spaces between them) is
 * reversed; when the first strong character is right-to-left the whole line is, and left-to-right
 * stretches inside it are reversed back.
 */
function visualOrder(segments: Segment[]): Segment[] {
	const base = segments.find((s) => s.direction !== 'neutral')?.direction ?? 'ltr';
	const other = base === 'rtl' ? 'ltr' : 'rtl';
	const ordered: Segment[] = [];
	let i = 0;
	while (i < segments.length) {
		if (segments[i].direction !== other) {
			ordered.push(segments[i++]);
			continue;
		}
		let end = i + 1;
		for (let j = i + 1; j < segments.length; j++) {
			if (segments[j].direction === base) break;
			if (segments[j].direction === other) end = j + 1;
		}
		ordered.push(...segments.slice(i, end).reverse());
		i = end;
	}
	return base === 'rtl' ? ordered.reverse() : ordered;
}

function layoutRun({ font, text, direction }: Segment): ShapedRun {
	const key = `${font.key}\u0000${text}`;
	const cached = layoutCache.get(key);
	if (cached) return cached;
	const placed =
		direction === 'rtl' || MARKS.test(text) ? fullLayout(font, text) : simpleLayout(font, text);
	const run: ShapedRun = {
		font,
		glyphs: placed,
		advance: placed.reduce((sum, g) => sum + g.advance, 0),
		rtl: direction === 'rtl',
	};
	if (layoutCache.size >= LAYOUT_CACHE_LIMIT) layoutCache.clear();
	layoutCache.set(key, run);
	return run;
}

const MARKS = /\p{M}/u;

type GetGlyph = (id: number, codePoints?: number[]) => Glyph;

/**
 * fontkit's layout with the code points of each output glyph as this layout produced them:
 * while it runs, getGlyph hands out a view of the shared glyph carrying its own code points.
 */
function layoutWithCodePoints(font: LoadedFont, text: string) {
	const target = font.font as unknown as { getGlyph: GetGlyph };
	const shared: GetGlyph = target.getGlyph.bind(target);
	target.getGlyph = (id, codePoints = []) =>
		Object.create(shared(id), { codePoints: { value: codePoints } }) as Glyph;
	try {
		return font.font.layout(text);
	} finally {
		// Back to the prototype's method.
		delete (target as Partial<typeof target>).getGlyph;
	}
}

/** fontkit's complete OpenType shaping: joining, ligatures, marks; RTL comes back reversed. */
function fullLayout(font: LoadedFont, text: string): PlacedGlyph[] {
	const { glyphs, positions } = layoutWithCodePoints(font, text);
	return glyphs.map((glyph, i) => ({
		glyph,
		width: glyph.advanceWidth * font.scale,
		advance: positions[i].xAdvance * font.scale,
		offset: positions[i].xOffset * font.scale,
		text: [...glyph.codePoints],
	}));
}

const glyphCache = new Map<string, Glyph>();
const kerningCache = new Map<string, number>();

export function glyphOf(font: LoadedFont, char: string): Glyph {
	const key = `${font.key}\u0000${char}`;
	let glyph = glyphCache.get(key);
	if (!glyph) {
		glyph = font.font.glyphForCodePoint(char.codePointAt(0) ?? 0);
		glyphCache.set(key, glyph);
	}
	return glyph;
}

/** Pair kerning from the font's own GPOS, looked up once per pair of characters. */
function kerning(font: LoadedFont, left: string, right: string): number {
	const key = `${font.key}\u0000${left}${right}`;
	let value = kerningCache.get(key);
	if (value === undefined) {
		const { glyphs, positions } = font.font.layout(left + right);
		value = glyphs.length === 2 ? positions[0].xAdvance - glyphs[0].advanceWidth : 0;
		kerningCache.set(key, value);
	}
	return value;
}

/**
 * Left-to-right text without combining marks (Latin, Greek, Cyrillic, CJK, Hangul) needs only
 * glyphs and pair kerning; fontkit's full GPOS pass per string is the slowest step of a render,
 * and names are new strings every time.
 */
function simpleLayout(font: LoadedFont, text: string): PlacedGlyph[] {
	const chars = Array.from(text);
	return chars.map((char, i) => {
		const glyph = glyphOf(font, char);
		const width = glyph.advanceWidth * font.scale;
		const kern = i + 1 < chars.length ? kerning(font, char, chars[i + 1]) * font.scale : 0;
		return { glyph, width, advance: width + kern, offset: 0, text: [char.codePointAt(0) ?? 0] };
	});
}

/** Width in points of shaped text at a font size. */
export function widthAt(shaped: ShapedText, size: number): number {
	return (shaped.advance * size) / 1000;
}
