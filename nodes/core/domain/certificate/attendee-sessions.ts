import { formatCredits, sumCredits } from '../credit/decimal';
import { CertificateError } from './errors';
import { creditAmount, deliveryMethodLabel, formatDate } from './field-text';
import type { Certificate, CertificateInput, CreditLine } from './model';
import type { PageCanvas, Rgb } from './pdf/canvas';

/**
 * Fills what an attendee certificate can take from its sessions: the dates (first to last
 * session) when none are given. Runs before validation, so a missing date still names the field.
 */
export function withSessionDates(input: CertificateInput): CertificateInput {
	const dates = (input.sessions ?? [])
		.map((session) => (typeof session?.date === 'string' ? session.date.trim() : ''))
		.filter(Boolean)
		.sort();
	if (dates.length === 0 || (input.completedOn ?? '').trim() !== '') return input;
	const [first, last] = [dates[0], dates[dates.length - 1]];
	return {
		...input,
		completedOn: last,
		startedOn: input.startedOn?.trim() ? input.startedOn : first !== last ? first : undefined,
	};
}

/**
 * Credits by field of study for an attendee certificate: the exact sums of its sessions when
 * none are given; given ones must add up to the sessions' total, or the certificate would print
 * two different totals.
 */
export function withSessionCredits(cert: Certificate): Certificate {
	if (!cert.sessions) return cert;
	const sessionTotal = sumCredits(cert.sessions.map((session) => session.credits));
	if (cert.credits.length === 0) {
		const byField = new Map<string, Array<string | number>>();
		for (const session of cert.sessions) {
			const field = session.fieldOfStudy ?? '';
			byField.set(field, [...(byField.get(field) ?? []), session.credits]);
		}
		const credits: CreditLine[] = [...byField].map(([field, values]) => ({
			credits: sumCredits(values),
			fieldOfStudy: field || undefined,
		}));
		return { ...cert, credits };
	}
	const given = sumCredits(cert.credits.map((line) => line.credits));
	if (given !== sessionTotal) {
		throw new CertificateError(
			'credits',
			`Certificate field "credits": they add up to ${given}, the sessions to ${sessionTotal}; leave Credits empty to print the sessions' sums by field of study`,
		);
	}
	return cert;
}

export interface TableStyle {
	ink: Rgb;
	muted: Rgb;
	rule: Rgb;
}

const LEFT = 60;
const RIGHT = 782;
/** Column x positions: date, session, delivery method, field of study; credits end at RIGHT. */
const COLUMNS = [LEFT, 135, 440, 560] as const;
const WIDTHS = [70, 295, 115, 150] as const;
/** Row heights a one-page table may shrink to; a longer list continues on further pages. */
export const ROW_HEIGHTS = [13, 12, 11, 10, 9];
/** The row height of a table that runs over several pages: one size on every page. */
export const PAGED_ROW_HEIGHT = 11;

/** The largest row height at which `rows` rows fit in `height` points, if any. */
export function fittingRowHeight(rows: number, height: number): number | undefined {
	return ROW_HEIGHTS.find((rowHeight) => rows * rowHeight <= height);
}

/** What one page of the session table holds. */
export interface TablePart {
	sessions: NonNullable<Certificate['sessions']>;
	/** The last part ends with the total row; the others say where the list continues. */
	total: boolean;
	continuedOn?: string;
}

/**
 * Draws one page's part of the session table (date, session, delivery method, field of study,
 * credits) below `top`: the header row, the sessions, then the total row with the credits by
 * field of study, or a line saying where the list continues. Returns the last baseline.
 */
export function drawSessionTable(
	canvas: PageCanvas,
	cert: Certificate,
	part: TablePart,
	top: number,
	rowHeight: number,
	style: TableStyle,
): number {
	const size = rowHeight * 0.72;
	const header = ['Date', 'Session', 'Delivery method', 'Field of study'];
	let y = top - rowHeight;
	const headRow = canvas.element('P', LEFT, y);
	header.forEach((label, i) =>
		canvas.text(label, COLUMNS[i], y, {
			element: headRow,
			size,
			style: 'bold',
			color: style.muted,
		}),
	);
	canvas.text(cert.creditUnit, RIGHT, y, {
		element: headRow,
		size,
		style: 'bold',
		color: style.muted,
		align: 'right',
	});
	canvas.line(LEFT, y - 3, RIGHT, y - 3, 0.5, style.rule);
	for (const session of part.sessions) {
		y -= rowHeight;
		const cells = [
			formatDate(session.date, cert.language),
			session.title,
			deliveryMethodLabel(session.deliveryMethod) ?? '',
			session.fieldOfStudy ?? '',
		];
		const row = canvas.element('P', LEFT, y);
		cells.forEach((cell, i) => {
			if (cell)
				canvas.text(cell, COLUMNS[i], y, {
					element: row,
					size,
					color: style.ink,
					maxWidth: WIDTHS[i],
					variable: true,
				});
		});
		canvas.text(formatCredits(sumCredits([session.credits])), RIGHT, y, {
			element: row,
			size,
			color: style.ink,
			align: 'right',
		});
	}
	canvas.line(LEFT, y - 3, RIGHT, y - 3, 0.5, style.rule);
	y -= rowHeight;
	if (!part.total) {
		canvas.text(part.continuedOn ?? '', RIGHT, y, { size, color: style.muted, align: 'right' });
		return y;
	}
	const totalRow = canvas.element('P', LEFT, y);
	const total = sumCredits((cert.sessions ?? []).map((session) => session.credits));
	const byField = cert.credits
		.map((line) => `${line.fieldOfStudy ?? 'Other'} ${formatCredits(sumCredits([line.credits]))}`)
		.join(' · ');
	canvas.text('Total', COLUMNS[1], y, { element: totalRow, size, style: 'bold', color: style.ink });
	canvas.text(`by field of study: ${byField}`, COLUMNS[2], y, {
		element: totalRow,
		size,
		color: style.ink,
		maxWidth: RIGHT - COLUMNS[2] - 90,
	});
	canvas.text(creditAmount(formatCredits(total), cert.creditUnit), RIGHT, y, {
		element: totalRow,
		size,
		style: 'bold',
		color: style.ink,
		align: 'right',
	});
	return y;
}
