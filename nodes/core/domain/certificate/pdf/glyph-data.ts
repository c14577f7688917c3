import type { Font, Glyph, Subset } from '@pdf-lib/fontkit';

/** The parts of fontkit's TrueType subset (@pdf-lib/fontkit 1.1.1, pinned) this module drives. */
export interface TrueTypeSubset extends Subset {
	includeGlyph(glyph: number | Glyph): number;
	encode(stream: unknown): void;
	_addGlyph(gid: number): number;
	/** Original glyph ids in subset order; a glyph may appear twice (see SubsetFont.idFor). */
	glyphs: number[];
	glyf: Uint8Array[];
	loca: { offsets: number[] };
	hmtx: { metrics: Array<{ advance: number; bearing: number }> };
	offset: number;
}

interface FontInternals {
	loca: { offsets: number[] };
	_getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
	getGlyph(gid: number): Glyph & {
		_decode(): {
			numberOfContours: number;
			components?: Array<{ glyphID: number; pos: number }>;
		} | null;
		_getMetrics(): { leftBearing: number };
	};
}

interface GlyphData {
	/** The glyph's outline bytes, padded to an even length. */
	bytes: Uint8Array;
	/** Component references of a composite glyph: the glyph id to rewrite at a byte offset. */
	components: Array<{ glyphID: number; pos: number }>;
	advance: number;
	bearing: number;
}

const cache = new WeakMap<Font, Map<number, GlyphData>>();

function glyphData(font: Font, gid: number): GlyphData {
	let perFont = cache.get(font);
	if (!perFont) cache.set(font, (perFont = new Map()));
	let data = perFont.get(gid);
	if (data) return data;
	const internals = font as unknown as FontInternals;
	const glyph = internals.getGlyph(gid);
	const decoded = glyph._decode();
	const start = internals.loca.offsets[gid];
	const stream = internals._getTableStream('glyf');
	stream.pos += start;
	const raw = stream.readBuffer(internals.loca.offsets[gid + 1] - start);
	// Noto's glyph records are not padded; fontkit writes a short loca (offsets / 2) for small
	// subsets, which needs even lengths, or every later glyph is read from the wrong place.
	const bytes = new Uint8Array(raw.length + (raw.length % 2));
	bytes.set(raw);
	data = {
		bytes,
		components: decoded && decoded.numberOfContours < 0 ? (decoded.components ?? []) : [],
		advance: glyph.advanceWidth,
		bearing: glyph._getMetrics().leftBearing,
	};
	perFont.set(gid, data);
	return data;
}

/**
 * A TrueType subset whose glyph records are padded (see above) and read once per process: the
 * same glyphs are subset for every certificate, and decoding them was most of a render's time.
 */
export function createTrueTypeSubset(font: Font): TrueTypeSubset {
	const subset = font.createSubset() as TrueTypeSubset;
	subset._addGlyph = (gid: number): number => {
		const data = glyphData(font, gid);
		let bytes = data.bytes;
		if (data.components.length > 0) {
			const copy = Buffer.from(bytes);
			for (const component of data.components)
				copy.writeUInt16BE(subset.includeGlyph(component.glyphID), component.pos);
			bytes = copy;
		}
		subset.glyf.push(bytes);
		subset.loca.offsets.push(subset.offset);
		subset.hmtx.metrics.push({ advance: data.advance, bearing: data.bearing });
		subset.offset += bytes.length;
		return subset.glyf.length - 1;
	};
	return subset;
}
