import { drawSessionTable } from './attendee-sessions';
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
/** Statements end above the sponsor block, the signature and the QR code. */
const STATEMENTS_FLOOR = 160;
const STATEMENT_SIZE = 8.5;
const STATEMENT_LEADING = 11;
const STATEMENT_WIDTH = 560;

/**
 * The built-in design: every element NASBA's Std No. 23 and the Registry list ask for (sponsor
 * name and contact, participant, title, dates, location, delivery method, credits by field of
 * study, signature, registry id, statements), plus the verification QR code and issuance footer.
 * An attendee certificate prints the same elements and lists every credited session (date, title,
 * delivery method, field of study, credits) with the total.
 */
export function drawBuiltIn(canvas: PageCanvas, cert: Certificate): void {
	const [width, height] = BUILT_IN_PAGE_SIZE;
	const centre = width / 2;
	canvas.rect(18, 18, width - 36, height - 36, NAVY, 2.5);
	canvas.rect(26, 26, width - 52, height - 52, GOLD, 0.8);

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
	if (cert.sessions) y = drawAttendeeDetails(canvas, cert, y);
	else y = drawProgramDetails(canvas, cert, y);
	drawStatements(canvas, cert, y, centre);

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

/** The event's dates and location on one line, then the session table down to the statements. */
function drawAttendeeDetails(canvas: PageCanvas, cert: Certificate, top: number): number {
	const centre = BUILT_IN_PAGE_SIZE[0] / 2;
	const where = [datesText(cert), cert.location].filter(Boolean).join('  ·  ');
	canvas.text(where, centre, top, { size: 10.5, color: INK, align: 'center', maxWidth: 640 });
	const statementLines = cert.statements.reduce(
		(lines, statement) => lines + canvas.wrap(statement, STATEMENT_SIZE, STATEMENT_WIDTH).length,
		0,
	);
	const bottom = STATEMENTS_FLOOR + statementLines * STATEMENT_LEADING + 6;
	const y = drawSessionTable(canvas, cert, top - 8, bottom, { ink: INK, muted: MUTED, rule: GOLD });
	return y - 16;
}

function drawStatements(canvas: PageCanvas, cert: Certificate, top: number, centre: number): void {
	let y = top;
	for (const statement of cert.statements) {
		const paragraph = canvas.element('P', centre, y);
		for (const line of canvas.wrap(statement, STATEMENT_SIZE, STATEMENT_WIDTH)) {
			canvas.text(line, centre, y, {
				element: paragraph,
				size: STATEMENT_SIZE,
				color: MUTED,
				align: 'center',
			});
			y -= STATEMENT_LEADING;
		}
	}
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
