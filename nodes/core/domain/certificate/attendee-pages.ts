import { PAGED_ROW_HEIGHT, drawSessionTable, fittingRowHeight } from './attendee-sessions';
import type { TablePart } from './attendee-sessions';
import {
	BUILT_IN_PAGE_SIZE,
	GOLD,
	INK,
	MUTED,
	NAVY,
	STATEMENT_LEADING,
	drawFrame,
	drawStatements,
	statementLineCount,
} from './built-in-style';
import { CertificateError } from './errors';
import { datesText } from './field-text';
import type { Certificate } from './model';
import type { PageCanvas } from './pdf/canvas';

/** On the first page, the table and statements end above the sponsor, signature and QR code. */
const FIRST_PAGE_FLOOR = 160;
/** Continuation pages: the table runs from below their heading to above their footer. */
const CONTINUED_TOP = BUILT_IN_PAGE_SIZE[1] - 134;
const CONTINUED_FLOOR = 62;
/** Between the total row and the statements. */
const STATEMENTS_GAP = 16;
const TABLE_STYLE = { ink: INK, muted: MUTED, rule: GOLD };

export type AddPage = () => PageCanvas;

/**
 * The event's dates and location, then the session table: on the first page when it fits there
 * (rows shrink to the smallest size first), else continued over as many pages as it takes, each
 * with a heading naming the attendee and certificate, the table header, and a page footer; the
 * total and the statements follow the last row. Nothing is cut. Returns the page count and,
 * when the statements belong on the first page, where they start.
 */
export function drawAttendeeSessions(
	canvas: PageCanvas,
	cert: Certificate,
	top: number,
	footer: string,
	addPage: AddPage,
): { pages: number; statementsTop?: number } {
	const centre = BUILT_IN_PAGE_SIZE[0] / 2;
	const where = [datesText(cert), cert.location].filter(Boolean).join('  ·  ');
	canvas.text(where, centre, top, { size: 10.5, color: INK, align: 'center', maxWidth: 640 });
	const sessions = cert.sessions ?? [];
	const statementsHeight = statementLineCount(canvas, cert) * STATEMENT_LEADING;
	const tableTop = top - 8;
	const onePage = tableTop - (FIRST_PAGE_FLOOR + statementsHeight + 6);
	const rowHeight = fittingRowHeight(sessions.length + 2, onePage);
	if (rowHeight !== undefined) {
		const part = { sessions, total: true };
		const y = drawSessionTable(canvas, cert, part, tableTop, rowHeight, TABLE_STYLE);
		return { pages: 1, statementsTop: y - STATEMENTS_GAP };
	}
	// Rows for sessions in a height, less the header row and the total (or "continued") row.
	const sessionRows = (height: number) => Math.floor(height / PAGED_ROW_HEIGHT) - 2;
	const continued = CONTINUED_TOP - CONTINUED_FLOOR;
	const parts = splitSessions(
		sessions,
		sessionRows(tableTop - FIRST_PAGE_FLOOR),
		sessionRows(continued),
		sessionRows(continued - STATEMENTS_GAP - statementsHeight),
	);
	parts.forEach((part, i) => {
		const page = i === 0 ? canvas : addPage();
		if (i > 0) drawContinuationPage(page, cert, footer, `Page ${i + 1} of ${parts.length}`);
		const from = i === 0 ? tableTop : CONTINUED_TOP;
		const y = drawSessionTable(page, cert, part, from, PAGED_ROW_HEIGHT, TABLE_STYLE);
		if (part.total) drawStatements(page, cert, y - STATEMENTS_GAP);
	});
	return { pages: parts.length };
}

/**
 * Splits the sessions into pages of `first`, then `next` rows; the last page takes at most
 * `last` (it also holds the statements) and at least one session, so the total follows a row.
 */
function splitSessions(
	sessions: TablePart['sessions'],
	first: number,
	next: number,
	last: number,
): TablePart[] {
	if (last < 1)
		throw new CertificateError(
			'statements',
			'Certificate field "statements": they leave no room for the session table on a page; shorten them',
		);
	const parts: TablePart[] = [];
	let rest = sessions;
	let capacity = first;
	while (parts.length === 0 || rest.length > last) {
		const count = Math.max(1, Math.min(capacity, rest.length - 1));
		parts.push({ sessions: rest.slice(0, count), total: false });
		rest = rest.slice(count);
		capacity = next;
	}
	parts.push({ sessions: rest, total: true });
	return parts.map((part, i) =>
		part.total ? part : { ...part, continuedOn: `Continued on page ${i + 2} of ${parts.length}` },
	);
}

/** A continuation page's frame, heading (sponsor, title, attendee and event, id), and footer. */
function drawContinuationPage(
	canvas: PageCanvas,
	cert: Certificate,
	footer: string,
	pageLabel: string,
): void {
	const [width, height] = BUILT_IN_PAGE_SIZE;
	const centre = width / 2;
	drawFrame(canvas);
	canvas.text(cert.sponsorName.toUpperCase(), centre, height - 54, {
		size: 12,
		style: 'bold',
		color: NAVY,
		align: 'center',
		maxWidth: 640,
	});
	canvas.text(`${cert.title} (continued)`, centre, height - 84, {
		size: 18,
		style: 'bold',
		color: NAVY,
		align: 'center',
		maxWidth: 700,
	});
	canvas.text(`${cert.recipientName}  ·  ${cert.courseTitle}`, centre, height - 106, {
		size: 12,
		color: INK,
		align: 'center',
		maxWidth: 700,
		variable: true,
	});
	canvas.text(`Certificate ID ${cert.certificateId}  ·  ${pageLabel}`, centre, height - 122, {
		size: 9,
		color: MUTED,
		align: 'center',
		maxWidth: 700,
	});
	canvas.text(`Verify this certificate: ${cert.verificationUrl}`, 60, 46, {
		size: 7,
		color: MUTED,
		maxWidth: 720,
	});
	canvas.text(`${footer}  ·  ${pageLabel}`, 60, 34, { size: 6.5, color: MUTED, maxWidth: 720 });
}
