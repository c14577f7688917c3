import { createHash } from 'node:crypto';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';

import { CertificateError } from './errors';
import {
	creditLines,
	datesText,
	deliveryMethodLabel,
	formatDate,
	supersessionText,
} from './field-text';
import {
	FieldPositionSchema,
	type Certificate,
	type FieldPosition,
	type FieldPositionInput,
	type TemplateField,
} from './model';
import { hexColor, type PageCanvas } from './pdf/canvas';
import { qrMatrix } from './pdf/qr';
import type { StructureRole } from './pdf/structure';

export interface LoadedTemplate {
	doc: PDFDocument;
	pageIndex: number;
	width: number;
	height: number;
	/** "template:<first 12 hex digits of the PDF's SHA-256>", printed in metadata and JSON. */
	version: string;
	/** The first marked-content id the page's own content does not use (tagged templates). */
	firstFreeMcid: number;
}

const CACHE_LIMIT = 8;
const cache = new Map<string, LoadedTemplate>();

/** Parses a template once per process (keyed by content), so a batch reuses one parsed copy. */
export async function loadTemplate(bytes: Uint8Array, pageNumber = 1): Promise<LoadedTemplate> {
	const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
	if (!head.includes('%PDF-'))
		throw new CertificateError('templatePdf', 'The template is not a PDF file (no %PDF- header)');
	const hash = createHash('sha256').update(bytes).digest('hex');
	const key = `${hash}:${pageNumber}`;
	const cached = cache.get(key);
	if (cached) return cached;
	let doc: PDFDocument;
	let pageCount: number;
	try {
		doc = await PDFDocument.load(bytes, { updateMetadata: false });
		pageCount = doc.getPageCount();
	} catch (error) {
		throw new CertificateError(
			'templatePdf',
			`The template PDF cannot be read: ${(error as Error).message}`,
		);
	}
	const pageIndex = pageNumber - 1;
	if (pageCount === 0)
		throw new CertificateError('templatePdf', 'The template PDF cannot be read: it has no pages');
	if (!Number.isInteger(pageNumber) || pageIndex < 0 || pageIndex >= pageCount)
		throw new CertificateError(
			'templatePage',
			`The template has ${pageCount} page(s); page ${pageNumber} does not exist`,
		);
	const { width, height } = doc.getPage(pageIndex).getSize();
	const loaded = {
		doc,
		pageIndex,
		width,
		height,
		version: `template:${hash.slice(0, 12)}`,
		firstFreeMcid: firstFreeMcid(doc, pageIndex),
	};
	if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
	cache.set(key, loaded);
	return loaded;
}

/**
 * A template exported with tags (Word, InDesign) numbers its own marked content from 0; the
 * certificate's fields continue after the highest id, so no two pieces of content share one.
 */
function firstFreeMcid(doc: PDFDocument, pageIndex: number): number {
	const page = doc.getPage(pageIndex).node;
	const contents = page.lookup(PDFName.of('Contents'));
	const streams =
		contents instanceof PDFArray
			? contents.asArray().map((r) => doc.context.lookup(r))
			: [contents];
	let next = 0;
	for (const stream of streams) {
		if (!(stream instanceof PDFRawStream)) continue;
		let text: string;
		try {
			text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
		} catch {
			continue; // A filter pdf-lib cannot decode: such a stream is drawn, not searched.
		}
		for (const match of text.matchAll(/\/MCID\s+(\d+)/g))
			next = Math.max(next, Number(match[1]) + 1);
	}
	return next;
}

const checkedCache = new Map<string, FieldPosition[]>();

/**
 * Validates field positions against the template page; errors name the field and the fix.
 * A batch repeats the same positions for every certificate, so the checked list is reused
 * (read-only) instead of running the schema again per render.
 */
export function checkPositions(
	positions: FieldPositionInput[],
	width: number,
	height: number,
): FieldPosition[] {
	const key = `${width}x${height}:${JSON.stringify(positions)}`;
	let checked = checkedCache.get(key);
	if (!checked) {
		checked = checkPositionsUncached(positions, width, height);
		if (checkedCache.size >= CACHE_LIMIT) checkedCache.clear();
		checkedCache.set(key, checked);
	}
	return checked;
}

function checkPositionsUncached(
	positions: FieldPositionInput[],
	width: number,
	height: number,
): FieldPosition[] {
	if (positions.length === 0)
		throw new CertificateError(
			'fieldPositions',
			'A template needs at least one field position (e.g. recipientName)',
		);
	return positions.map((raw, i) => {
		const parsed = FieldPositionSchema.safeParse(raw);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			throw new CertificateError(
				`fieldPositions[${i}].${issue.path.join('.')}`,
				`Field position ${i + 1}: ${issue.path.join('.') || 'entry'} ${issue.message}`,
			);
		}
		const p = parsed.data;
		const side = p.field === 'qrCode' ? p.size : 0;
		if (p.x < 0 || p.y < 0 || p.x + side > width || p.y + side > height)
			throw new CertificateError(
				`fieldPositions[${i}]`,
				`Field "${p.field}" at x=${p.x}, y=${p.y}${side ? ` (size ${side})` : ''} is off the template page (${Math.round(width)} × ${Math.round(height)} pt; x from the left edge, y from the bottom edge)`,
			);
		return p;
	});
}

function fieldValue(
	cert: Certificate,
	field: Exclude<TemplateField, 'qrCode'>,
): string | undefined {
	switch (field) {
		case 'credits':
			return creditLines(cert).join('; ') || undefined;
		case 'deliveryMethod':
			return deliveryMethodLabel(cert.deliveryMethod);
		case 'dates':
			return datesText(cert);
		case 'sponsorRegistryId':
			return cert.sponsorRegistryId && `${cert.sponsorRegistryLabel} ${cert.sponsorRegistryId}`;
		case 'statements':
			return cert.statements.join(' ') || undefined;
		case 'issuedAt':
			return `Issued ${formatDate(cert.issuedAt, cert.language)}`;
		case 'supersession':
			return supersessionText(cert);
		default:
			return cert[field];
	}
}

/** The name is the page's main heading on a template (the artwork carries the title). */
const FIELD_ROLES: Partial<Record<TemplateField, StructureRole>> = {
	recipientName: 'H1',
	courseTitle: 'H2',
};

export function drawTemplateFields(
	canvas: PageCanvas,
	cert: Certificate,
	positions: FieldPosition[],
): void {
	for (const p of positions) {
		if (p.field === 'qrCode') {
			canvas.qr(qrMatrix(cert.verificationUrl), cert.verificationUrl, p.x, p.y, p.size);
			continue;
		}
		const value = fieldValue(cert, p.field);
		if (!value) continue;
		canvas.text(value, p.x, p.y, {
			size: p.size,
			style: p.bold ? 'bold' : 'regular',
			color: hexColor(p.color),
			align: p.align,
			maxWidth: p.maxWidth || undefined,
			variable: p.field === 'recipientName',
			role: FIELD_ROLES[p.field] ?? 'P',
		});
	}
}
