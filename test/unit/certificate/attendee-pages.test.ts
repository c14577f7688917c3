// An attendee certificate whose sessions do not fit on one page continues on further pages.
// Judged by Poppler (pdfinfo, pdftotext per page, its word boxes) after qpdf's check, never by
// the renderer's own record: every session once, the exact total, nothing overlapping.
import { renderCertificate, type CertificateInput } from '../../../nodes/core/domain/certificate';
import { TIME_STATEMENT, sampleInput } from './fixtures';
import { readDrawnQr } from './support/pdf-tools';
import { readStrictly, runReader } from './support/strict-readers';

const METHODS = [
	['group-live', 'Group Live'],
	['group-internet', 'Group Internet Based'],
];
const FIELDS = ['Accounting', 'Auditing', 'Taxes'];
// Tenths whose binary floating-point sum is not exact (0.1 + 0.2 …): the total must still be.
const CREDITS = ['1.2', '1.4', '1.8', '2', '1.1'];
const MONTH_DAY = (i: number) => 11 + Math.floor(i / 10);

function sessions(count: number) {
	return Array.from({ length: count }, (_, i) => ({
		title: `Talk ${String(i + 1).padStart(3, '0')}: ${FIELDS[i % 3]} in practice`,
		date: `2026-05-${MONTH_DAY(i)}`,
		deliveryMethod: METHODS[i % 2][0],
		fieldOfStudy: FIELDS[i % 3],
		credits: CREDITS[i % CREDITS.length],
	}));
}

/** The row each session should print: date, title, method, field, credits with one decimal. */
function expectedRow(session: ReturnType<typeof sessions>[number], i: number): string[] {
	const credits = session.credits.includes('.') ? session.credits : `${session.credits}.0`;
	return [`May ${MONTH_DAY(i)}, 2026`, session.title, METHODS[i % 2][1], FIELDS[i % 3], credits];
}

/** Exact sum in tenths, computed here apart from the renderer's decimal code. */
function totalText(list: ReturnType<typeof sessions>): string {
	const tenths = list.reduce((sum, s) => sum + Math.round(Number(s.credits) * 10), 0);
	return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

function input(count: number, overrides: Partial<CertificateInput> = {}): CertificateInput {
	return sampleInput({
		title: 'Certificate of Attendance',
		courseTitle: 'Spring CPE Conference 2026',
		credits: [],
		deliveryMethod: undefined,
		completedOn: '',
		sessions: sessions(count),
		...overrides,
	});
}

interface Word {
	text: string;
	xMin: number;
	yMin: number;
	xMax: number;
	yMax: number;
}

/** Poppler's word boxes per page (pdftotext -bbox), in points from the top-left corner. */
function wordBoxes(file: string): Word[][] {
	const xhtml = runReader('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
	return xhtml
		.split('<page ')
		.slice(1)
		.map((page) =>
			[
				...page.matchAll(
					/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
				),
			].map(([, xMin, yMin, xMax, yMax, text]) => ({
				text,
				xMin: Number(xMin),
				yMin: Number(yMin),
				xMax: Number(xMax),
				yMax: Number(yMax),
			})),
		);
}

/** Pairs of words whose boxes overlap by more than a rounding margin. */
function overlaps(words: Word[]): string[] {
	const margin = 0.3;
	const found: string[] = [];
	const sorted = [...words].sort((a, b) => a.yMin - b.yMin);
	sorted.forEach((a, i) => {
		for (const b of sorted.slice(i + 1)) {
			if (b.yMin >= a.yMax - margin) break;
			const across = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
			const down = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
			if (across > margin && down > margin) found.push(`"${a.text}" / "${b.text}"`);
		}
	});
	return found;
}

const HEADER = ['Date', 'Session', 'Delivery method', 'Field of study', 'CPE credits'];

describe.each([
	[1, 1],
	[15, 1],
	[16, 2],
	[40, 2],
	[200, 7],
])('attendee certificate with %i sessions', (count, pageCount) => {
	const cert = input(count);
	const list = sessions(count);
	let pages: string[][][];
	let pageTexts: string[];
	let words: Word[][];
	let info: Record<string, string>;
	let pdf: Uint8Array;
	let file: string;

	beforeAll(async () => {
		({ pdf } = await renderCertificate(cert));
		const reading = readStrictly(`attendee-${count}-sessions`, pdf);
		({ info, file } = reading);
		words = wordBoxes(reading.file);
		pageTexts = [];
		pages = [];
		for (let page = 1; page <= Number(info.Pages); page++) {
			const args = ['-f', String(page), '-l', String(page), '-enc', 'UTF-8'];
			const layout = runReader('pdftotext', [...args, '-layout', reading.file, '-']);
			pages.push(layout.split('\n').map((line) => line.trim().split(/\s{2,}/)));
			pageTexts.push(runReader('pdftotext', [...args, reading.file, '-']).replace(/\s+/g, ' '));
		}
	}, 120_000);

	it(`has ${pageCount} page(s)`, () => {
		expect(Number(info.Pages)).toBe(pageCount);
		expect(words).toHaveLength(pageCount);
	});

	it('lists every session once, in order, with its date, method, field and credits', () => {
		const rows = pages.flat().filter((cells) => /^Talk \d{3}:/.test(cells[1] ?? ''));
		expect(rows).toEqual(list.map(expectedRow));
		const text = pageTexts.join(' ');
		for (const session of list) expect(text.split(session.title)).toHaveLength(2);
	});

	it('prints the exact total once, on the last page, with the statement after it', () => {
		const total = `${totalText(list)} CPE credits`;
		const totals = pages.map((rows) => rows.filter((cells) => cells[0] === 'Total'));
		expect(totals.flat()).toHaveLength(1);
		expect(totals[pageCount - 1]).toEqual([
			['Total', expect.stringMatching(/^by field of study: /), total],
		]);
		const lines = pages[pageCount - 1].map((cells) => cells.join(' '));
		const statementLine = lines.findIndex((line) => line.startsWith('In accordance with'));
		expect(statementLine).toBeGreaterThan(lines.findIndex((line) => line.startsWith('Total')));
		expect(pageTexts.join(' ').split(TIME_STATEMENT)).toHaveLength(2);
	});

	it('repeats the table header, the attendee, the certificate ID and the page on every page', () => {
		pages.forEach((rows, i) => {
			expect(rows).toContainEqual(HEADER);
			expect(pageTexts[i]).toContain(cert.recipientName);
			expect(pageTexts[i]).toContain(`Certificate ID ${cert.certificateId}`);
			expect(pageTexts[i]).toContain(cert.verificationUrl);
			if (pageCount > 1) expect(pageTexts[i]).toContain(`Page ${i + 1} of ${pageCount}`);
			else expect(pageTexts[i]).not.toContain('Page 1 of');
		});
		for (let i = 0; i < pageCount - 1; i++)
			expect(pageTexts[i]).toContain(`Continued on page ${i + 2} of ${pageCount}`);
	});

	it('keeps the signature, sponsor and a QR code of the verification URL on the first page', async () => {
		for (const expected of [
			'Dana Lee',
			'NASBA Registry Sponsor ID 108765',
			'Verify this certificate',
		])
			expect(pageTexts[0]).toContain(expected);
		expect((await readDrawnQr(pdf)).text).toBe(cert.verificationUrl);
	});

	it('is one tagged document over all pages, each font embedded once', async () => {
		const tree = runReader('pdfinfo', ['-struct-text', file]);
		expect(tree.match(/^Document$/gm)).toHaveLength(1);
		expect(tree).toContain(list[count - 1].title);
		const fontFiles = (bytes: Uint8Array) =>
			Buffer.from(bytes)
				.toString('latin1')
				.match(/\/FontFile2 /g)?.length;
		const onePage = await renderCertificate(input(1));
		expect(fontFiles(pdf)).toBe(fontFiles(onePage.pdf));
	});

	it('draws no word over another and none outside the inner frame', () => {
		const [width, height] = [841.89, 595.28];
		words.forEach((page) => {
			expect(overlaps(page)).toEqual([]);
			const outside = page.filter(
				(w) => w.xMin < 26 || w.yMin < 26 || w.xMax > width - 26 || w.yMax > height - 26,
			);
			expect(outside.map((w) => w.text)).toEqual([]);
		});
	});
});

describe('session table over pages: bad input', () => {
	it('refuses statements too long to leave room for any session row, naming the field', async () => {
		const statements = Array.from({ length: 45 }, () => TIME_STATEMENT);
		await expect(renderCertificate(input(40, { statements }))).rejects.toThrow(
			'Certificate field "statements": they leave no room for the session table on a page',
		);
	});
});
