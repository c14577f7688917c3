import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFRawStream } from 'pdf-lib';
import type { PDFDocument, PDFPage, PDFRef } from 'pdf-lib';

import type { FontStyle } from '../fonts/font-set';
import type { FontKey } from '../fonts/font-files';
import { shapeText, widthAt, type ShapedText } from '../fonts/shaping';
import { num, qrOperators, type QrMatrix } from './qr';
import {
	PageStructure,
	writeStructureTree,
	type ReadingOrder,
	type StructureElement,
	type StructureRole,
} from './structure';
import { SubsetFont } from './subset-font';

export type Rgb = [number, number, number];
export type Align = 'left' | 'center' | 'right';

export interface TextOptions {
	size: number;
	style?: FontStyle;
	color?: Rgb;
	align?: Align;
	/** Shrink the font size until the text fits this width (points). */
	maxWidth?: number;
	/**
	 * The recipient name gets font subsets of its own, so the subsets of the other text stay
	 * identical across a batch and are embedded from a cache (see SubsetFont).
	 */
	variable?: boolean;
	/** Structure type of a new element for this line (default P)… */
	role?: StructureRole;
	/** …or the element it continues (a label and its value, the lines of one paragraph). */
	element?: StructureElement;
}

/** The font subsets of one document, shared by its pages. */
export type SharedFonts = Map<string, SubsetFont>;

export function hexColor(hex: string): Rgb {
	const value = hex.replace('#', '');
	return [0, 2, 4].map((i) => parseInt(value.slice(i, i + 2), 16) / 255) as Rgb;
}

/** Three colour operands; `color.map(num)` would pass each index as num's `decimals`. */
function colorOperands([r, g, b]: Rgb): string {
	return `${num(r)} ${num(g)} ${num(b)}`;
}

const wrapCache = new Map<string, string[]>();
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/**
 * Collects the drawing of one page as raw PDF operators, embeds only the fonts and glyphs used,
 * and writes one compressed content stream on top of whatever the page already shows.
 */
export class PageCanvas {
	private readonly ops: string[] = [];
	/** This page's resource name of each font it draws with. */
	private readonly fonts = new Map<string, { font: SubsetFont; name: string }>();
	/** Characters no bundled font could draw. */
	readonly missing = new Set<string>();
	/** Headings, paragraphs and figures as drawn, for the tagged-PDF structure tree. */
	readonly structure: PageStructure;

	/**
	 * `sharedFonts`: the subsets of a document's other pages, so text on several pages embeds
	 * each font once (see finishPages).
	 */
	constructor(
		private readonly doc: PDFDocument,
		readonly page: PDFPage,
		firstMcid = 0,
		private readonly sharedFonts: SharedFonts = new Map(),
	) {
		this.structure = new PageStructure(firstMcid);
	}

	shape(text: string, style: FontStyle = 'regular'): ShapedText {
		return shapeText(text, style);
	}

	/** Font size at which the text fits maxWidth (never larger than size). */
	fittedSize(shaped: ShapedText, size: number, maxWidth?: number): number {
		if (!maxWidth) return size;
		const width = widthAt(shaped, size);
		return width > maxWidth ? Math.max(4, (size * maxWidth) / width) : size;
	}

	/** Draws one line; x is the left edge, centre or right edge depending on align. */
	text(value: string, x: number, y: number, options: TextOptions): number {
		// Composed form: a decomposed "e\u0302\u0303" becomes the font's own "ễ" glyph, where a base
		// glyph with positioned marks extracted in Poppler as "ê ̃" (a gap before the mark).
		const shaped = this.shape(value.normalize('NFC'), options.style);
		for (const char of shaped.missing) this.missing.add(char);
		const size = this.fittedSize(shaped, options.size, options.maxWidth);
		const width = widthAt(shaped, size);
		const left =
			options.align === 'center' ? x - width / 2 : options.align === 'right' ? x - width : x;
		const parts = [
			`BT ${colorOperands(options.color ?? [0, 0, 0])} rg 1 0 0 1 ${num(left)} ${num(y)} Tm`,
		];
		for (const run of shaped.runs) {
			const font = this.fontFor(run.font.key, run.font, options.variable === true);
			parts.push(`${font.name} ${num(size)} Tf [${font.font.encodeRun(run)}] TJ`);
		}
		parts.push('ET');
		const element = options.element ?? this.structure.element(options.role ?? 'P', left, y);
		this.ops.push(this.structure.mark(element, parts.join('\n')));
		return width;
	}

	/** Splits on spaces into lines no wider than maxWidth (a long word keeps its own line). */
	wrap(value: string, size: number, maxWidth: number, style?: FontStyle): string[] {
		const key = `${style}|${size}|${maxWidth}|${value}`;
		let lines = wrapCache.get(key);
		if (!lines) {
			lines = this.wrapUncached(value, size, maxWidth, style);
			if (wrapCache.size >= 500) wrapCache.clear();
			wrapCache.set(key, lines);
		}
		return lines;
	}

	private wrapUncached(value: string, size: number, maxWidth: number, style?: FontStyle): string[] {
		const lines: string[] = [];
		let current = '';
		for (const word of value.split(/\s+/).filter(Boolean)) {
			const candidate = current ? `${current} ${word}` : word;
			if (current && widthAt(this.shape(candidate, style), size) > maxWidth) {
				lines.push(current);
				current = word;
			} else current = candidate;
		}
		if (current) lines.push(current);
		return lines;
	}

	/** A structure element that several text() calls add to (pass it as `element`). */
	element(role: StructureRole, x: number, y: number): StructureElement {
		return this.structure.element(role, x, y);
	}

	line(x1: number, y1: number, x2: number, y2: number, width: number, color: Rgb): void {
		this.artifact(
			`q ${colorOperands(color)} RG ${num(width)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S Q`,
		);
	}

	rect(x: number, y: number, w: number, h: number, stroke: Rgb, width: number): void {
		this.artifact(
			`q ${colorOperands(stroke)} RG ${num(width)} w ${num(x)} ${num(y)} ${num(w)} ${num(h)} re S Q`,
		);
	}

	fillRect(x: number, y: number, w: number, h: number, fill: Rgb): void {
		this.artifact(`q ${colorOperands(fill)} rg ${num(x)} ${num(y)} ${num(w)} ${num(h)} re f Q`);
	}

	/** Rules and frames: decoration, marked as artifacts so assistive technology skips them. */
	private artifact(operators: string): void {
		this.ops.push(`/Artifact BMC\n${operators}\nEMC`);
	}

	/** A vector QR code, tagged as a figure whose alternate text names the verification URL. */
	qr(matrix: QrMatrix, url: string, x: number, y: number, side: number): void {
		const figure = this.structure.element('Figure', x, y + side, {
			alt: `QR code linking to the verification page ${url}`,
			bbox: [x, y, x + side, y + side],
		});
		this.ops.push(this.structure.mark(figure, qrOperators(matrix, x, y, side)));
	}

	private fontFor(
		key: FontKey,
		loaded: SubsetFont['font'],
		variable: boolean,
	): { font: SubsetFont; name: string } {
		const id = `${variable ? 'Var' : 'Cert'}${key}`;
		let entry = this.fonts.get(id);
		if (!entry) {
			let font = this.sharedFonts.get(id);
			if (!font) {
				// Shared subsets start with printable ASCII, so ids, URLs and dates that differ between
				// certificates do not change the subset, and its encoded bytes come from the cache.
				font = new SubsetFont(loaded, this.doc.context, variable ? '' : ASCII);
				this.sharedFonts.set(id, font);
			}
			const fonts = this.fontResources();
			const key = fonts.uniqueKey(id);
			fonts.set(key, font.ref);
			const name = key.toString();
			entry = { font, name };
			this.fonts.set(id, entry);
		}
		return entry;
	}

	/**
	 * The page's font resources, created when missing. Done by hand: pdf-lib's own helper first
	 * wraps the page in extra q/Q streams that it compresses in JavaScript on every save.
	 */
	private fontResources(): PDFDict {
		const ctx = this.doc.context;
		const node = this.page.node;
		let resources = node.lookupMaybe(PDFName.of('Resources'), PDFDict);
		if (!resources) {
			resources = ctx.obj({});
			node.set(PDFName.of('Resources'), resources);
		}
		let fonts = resources.lookupMaybe(PDFName.of('Font'), PDFDict);
		if (!fonts) {
			fonts = ctx.obj({});
			resources.set(PDFName.of('Font'), fonts);
		}
		return fonts;
	}

	/**
	 * Embeds the fonts, appends the content stream (a template's drawing is isolated in q/Q) and
	 * writes the structure tree in the given reading order.
	 */
	finish(wrapExisting: boolean, order: ReadingOrder): void {
		for (const { font } of this.fonts.values()) font.embed();
		this.writeContent(wrapExisting);
		this.structure.write(this.doc, this.page, order);
	}

	/** Appends the page's drawing as one compressed content stream. */
	writeContent(wrapExisting: boolean): void {
		const ctx = this.doc.context;
		// Level 1: the body is mostly QR rectangles, where the default level took twice as long
		// for about 15 % fewer bytes (some 200 bytes a certificate).
		const stream = (body: string): PDFRef =>
			ctx.register(
				PDFRawStream.of(
					ctx.obj({ Filter: 'FlateDecode' }),
					deflateSync(Buffer.from(body, 'latin1'), { level: 1 }),
				),
			);
		const node = this.page.node;
		const existing = node.get(PDFName.of('Contents'));
		const resolved = existing ? ctx.lookup(existing) : undefined;
		const contents = resolved instanceof PDFArray ? resolved : ctx.obj(existing ? [existing] : []);
		node.set(PDFName.of('Contents'), contents);
		const body = this.ops.join('\n');
		if (wrapExisting && contents.size() > 0) {
			contents.insert(0, ctx.register(PDFRawStream.of(ctx.obj({}), Buffer.from('q\n', 'latin1'))));
			contents.push(stream(`Q\n${body}\n`));
		} else contents.push(stream(body));
	}
}

/**
 * Finishes the pages of one document drawn with one shared font map: each font embedded once,
 * the content streams, and one structure tree over the pages in order.
 */
export function finishPages(
	doc: PDFDocument,
	sharedFonts: SharedFonts,
	canvases: readonly PageCanvas[],
	order: ReadingOrder,
): void {
	for (const font of sharedFonts.values()) font.embed();
	for (const canvas of canvases) canvas.writeContent(false);
	writeStructureTree(doc, canvases, order);
}
