import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';

/** Runs a PDF.js script (ES module, so in a child Node process) over the PDFs; its JSON output. */
function withPdfJs<T>(script: string, pdfs: Uint8Array[]): T {
	const dir = mkdtempSync(join(tmpdir(), 'cert-text-'));
	try {
		const files = pdfs.map((pdf, i) => {
			const file = join(dir, `${i}.pdf`);
			writeFileSync(file, pdf);
			return file;
		});
		// Test-only: PDF.js is an ES module, so it runs in a child Node process.
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions
		const out = execFileSync(process.execPath, [join(__dirname, script), ...files], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		return JSON.parse(out) as T;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Text of each PDF as PDF.js extracts it, whitespace collapsed. */
export function extractTexts(pdfs: Uint8Array[]): string[] {
	return withPdfJs<string[]>('extract-text.mjs', pdfs).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** One structure element as PDF.js reads it, with the text of its marked content. */
export interface ReadElement {
	role: string;
	alt?: string;
	text: string;
	mcids: string[];
}

interface StructNode {
	role?: string;
	alt?: string;
	type?: string;
	id?: string;
	children?: StructNode[];
}

/** The first page's structure elements below Document, in tree order (PDF.js getStructTree). */
export function readStructure(pdf: Uint8Array): { root: string[]; elements: ReadElement[] } {
	const [{ tree, textById }] = withPdfJs<
		Array<{ tree: StructNode; textById: Record<string, string> }>
	>('struct-tree.mjs', [pdf]);
	const documents = tree.children ?? [];
	const elements = documents.flatMap((d) =>
		(d.children ?? []).map((e) => {
			const mcids = (e.children ?? []).filter((c) => c.type === 'content').map((c) => c.id ?? '');
			const text = mcids
				.map((id) => textById[id] ?? '')
				.join(' ')
				.replace(/\s+/g, ' ')
				.trim();
			return { role: e.role ?? '', alt: e.alt, text, mcids };
		}),
	);
	return { root: documents.map((d) => d.role ?? ''), elements };
}

/** The decoded content streams of the first page, concatenated. */
export async function pageContent(pdf: Uint8Array): Promise<string> {
	const doc = await PDFDocument.load(pdf);
	const page = doc.getPage(0).node;
	const contents = page.get(PDFName.of('Contents'));
	const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
	return refs
		.map((ref) => {
			const stream = doc.context.lookup(ref as PDFRef);
			if (!(stream instanceof PDFRawStream)) throw new Error('unexpected content stream type');
			const filter = stream.dict.get(PDFName.of('Filter'));
			const bytes = filter ? inflateSync(stream.contents) : Buffer.from(stream.contents);
			return bytes.toString('latin1');
		})
		.join('\n');
}

export interface DrawnQr {
	/** Lower-left corner and side of the drawn square, in points. */
	x: number;
	y: number;
	side: number;
	/** What a QR reader decodes from the drawn modules. */
	text: string | undefined;
}

/**
 * Reads the QR code back from the vector drawing: the rectangles inside the tagged figure are
 * painted into a bitmap (8 px per module) and handed to a QR decoder, as a phone camera would.
 */
export async function readDrawnQr(pdf: Uint8Array): Promise<DrawnQr> {
	const content = await pageContent(pdf);
	const figure = /\/Figure <<[^>]*>> BDC\n([\s\S]*?)\nEMC/.exec(content);
	if (!figure) throw new Error('no QR figure in the page content');
	const lines = figure[1].split('\n');
	const cm = /^(\S+) 0 0 (\S+) (\S+) (\S+) cm$/.exec(lines[1]);
	const quiet = /^1 1 1 rg 0 0 (\d+) (\d+) re f$/.exec(lines[2]);
	if (!cm || !quiet || lines[3] !== '0 0 0 rg') throw new Error('unexpected QR drawing');
	const total = Number(quiet[1]);
	const px = 8;
	const size = total * px;
	const rgba = new Uint8ClampedArray(size * size * 4).fill(255);
	for (const line of lines.slice(4)) {
		const re = /^(\d+) (\d+) (\d+) (\d+) re$/.exec(line);
		if (!re) continue;
		const [col, yModule, width, height] = re.slice(1).map(Number);
		for (let row = total - yModule - height; row < total - yModule; row++)
			for (let c = col; c < col + width; c++)
				for (let dy = 0; dy < px; dy++)
					for (let dx = 0; dx < px; dx++) {
						const at = ((row * px + dy) * size + c * px + dx) * 4;
						rgba[at] = rgba[at + 1] = rgba[at + 2] = 0;
					}
	}
	const unit = Number(cm[1]);
	return {
		x: Number(cm[3]),
		y: Number(cm[4]),
		side: unit * total,
		text: jsQR(rgba, size, size)?.data,
	};
}
