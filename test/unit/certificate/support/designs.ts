import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

import type {
	CertificateDesign,
	FieldPositionInput,
} from '../../../../nodes/core/domain/certificate';

/** A box on the page in PDF points (origin bottom left) and the colour drawn there. */
export interface ColourProbe {
	what: string;
	box: { x: number; y: number; w: number; h: number };
	colour: [number, number, number];
	/** Pixels of (near) exactly that colour the box must hold: fewer for thin glyph strokes. */
	minPixels: number;
}

/** A design the certificate tests render, with where its configured colours must show. */
export interface TestDesign {
	name: string;
	design: () => Promise<CertificateDesign>;
	probes: ColourProbe[];
}

/** Letter portrait then letter landscape; the tests draw on page two. */
export async function twoPageTemplate(): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	const font = await doc.embedFont(StandardFonts.HelveticaBold);
	doc
		.addPage([612, 792])
		.drawText('TEMPLATE BACKGROUND PAGE ONE', { x: 150, y: 700, size: 20, font });
	doc.addPage([792, 612]).drawText('SECOND PAGE ARTWORK', { x: 250, y: 540, size: 20, font });
	return doc.save();
}

export const TWO_PAGE_POSITIONS: FieldPositionInput[] = [
	{ field: 'recipientName', x: 396, y: 330, size: 26, align: 'center', maxWidth: 500 },
	{ field: 'courseTitle', x: 396, y: 290, size: 14, align: 'center', bold: true },
	{ field: 'credits', x: 396, y: 265, size: 11, align: 'center', color: '#1f3a5f' },
	{ field: 'certificateId', x: 40, y: 40, size: 8 },
	{ field: 'verificationUrl', x: 752, y: 28, size: 7, align: 'right' },
	{ field: 'qrCode', x: 660, y: 40, size: 90 },
];

/** A4 landscape artwork with a frame, as a designer would export it (the benchmark's template). */
export async function framedTemplate(): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	const page = doc.addPage([841.89, 595.28]);
	const font = await doc.embedFont(StandardFonts.TimesRomanBold);
	page.drawRectangle({
		x: 20,
		y: 20,
		width: 801.89,
		height: 555.28,
		borderColor: rgb(0.1, 0.2, 0.4),
		borderWidth: 3,
	});
	page.drawText('Certificate of Attendance', { x: 230, y: 480, size: 34, font });
	return doc.save();
}

export const FRAMED_POSITIONS: FieldPositionInput[] = [
	{ field: 'recipientName', x: 420.9, y: 360, size: 28, align: 'center', color: '#8b1a1a' },
	{ field: 'courseTitle', x: 420.9, y: 320, size: 14, align: 'center' },
	{ field: 'credits', x: 420.9, y: 295, size: 11, align: 'center' },
	{ field: 'dates', x: 420.9, y: 278, size: 11, align: 'center' },
	{ field: 'certificateId', x: 60, y: 48, size: 8 },
	{ field: 'verificationUrl', x: 790, y: 30, size: 7, align: 'right' },
	{ field: 'qrCode', x: 700, y: 40, size: 90 },
];

const hex = (value: string): [number, number, number] =>
	[1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16)) as [number, number, number];
const unit = (c: number[]): [number, number, number] =>
	c.map((v) => Math.round(v * 255)) as [number, number, number];

export const DESIGNS: TestDesign[] = [
	{
		name: 'built-in',
		design: async () => ({ kind: 'builtIn' }),
		probes: [
			// The outer frame: navy, 2.5 pt wide, 18 pt in from the edge.
			{
				what: 'navy frame',
				box: { x: 15, y: 100, w: 6, h: 400 },
				colour: unit([0.12, 0.23, 0.37]),
				minPixels: 400,
			},
		],
	},
	{
		name: 'two-page-template',
		design: async () => ({
			kind: 'template',
			templatePdf: await twoPageTemplate(),
			page: 2,
			positions: TWO_PAGE_POSITIONS,
		}),
		probes: [
			{
				what: 'credits text',
				box: { x: 196, y: 258, w: 400, h: 20 },
				colour: hex('#1f3a5f'),
				minPixels: 8,
			},
		],
	},
	{
		name: 'framed-template',
		design: async () => ({
			kind: 'template',
			templatePdf: await framedTemplate(),
			positions: FRAMED_POSITIONS,
		}),
		probes: [
			{
				what: 'template frame',
				box: { x: 17, y: 100, w: 6, h: 400 },
				colour: unit([0.1, 0.2, 0.4]),
				minPixels: 400,
			},
			{
				what: 'name text',
				box: { x: 120, y: 350, w: 600, h: 40 },
				colour: hex('#8b1a1a'),
				minPixels: 40,
			},
		],
	},
];
