import { drawAttendeeSessions, type AddPage } from './attendee-pages';
import {
	ALERT,
	BUILT_IN_PAGE_SIZE,
	GOLD,
	INK,
	MUTED,
	NAVY,
	drawFrame,
	drawStatements,
} from './built-in-style';
import {
	creditLines,
	datesText,
	deliveryMethodLabel,
	footerText,
	supersessionText,
} from './field-text';
import type { Certificate } from './model';
import type { PageCanvas } from './pdf/canvas';
import type { StructureElement } from './pdf/structure';
import { qrMatrix } from './pdf/qr';

/** Bump when the built-in layout changes: printed on every certificate and in its JSON. */
export const BUILT_IN_TEMPLATE_VERSION = 'built-in-classic/1';
export { BUILT_IN_PAGE_SIZE };

/** Heading positions, in points from the top edge, and sizes. */
const PROGRAM_HEADING = {
	sponsor: 70,
	title: 118,
	titleSize: 32,
	certifies: 165,
	name: 208,
	nameSize: 30,
	completed: 'has successfully completed',
	titleLines: 2,
};
const ATTENDEE_HEADING = {
	sponsor: 54,
	title: 92,
	titleSize: 26,
	certifies: 130,
	name: 162,
	nameSize: 26,
	completed: 'attended and earned credit for these sessions of',
	titleLines: 1,
};
/**
 * The built-in design: every element NASBA's Std No. 23 and the Registry list ask for (sponsor
 * name and contact, participant, title, dates, location, delivery method, credits by field of
 * study, signature, registry id, statements), plus the verification QR code and issuance footer.
 * An attendee certificate prints the same elements and lists every credited session (date, title,
 * delivery method, field of study, credits) with the total, on further pages when they do not
 * fit on the first: `addPage` gives the next page. The first page is drawn on `canvas`.
 */
export function drawBuiltIn(canvas: PageCanvas, cert: Certificate, addPage: AddPage): void {
	const [width, height] = BUILT_IN_PAGE_SIZE;
	const centre = width / 2;
	drawFrame(canvas);

	// An attendee certificate lists its sessions, so its heading sits higher and tighter.
	const at = cert.sessions ? ATTENDEE_HEADING : PROGRAM_HEADING;
	canvas.text(cert.sponsorName.toUpperCase(), centre, height - at.sponsor, {
		size: 12,
		style: 'bold',
		color: NAVY,
		align: 'center',
		maxWidth: 640,
	});
	canvas.text(cert.title, centre, height - at.title, {
		role: 'H1',
		size: at.titleSize,
		style: 'bold',
		color: NAVY,
		align: 'center',
		maxWidth: 700,
	});
	canvas.line(centre - 60, height - at.title - 16, centre + 60, height - at.title - 16, 1.2, GOLD);
	canvas.text('This certifies that', centre, height - at.certifies, {
		size: 12,
		color: MUTED,
		align: 'center',
	});
	canvas.text(cert.recipientName, centre, height - at.name, {
		role: 'H2',
		size: at.nameSize,
		color: INK,
		align: 'center',
		maxWidth: 640,
		variable: true,
	});
	canvas.line(centre - 250, height - at.name - 12, centre + 250, height - at.name - 12, 0.6, MUTED);
	canvas.text(at.completed, centre, height - at.name - 37, {
		size: 12,
		color: MUTED,
		align: 'center',
	});
	let y = height - at.name - 67;
	const course = canvas.element('H2', centre, y);
	for (const line of canvas.wrap(cert.courseTitle, 18, 640, 'bold').slice(0, at.titleLines)) {
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
	const footer = footerText(cert, BUILT_IN_TEMPLATE_VERSION);
	let pages = 1;
	if (cert.sessions) {
		const attendee = drawAttendeeSessions(canvas, cert, y, footer, addPage);
		pages = attendee.pages;
		if (attendee.statementsTop !== undefined) drawStatements(canvas, cert, attendee.statementsTop);
	} else drawStatements(canvas, cert, drawProgramDetails(canvas, cert, y));

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
	canvas.text(pages > 1 ? `${footer}  ·  Page 1 of ${pages}` : footer, 60, 34, {
		size: 6.5,
		color: MUTED,
		maxWidth: 720,
	});
}

/** Date, location, delivery method and credits by field of study, as label and value rows. */
function drawProgramDetails(canvas: PageCanvas, cert: Certificate, top: number): number {
	const centre = BUILT_IN_PAGE_SIZE[0] / 2;
	const details: Array<[string, string | undefined]> = [
		['Date', datesText(cert)],
		['Location', cert.location],
		['Delivery method', deliveryMethodLabel(cert.deliveryMethod)],
	];
	const credits = creditLines(cert);
	credits.forEach((line, i) => details.push([i === 0 ? 'Credits' : '', line]));
	let y = top - 6;
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
	return y - 4;
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
