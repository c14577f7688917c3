import {
	creditLines,
	datesText,
	deliveryMethodLabel,
	footerText,
	supersessionText,
} from './field-text';
import type { Certificate } from './model';
import type { PageCanvas, Rgb } from './pdf/canvas';
import type { StructureElement } from './pdf/structure';
import { qrMatrix } from './pdf/qr';

/** Bump when the built-in layout changes: printed on every certificate and in its JSON. */
export const BUILT_IN_TEMPLATE_VERSION = 'built-in-classic/1';
/** A4 landscape, in points. */
export const BUILT_IN_PAGE_SIZE: [number, number] = [841.89, 595.28];

const NAVY: Rgb = [0.12, 0.23, 0.37];
const GOLD: Rgb = [0.69, 0.55, 0.34];
const INK: Rgb = [0.13, 0.13, 0.15];
const MUTED: Rgb = [0.38, 0.4, 0.44];
const ALERT: Rgb = [0.62, 0.12, 0.12];

/**
 * The built-in design: every element NASBA's Std No. 23 and the Registry list ask for (sponsor
 * name and contact, participant, title, dates, location, delivery method, credits by field of
 * study, signature, registry id, statements), plus the verification QR code and issuance footer.
 */
export function drawBuiltIn(canvas: PageCanvas, cert: Certificate): void {
	const [width, height] = BUILT_IN_PAGE_SIZE;
	const centre = width / 2;
	canvas.rect(18, 18, width - 36, height - 36, NAVY, 2.5);
	canvas.rect(26, 26, width - 52, height - 52, GOLD, 0.8);

	canvas.text(cert.sponsorName.toUpperCase(), centre, height - 70, {
		size: 12,
		style: 'bold',
		color: NAVY,
		align: 'center',
		maxWidth: 640,
	});
	canvas.text(cert.title, centre, height - 118, {
		role: 'H1',
		size: 32,
		style: 'bold',
		color: NAVY,
		align: 'center',
		maxWidth: 700,
	});
	canvas.line(centre - 60, height - 134, centre + 60, height - 134, 1.2, GOLD);
	canvas.text('This certifies that', centre, height - 165, {
		size: 12,
		color: MUTED,
		align: 'center',
	});
	canvas.text(cert.recipientName, centre, height - 208, {
		role: 'H2',
		size: 30,
		color: INK,
		align: 'center',
		maxWidth: 640,
		variable: true,
	});
	canvas.line(centre - 250, height - 220, centre + 250, height - 220, 0.6, MUTED);
	canvas.text('has successfully completed', centre, height - 245, {
		size: 12,
		color: MUTED,
		align: 'center',
	});
	let y = height - 275;
	const course = canvas.element('H2', centre, y);
	for (const line of canvas.wrap(cert.courseTitle, 18, 640, 'bold').slice(0, 2)) {
		canvas.text(line, centre, y, {
			element: course,
			size: 18,
			style: 'bold',
			color: INK,
			align: 'center',
			maxWidth: 680,
		});
		y -= 24;
	}

	const details: Array<[string, string | undefined]> = [
		['Date', datesText(cert)],
		['Location', cert.location],
		['Delivery method', deliveryMethodLabel(cert.deliveryMethod)],
	];
	const credits = creditLines(cert);
	credits.forEach((line, i) => details.push([i === 0 ? 'Credits' : '', line]));
	y -= 6;
	let row: StructureElement | undefined;
	for (const [label, value] of details) {
		if (!value) continue;
		// A label and its value are one paragraph ("Date May 14, 2026"); further credit lines too.
		if (label) {
			row = canvas.element('P', centre - 12, y);
			canvas.text(label, centre - 12, y, {
				element: row,
				size: 10.5,
				style: 'bold',
				color: MUTED,
				align: 'right',
			});
		}
		canvas.text(value, centre + 12, y, { element: row, size: 10.5, color: INK, maxWidth: 330 });
		y -= 15;
	}
	y -= 4;
	for (const statement of cert.statements) {
		const paragraph = canvas.element('P', centre, y);
		for (const line of canvas.wrap(statement, 8.5, 560)) {
			canvas.text(line, centre, y, {
				element: paragraph,
				size: 8.5,
				color: MUTED,
				align: 'center',
			});
			y -= 11;
		}
	}

	drawSponsor(canvas, cert);
	drawSignature(canvas, cert, centre);
	const qrSide = 92;
	canvas.qr(qrMatrix(cert.verificationUrl), cert.verificationUrl, width - 60 - qrSide, 62, qrSide);
	canvas.text('Verify this certificate', width - 60 - qrSide / 2, 54, {
		size: 7,
		color: MUTED,
		align: 'center',
	});
	canvas.text(cert.verificationUrl, width - 60, 44, {
		size: 6.5,
		color: MUTED,
		align: 'right',
		maxWidth: 260,
	});

	const supersession = supersessionText(cert);
	if (supersession) canvas.text(supersession, 60, 44, { size: 7.5, color: ALERT, maxWidth: 480 });
	canvas.text(footerText(cert, BUILT_IN_TEMPLATE_VERSION), 60, 34, {
		size: 6.5,
		color: MUTED,
		maxWidth: 720,
	});
}

function drawSponsor(canvas: PageCanvas, cert: Certificate): void {
	let y = 128;
	const element = canvas.element('P', 60, y);
	canvas.text(cert.sponsorName, 60, y, {
		element,
		size: 9.5,
		style: 'bold',
		color: INK,
		maxWidth: 220,
	});
	for (const line of [
		cert.sponsorContact,
		cert.sponsorRegistryId ? `${cert.sponsorRegistryLabel} ${cert.sponsorRegistryId}` : undefined,
	]) {
		if (!line) continue;
		y -= 13;
		canvas.text(line, 60, y, { element, size: 8.5, color: MUTED, maxWidth: 220 });
	}
}

function drawSignature(canvas: PageCanvas, cert: Certificate, centre: number): void {
	canvas.line(centre - 110, 110, centre + 110, 110, 0.8, INK);
	const element = canvas.element('P', centre, 96);
	canvas.text(cert.signerName ?? 'Authorised signatory', centre, 96, {
		element,
		size: 10,
		color: INK,
		align: 'center',
		maxWidth: 240,
	});
	if (cert.signerTitle)
		canvas.text(cert.signerTitle, centre, 84, {
			element,
			size: 8.5,
			color: MUTED,
			align: 'center',
			maxWidth: 240,
		});
}
