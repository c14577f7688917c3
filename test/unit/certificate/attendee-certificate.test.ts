import {
	renderCertificate,
	type CertificateInput,
} from '../../../nodes/core/domain/certificate';
import { TIME_STATEMENT, sampleInput } from './fixtures';
import { readDrawnQr } from './support/pdf-tools';
import { readStrictly, runReader } from './support/strict-readers';
import { framedTemplate } from './support/designs';

// 1.2 + 1.4 + 1.8 is 4.3999999999999995 in binary floating point; the total must print 4.4.
const SESSIONS = [
	{
		title: 'Opening keynote: the future of audit',
		date: '2026-05-14',
		deliveryMethod: 'group-live',
		fieldOfStudy: 'Auditing',
		credits: '1.2',
	},
	{
		title: 'Revenue recognition update',
		date: '2026-05-14',
		deliveryMethod: 'group-live',
		fieldOfStudy: 'Accounting',
		credits: '1.4',
	},
	{
		title: 'Leases in practice (online)',
		date: '2026-05-15',
		deliveryMethod: 'group-internet',
		fieldOfStudy: 'Auditing',
		credits: 1.8,
	},
];

function attendeeInput(overrides: Partial<CertificateInput> = {}): CertificateInput {
	return sampleInput({
		title: 'Certificate of Attendance',
		courseTitle: 'Spring CPE Conference 2026',
		credits: [],
		deliveryMethod: undefined,
		completedOn: '',
		sessions: SESSIONS,
		...overrides,
	});
}

describe('attendee certificate: one PDF per attendee and event', () => {
	let text: string;
	/** Table rows as Poppler lays the page out: cells split where two or more spaces part them. */
	let rows: string[][];
	let rendered: Awaited<ReturnType<typeof renderCertificate>>;

	beforeAll(async () => {
		rendered = await renderCertificate(attendeeInput());
		// Poppler's pdftotext, checked by qpdf and two rasterisers: an independent reading.
		const reading = readStrictly('attendee-certificate', rendered.pdf);
		text = reading.text;
		rows = runReader('pdftotext', ['-layout', '-enc', 'UTF-8', reading.file, '-'])
			.split('\n')
			.map((line) => line.trim().split(/\s{2,}/));
	}, 60_000);

	it('lists each session with its date, delivery method, field of study and credits', () => {
		expect(rows).toContainEqual([
			'May 14, 2026',
			'Opening keynote: the future of audit',
			'Group Live',
			'Auditing',
			'1.2',
		]);
		expect(rows).toContainEqual([
			'May 14, 2026',
			'Revenue recognition update',
			'Group Live',
			'Accounting',
			'1.4',
		]);
		expect(rows).toContainEqual([
			'May 15, 2026',
			'Leases in practice (online)',
			'Group Internet Based',
			'Auditing',
			'1.8',
		]);
	});

	it('prints the exact total and the credits by field of study', () => {
		expect(rows).toContainEqual([
			'Total',
			'by field of study: Auditing 3.0 · Accounting 1.4',
			'4.4 CPE credits',
		]);
		expect(rendered.record.totalCredits).toBe('4.4');
		expect(rendered.record.credits).toEqual([
			{ credits: '3', fieldOfStudy: 'Auditing' },
			{ credits: '1.4', fieldOfStudy: 'Accounting' },
		]);
		expect(rendered.record.sessions?.map((s) => s.credits)).toEqual(['1.2', '1.4', '1.8']);
	});

	it('carries every element the Standards ask for on the certificate', () => {
		const input = attendeeInput();
		for (const expected of [
			'EXAMPLE CPE INSTITUTE', // sponsor name
			'100 Main Street, Chicago IL 60601', // sponsor contact
			'NASBA Registry Sponsor ID 108765', // sponsor or registry id
			'José Müller-Łukasiewicz', // participant
			'Spring CPE Conference 2026', // program title
			'May 14, 2026 – May 15, 2026', // dates offered, taken from the sessions
			'Chicago, IL', // location
			'Dana Lee', // verification by a sponsor representative
			'Director of Continuing Education',
			TIME_STATEMENT, // 50-minute hour statement
			`Certificate ID ${input.certificateId}`,
			input.verificationUrl,
		])
			expect(text).toContain(expected);
	});

	it('draws a QR code that decodes to the verification URL', async () => {
		expect((await readDrawnQr(rendered.pdf)).text).toBe(attendeeInput().verificationUrl);
	});

	it('refuses credits that do not add up to the sessions, naming the field', async () => {
		const wrong = attendeeInput({ credits: [{ credits: '4.2', fieldOfStudy: 'Accounting' }] });
		await expect(renderCertificate(wrong)).rejects.toThrow(
			'Certificate field "credits": they add up to 4.2, the sessions to 4.4',
		);
		const right = attendeeInput({ credits: [{ credits: '4.4', fieldOfStudy: 'Accounting' }] });
		await expect(renderCertificate(right)).resolves.toBeDefined();
	});

	it('continues a list longer than one page on a second page instead of refusing it', async () => {
		const many = Array.from({ length: 40 }, (_, i) => ({ ...SESSIONS[0], title: `Session ${i}` }));
		const { pdf } = await renderCertificate(attendeeInput({ sessions: many }));
		expect(readStrictly('attendee-certificate-40', pdf).info.Pages).toBe('2');
	});

	it('names a session field that is missing', async () => {
		const sessions = [{ ...SESSIONS[0], title: '' }];
		await expect(renderCertificate(attendeeInput({ sessions }))).rejects.toThrow(
			'Certificate field "sessions.0.title"',
		);
	});

	it('refuses a session list with a template design, which has no place for it', async () => {
		const design = {
			kind: 'template' as const,
			templatePdf: await framedTemplate(),
			positions: [],
		};
		await expect(renderCertificate(attendeeInput(), design)).rejects.toThrow(
			'the session list is drawn by the built-in design only',
		);
	});
});
