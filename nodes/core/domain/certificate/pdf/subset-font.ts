import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Glyph } from '@pdf-lib/fontkit';
import { PDFNumber, PDFRawStream, PDFString } from 'pdf-lib';
import type { PDFContext, PDFRef } from 'pdf-lib';

import type { LoadedFont } from '../fonts/font-set';
import { glyphOf, type ShapedRun } from '../fonts/shaping';
import { ByteWriter } from './byte-writer';
import { num } from './qr';
import { createTrueTypeSubset, type TrueTypeSubset } from './glyph-data';

interface EncodedSubset {
	name: string;
	fontFile: Uint8Array;
	length1: number;
	toUnicode: Uint8Array;
	/** Built once per subset: PDF numbers are immutable, so documents can share them. */
	widths: Array<PDFNumber | PDFNumber[]>;
}

// Certificates of one batch share every subset except the one holding their variable text.
const ENCODED_CACHE_LIMIT = 64;
const encodedCache = new Map<string, EncodedSubset>();

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** UTF-16BE hex of code points, as ToUnicode wants it. */
function utf16Hex(codePoints: number[]): string {
	return Array.from(String.fromCodePoint(...codePoints))
		.map((c) => {
			const units: string[] = [];
			for (let i = 0; i < c.length; i++) units.push(hex4(c.charCodeAt(i)));
			return units.join('');
		})
		.join('');
}

/**
 * One font as used by one document: only the glyphs drawn are embedded (a TrueType subset with
 * Identity-H encoding), with a ToUnicode map so text can be searched and extracted.
 */
export class SubsetFont {
	readonly ref: PDFRef;
	private readonly subset: TrueTypeSubset;
	/** Subset glyph id per original glyph id and the text it stands for. */
	private readonly newIds = new Map<string, number>();
	private readonly usedGlyphIds = new Set<number>();
	private readonly glyphs: Array<{ id: number; width: number; text: number[] }> = [];
	/** Glyph id and text of each subset id, in inclusion order: the subset's identity. */
	private readonly identity: string[] = [];

	constructor(
		readonly font: LoadedFont,
		private readonly context: PDFContext,
		seed = '',
	) {
		this.ref = context.nextRef();
		this.subset = createTrueTypeSubset(font.font);
		for (const char of seed) {
			const glyph = glyphOf(font, char);
			if (glyph.id !== 0) this.idFor(glyph, [char.codePointAt(0) ?? 0]);
		}
	}

	/** The run as a TJ array body: glyph ids with kerning and mark adjustments. */
	encodeRun(run: ShapedRun): string {
		const parts: string[] = [];
		let pending = '';
		const flush = () => {
			if (pending) parts.push(`<${pending}>`);
			pending = '';
		};
		const adjust = (amount: number) => {
			if (Math.abs(amount) < 0.01) return;
			flush();
			parts.push(num(-amount, 2));
		};
		for (const placed of run.glyphs) {
			adjust(placed.offset);
			// Extractors read right-to-left runs in drawing order and reverse them character by
			// character, so a ligature's characters are listed reversed to come out right.
			pending += hex4(this.idFor(placed.glyph, run.rtl ? [...placed.text].reverse() : placed.text));
			adjust(placed.advance - placed.width - placed.offset);
		}
		flush();
		return parts.join(' ');
	}

	/**
	 * The subset id drawing `glyph` for `text`. One glyph can stand for different text (a space
	 * and a no-break space, "o" alone and "o" from a decomposed "ọ"); each pair gets an id of its
	 * own, a copy of the glyph, so the ToUnicode map can tell them apart.
	 */
	private idFor(glyph: Glyph, text: number[]): number {
		const key = `${glyph.id}:${text.join('.')}`;
		let id = this.newIds.get(key);
		if (id === undefined) {
			if (this.usedGlyphIds.has(glyph.id)) {
				this.subset.glyphs.push(glyph.id);
				id = this.subset.glyphs.length - 1;
			} else id = this.subset.includeGlyph(glyph);
			this.usedGlyphIds.add(glyph.id);
			this.newIds.set(key, id);
			this.glyphs.push({ id, width: glyph.advanceWidth * this.font.scale, text });
			this.identity.push(key);
		}
		return id;
	}

	/** The subset font program and ToUnicode map, compressed; shared by identical subsets. */
	private encoded(): EncodedSubset {
		const key = `${this.font.key}:${this.identity.join(',')}`;
		const cached = encodedCache.get(key);
		if (cached) return cached;
		const writer = new ByteWriter();
		this.subset.encode(writer);
		const fontBytes = writer.bytes();
		const sorted = [...this.glyphs].sort((a, b) => a.id - b.id);
		const encoded: EncodedSubset = {
			name: `${subsetTag(fontBytes)}+${this.font.font.postscriptName ?? 'Font'}`,
			fontFile: deflateSync(fontBytes),
			length1: fontBytes.length,
			toUnicode: deflateSync(toUnicodeCMap(sorted)),
			widths: widthRuns(sorted),
		};
		if (encodedCache.size >= ENCODED_CACHE_LIMIT) encodedCache.clear();
		encodedCache.set(key, encoded);
		return encoded;
	}

	/** Writes the font objects into the document; call once, after all text is encoded. */
	embed(): void {
		const ctx = this.context;
		const { font, scale } = this.font;
		const {
			name,
			fontFile: fontBytes,
			length1,
			toUnicode: toUnicodeBytes,
			widths,
		} = this.encoded();
		const fontFile = ctx.register(
			PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode', Length1: length1 }), fontBytes),
		);
		const descriptor = ctx.register(
			ctx.obj({
				Type: 'FontDescriptor',
				FontName: name,
				Flags: 4,
				FontBBox: [font.bbox.minX, font.bbox.minY, font.bbox.maxX, font.bbox.maxY].map((v) =>
					Math.round(v * scale),
				),
				ItalicAngle: font.italicAngle,
				Ascent: Math.round(font.ascent * scale),
				Descent: Math.round(font.descent * scale),
				CapHeight: Math.round((font.capHeight || font.ascent) * scale),
				StemV: 80,
				FontFile2: fontFile,
			}),
		);
		const cidFont = ctx.register(
			ctx.obj({
				Type: 'Font',
				Subtype: 'CIDFontType2',
				BaseFont: name,
				CIDSystemInfo: {
					Registry: PDFString.of('Adobe'),
					Ordering: PDFString.of('Identity'),
					Supplement: 0,
				},
				FontDescriptor: descriptor,
				W: widths,
				CIDToGIDMap: 'Identity',
			}),
		);
		const toUnicode = ctx.register(
			PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode' }), toUnicodeBytes),
		);
		ctx.assign(
			this.ref,
			ctx.obj({
				Type: 'Font',
				Subtype: 'Type0',
				BaseFont: name,
				Encoding: 'Identity-H',
				DescendantFonts: [cidFont],
				ToUnicode: toUnicode,
			}),
		);
	}
}

/**
 * The W array in its compact form, `first [w1 w2 …]` per run of consecutive glyph ids: subset ids
 * are consecutive, so this is one short array where one array per glyph made a hundred objects
 * to build and serialise on every render.
 */
function widthRuns(sorted: Array<{ id: number; width: number }>): Array<PDFNumber | PDFNumber[]> {
	const runs: Array<PDFNumber | PDFNumber[]> = [];
	let current: PDFNumber[] = [];
	sorted.forEach((g, i) => {
		if (i === 0 || g.id !== sorted[i - 1].id + 1) runs.push(PDFNumber.of(g.id), (current = []));
		current.push(PDFNumber.of(Math.round(g.width)));
	});
	return runs;
}

/** Subset fonts carry a six-letter tag; derived from the bytes so output is reproducible. */
function subsetTag(bytes: Uint8Array): string {
	const digest = createHash('sha256').update(bytes).digest();
	return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

function toUnicodeCMap(glyphs: Array<{ id: number; text: number[] }>): Buffer {
	const entries = glyphs.filter((g) => g.text.length > 0);
	const blocks: string[] = [];
	for (let i = 0; i < entries.length; i += 100) {
		const block = entries.slice(i, i + 100);
		blocks.push(
			`${block.length} beginbfchar\n${block.map((g) => `<${hex4(g.id)}> <${utf16Hex(g.text)}>`).join('\n')}\nendbfchar`,
		);
	}
	return Buffer.from(
		[
			'/CIDInit /ProcSet findresource begin',
			'12 dict begin',
			'begincmap',
			'/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
			'/CMapName /Adobe-Identity-UCS def',
			'/CMapType 2 def',
			'1 begincodespacerange',
			'<0000> <ffff>',
			'endcodespacerange',
			...blocks,
			'endcmap',
			'CMapName currentdict /CMap defineresource pop',
			'end',
			'end',
		].join('\n'),
		'latin1',
	);
}
