import { PDFDocument, PDFName, PDFString } from 'pdf-lib';

import {
	BUILT_IN_TEMPLATE_VERSION,
	CertificateError,
	PRODUCER,
	deriveCertificateId,
	renderCertificate,
} from '../../../nodes/core/domain/certificate';
import { TIME_STATEMENT, sampleInput } from './fixtures';
import { extractTexts, readDrawnQr } from './support/pdf-tools';

const NAMES = [
	'José Müller-Łukasiewicz',
	'Zoë Nguyễn Thị Ánh',
	'王小明',
	'山田 花子',
	'김민준',
	'محمد عبد الله',
	'שרה כהן',
];

describe('built-in certificate design', () => {
	let texts: string[];
	let rendered: Awaited<ReturnType<typeof renderCertificate>>[];

	beforeAll(async () => {
		rendered = [];
		for (const recipientName of NAMES)
			rendered.push(await renderCertificate(sampleInput({ recipientName })));
		texts = extractTexts(rendered.map((r) => r.pdf));
	}, 60_000);

	it.each(NAMES.map((name, i) => [name, i]))(
		'prints the name %s so that it extracts as typed',
		(name, i) => {
			expect(texts[i as number]).toContain(name as string);
			expect(rendered[i as number].record.missingCharacters).toBeUndefined();
		},
	);

	it('prints every element NASBA asks for, with credits by field of study', () => {
		const text = texts[0];
		const input = sampleInput();
		for (const expected of [
			'Certificate of Completion',
			'Revenue Recognition Update: ASC 606 in Practice',
			'2.8 CPE credits · Accounting',
			'1 CPE credit · Taxes',
			'Group Internet Based',
			'May 14, 2026',
			'Chicago, IL',
			'Example CPE Institute',
			'100 Main Street, Chicago IL 60601',
			'NASBA Registry Sponsor ID 108765',
			'Dana Lee',
			'Director of Continuing Education',
			TIME_STATEMENT,
			`Certificate ID ${input.certificateId}`,
			input.verificationUrl,
			`Template ${BUILT_IN_TEMPLATE_VERSION}`,
			'policy cpe-2026 v3',
		])
			expect(text).toContain(expected);
	});

	it('draws a vector QR code that decodes to the verification URL', async () => {
		const qr = await readDrawnQr(rendered[0].pdf);
		expect(qr.text).toBe(sampleInput().verificationUrl);
		expect(qr.side).toBeCloseTo(92, 1);
	});

	it('writes document metadata', async () => {
		const doc = await PDFDocument.load(rendered[0].pdf, { updateMetadata: false });
		expect(doc.getTitle()).toBe(
			'Certificate of Completion: Revenue Recognition Update: ASC 606 in Practice – José Müller-Łukasiewicz',
		);
		expect(doc.getAuthor()).toBe('Example CPE Institute');
		expect(doc.getSubject()).toContain(sampleInput().certificateId);
		expect(doc.getKeywords()).toContain(sampleInput().certificateId);
		expect(doc.getProducer()).toBe(PRODUCER);
		expect(doc.getCreator()).toBe(BUILT_IN_TEMPLATE_VERSION);
		expect(doc.getCreationDate()?.toISOString()).toBe('2026-05-15T09:30:00.000Z');
		const lang = doc.catalog.get(PDFName.of('Lang'));
		expect(lang instanceof PDFString ? lang.decodeText() : String(lang)).toBe('en');
	});

	it('returns the certificate record as JSON with a hash of the PDF', () => {
		const { pdf, record } = rendered[0];
		expect(record).toMatchObject({
			certificateId: sampleInput().certificateId,
			totalCredits: '3.8',
			deliveryMethodLabel: 'Group Internet Based',
			design: 'built-in',
			templateVersion: BUILT_IN_TEMPLATE_VERSION,
			fileName: `certificate-${sampleInput().certificateId}.pdf`,
			byteLength: pdf.length,
		});
		expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
	});

	it('embeds subsets, not whole fonts (CJK fonts are megabytes)', () => {
		expect(rendered[2].pdf.length).toBeLessThan(120_000);
		const raw = Buffer.from(rendered[2].pdf).toString('latin1');
		expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
	});

	it('renders the same bytes for the same input', async () => {
		const again = await renderCertificate(sampleInput());
		expect(again.record.sha256).toBe(rendered[0].record.sha256);
	});

	it('reports characters no bundled font can draw', async () => {
		const { record } = await renderCertificate(sampleInput({ recipientName: 'ᚠᚢᚦ Runa' }));
		expect(record.missingCharacters).toEqual(['ᚠ', 'ᚢ', 'ᚦ']);
	});
});

describe('reissue', () => {
	it('gets a new id and says which certificate it supersedes', async () => {
		const original = sampleInput().certificateId;
		const reissuedId = deriveCertificateId(['learner-42', 'REV-2026', '2026-05-14'], original);
		expect(reissuedId).not.toBe(original);
		const { pdf, record } = await renderCertificate(
			sampleInput({
				certificateId: reissuedId,
				supersedes: { certificateId: original, reason: 'name corrected' },
			}),
		);
		const [text] = extractTexts([pdf]);
		expect(text).toContain(
			`Reissued: this certificate supersedes certificate ${original} (name corrected), which is no longer valid.`,
		);
		expect(record.supersedes).toEqual({ certificateId: original, reason: 'name corrected' });
		const doc = await PDFDocument.load(pdf, { updateMetadata: false });
		expect(doc.getKeywords()).toContain(`supersedes ${original}`);
	});
});

describe('input errors name the field', () => {
	it.each([
		[{ recipientName: '  ' }, 'recipientName'],
		[{ verificationUrl: 'not a url' }, 'verificationUrl'],
		[{ certificateId: 'a b' }, 'certificateId'],
		[{ credits: [{ credits: 'two' }] }, 'credits.0.credits'],
		[{ issuedAt: 'yesterday' }, 'issuedAt'],
	])('%j → %s', async (override, field) => {
		const error = await renderCertificate(sampleInput(override)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(CertificateError);
		expect((error as CertificateError).field).toBe(field);
		expect((error as CertificateError).message).toContain(field);
	});
});
