import * as fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';

import { readFontFile, type FontKey } from './font-files';

export interface LoadedFont {
	key: FontKey;
	font: Font;
	/** Font units to text-space thousandths (PDF glyph widths are per 1000 em). */
	scale: number;
}

export type FontStyle = 'regular' | 'bold';

/**
 * Fallback order per style: the first font with a glyph for a character draws it. Latin (with
 * Greek, Cyrillic, Vietnamese), then Arabic and Hebrew, then Simplified Chinese (which also holds
 * Japanese kana and kanji), then Korean for Hangul.
 */
const FALLBACK: Record<FontStyle, FontKey[]> = {
	regular: ['latin', 'arabic', 'hebrew', 'cjkSimplified', 'cjkKorean'],
	bold: ['latinBold', 'arabic', 'hebrew', 'cjkSimplified', 'cjkKorean'],
};

const loaded = new Map<FontKey, LoadedFont>();

/** Parses each font once per process: fontkit reads tables lazily, so this stays cheap. */
export function loadFont(key: FontKey): LoadedFont {
	let entry = loaded.get(key);
	if (!entry) {
		const font = fontkit.create(readFontFile(key));
		entry = { key, font, scale: 1000 / font.unitsPerEm };
		loaded.set(key, entry);
	}
	return entry;
}

export function fallbackChain(style: FontStyle): FontKey[] {
	return FALLBACK[style];
}

/** The first font of the style's chain that has a glyph for the code point, if any. */
export function fontForCodePoint(style: FontStyle, codePoint: number): LoadedFont | undefined {
	for (const key of FALLBACK[style]) {
		const candidate = loadFont(key);
		if (candidate.font.hasGlyphForCodePoint(codePoint)) return candidate;
	}
	return undefined;
}
