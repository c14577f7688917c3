import { PDFDocument } from 'pdf-lib';

import {
	CertificateError,
	deriveCertificateId,
	renderCertificate,
	verificationUrlFor,
	type FieldPositionInput,
} from '../../../nodes/core/domain/certificate';
import { sampleInput } from './fixtures';
import { TWO_PAGE_POSITIONS, twoPageTemplate } from './support/designs';
import { extractTexts, readDrawnQr } from './support/pdf-tools';

const templatePdf = twoPageTemplate;
const POSITIONS = TWO_PAGE_POSITIONS;

describe('template PDF with field positions', () => {
	let template: Uint8Array;
	beforeAll(async () => {
		template = await templatePdf();
	});

	it('draws the fields over the chosen template page and keeps its artwork and size', async () => {
		const input = sampleInput({ recipientName: '山田 花子' });
		const { pdf, record } = await renderCertificate(input, {
			kind: 'template',
			templatePdf: template,
			page: 2,
			positions: POSITIONS,
		});
		const [text] = extractTexts([pdf]);
		for (const expected of [
			'SECOND PAGE ARTWORK',
			'山田 花子',
			input.courseTitle,
			'2.8 CPE credits · Accounting; 1 CPE credit · Taxes',
			input.certificateId,
			input.verificationUrl,
		])
			expect(text).toContain(expected);
		expect(text).not.toContain('TEMPLATE BACKGROUND PAGE ONE');
		const doc = await PDFDocument.load(pdf);
		expect(doc.getPageCount()).toBe(1);
		expect(doc.getPage(0).getSize()).toEqual({ width: 792, height: 612 });
		expect(record.design).toBe('template');
		expect(record.templateVersion).toMatch(/^template:[0-9a-f]{12}$/);
		expect(doc.getCreator()).toBe(record.templateVersion);
	});

	it('puts the QR code where its position says, decoding to the verification URL', async () => {
		const input = sampleInput();
		const { pdf } = await renderCertificate(input, {
			kind: 'template',
			templatePdf: template,
			page: 2,
			positions: POSITIONS,
		});
		const qr = await readDrawnQr(pdf);
		expect(qr).toMatchObject({ x: 660, y: 40, text: input.verificationUrl });
		expect(qr.side).toBeCloseTo(90, 3);
	});

	it('refuses a position off the page and names the field', async () => {
		const error = await renderCertificate(sampleInput(), {
			kind: 'template',
			templatePdf: template,
			positions: [{ field: 'qrCode', x: 560, y: 40, size: 90 }],
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(CertificateError);
		expect((error as CertificateError).field).toBe('fieldPositions[0]');
		expect((error as Error).message).toBe(
			'Field "qrCode" at x=560, y=40 (size 90) is off the template page (612 × 792 pt; x from the left edge, y from the bottom edge)',
		);
	});

	it.each([
		[new TextEncoder().encode('<html>not a pdf</html>'), 'templatePdf', 'not a PDF file'],
		[new TextEncoder().encode('%PDF-1.7 broken'), 'templatePdf', 'cannot be read'],
	])('refuses a template that is not a usable PDF (%#)', async (bytes, field, message) => {
		const error = await renderCertificate(sampleInput(), {
			kind: 'template',
			templatePdf: bytes,
			positions: POSITIONS,
		}).catch((e: unknown) => e);
		expect((error as CertificateError).field).toBe(field);
		expect((error as Error).message).toContain(message);
	});

	it('names a missing page, an empty position list and a bad position value', async () => {
		const attempt = async (page: number, positions: FieldPositionInput[]) => {
			try {
				await renderCertificate(sampleInput(), {
					kind: 'template',
					templatePdf: template,
					page,
					positions,
				});
			} catch (error) {
				return error as CertificateError;
			}
			throw new Error('expected the render to fail');
		};
		expect((await attempt(3, POSITIONS)).field).toBe('templatePage');
		expect((await attempt(1, [])).field).toBe('fieldPositions');
		const bad = await attempt(1, [{ field: 'recipientName', x: 10, y: 10, color: 'blue' }]);
		expect(bad.field).toBe('fieldPositions[0].color');
	});
});

describe('certificate ids and verification URLs', () => {
	it('derives the same id from the same inputs and a different one per input', () => {
		const id = deriveCertificateId(['learner-1', 'C-1', '2026-05-14']);
		expect(id).toMatch(/^C-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
		expect(deriveCertificateId(['learner-1', 'C-1', '2026-05-14'])).toBe(id);
		expect(deriveCertificateId(['learner-2', 'C-1', '2026-05-14'])).not.toBe(id);
		expect(deriveCertificateId(['learner-1', 'C-1', '2026-05-14'], id)).not.toBe(id);
	});

	it.each([
		['https://verify.example.org/c/{{id}}', 'https://verify.example.org/c/C-1%2F2'],
		['https://verify.example.org/c/{{ ID }}?src=qr', 'https://verify.example.org/c/C-1%2F2?src=qr'],
		['https://verify.example.org/c/{id}', 'https://verify.example.org/c/C-1%2F2'],
		['https://verify.example.org/c/', 'https://verify.example.org/c/C-1%2F2'],
	])('%s', (base, expected) => {
		expect(verificationUrlFor(base, 'C-1/2')).toBe(expected);
	});
});
