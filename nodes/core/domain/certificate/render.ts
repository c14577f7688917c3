import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';

import { withSessionCredits, withSessionDates } from './attendee-sessions';
import { BUILT_IN_PAGE_SIZE, BUILT_IN_TEMPLATE_VERSION, drawBuiltIn } from './built-in-design';
import { sumCredits } from '../credit/decimal';
import { embedFiles, type EmbeddedFile, type EmbeddedFileRecord } from './embedded-files';
import { CertificateError } from './errors';
import { deliveryMethodLabel, totalCredits } from './field-text';
import {
	CertificateInputSchema,
	type Certificate,
	type CertificateDesign,
	type CertificateInput,
} from './model';
import { PageCanvas, finishPages, type SharedFonts } from './pdf/canvas';
import { writeDocumentMetadata } from './pdf/metadata';
import { checkPositions, drawTemplateFields, loadTemplate } from './template-design';

export const PRODUCER = 'n8n-nodes-certificate-delivery';

/** What a rendered certificate says, as JSON: the same facts the PDF prints, plus provenance. */
export interface CertificateRecord {
	certificateId: string;
	verificationUrl: string;
	recipientName: string;
	recipientEmail?: string;
	recipientId?: string;
	courseTitle: string;
	courseId?: string;
	credits: Array<{ credits: string; fieldOfStudy?: string }>;
	/** Attendee certificates: the sessions listed, credits as exact decimal text. */
	sessions?: Array<{
		title: string;
		date: string;
		deliveryMethod?: string;
		fieldOfStudy?: string;
		credits: string;
	}>;
	totalCredits: string;
	creditUnit: string;
	deliveryMethod?: string;
	deliveryMethodLabel?: string;
	completedOn: string;
	startedOn?: string;
	location?: string;
	sponsorName: string;
	sponsorContact?: string;
	sponsorRegistryId?: string;
	signerName?: string;
	signerTitle?: string;
	statements: string[];
	title: string;
	language: string;
	issuedAt: string;
	decisionRef?: string;
	supersedes?: { certificateId: string; reason?: string };
	design: 'built-in' | 'template';
	templateVersion: string;
	fileName: string;
	byteLength: number;
	/** SHA-256 of the PDF bytes, for the ledger and later tamper checks. */
	sha256: string;
	/** Files carried inside the PDF (e.g. the Open Badge JSON), if any. */
	embeddedFiles?: EmbeddedFileRecord[];
	/** Characters no bundled font can draw, if any (they print as empty boxes). */
	missingCharacters?: string[];
}

export interface RenderedCertificate {
	pdf: Uint8Array;
	record: CertificateRecord;
}

export function parseCertificateInput(input: CertificateInput): Certificate {
	const parsed = CertificateInputSchema.safeParse(withSessionDates(input));
	if (parsed.success) return withSessionCredits(parsed.data);
	const issue = parsed.error.issues[0];
	const field = issue.path.join('.') || '(root)';
	throw new CertificateError(field, `Certificate field "${field}": ${issue.message}`);
}

/**
 * Renders one certificate as a PDF (one page; an attendee certificate whose sessions do not fit
 * continues on further pages), with its JSON record and any embedded files.
 */
export async function renderCertificate(
	input: CertificateInput,
	design: CertificateDesign = { kind: 'builtIn' },
	files: readonly EmbeddedFile[] = [],
): Promise<RenderedCertificate> {
	const cert = parseCertificateInput(input);
	if (cert.sessions && design.kind !== 'builtIn')
		throw new CertificateError(
			'sessions',
			'Certificate field "sessions": the session list is drawn by the built-in design only; choose Built-In or leave Sessions empty',
		);
	const doc = await PDFDocument.create({ updateMetadata: false });
	let templateVersion = BUILT_IN_TEMPLATE_VERSION;
	let canvases: PageCanvas[];
	if (design.kind === 'builtIn') {
		// Pages share their font subsets: each font is embedded once however many pages use it.
		const fonts: SharedFonts = new Map();
		const addPage = () => new PageCanvas(doc, doc.addPage(BUILT_IN_PAGE_SIZE), 0, fonts);
		canvases = [addPage()];
		drawBuiltIn(canvases[0], cert, () => {
			canvases.push(addPage());
			return canvases[canvases.length - 1];
		});
		finishPages(doc, fonts, canvases, 'drawing');
	} else {
		const template = await loadTemplate(design.templatePdf, design.page ?? 1);
		const positions = checkPositions(design.positions, template.width, template.height);
		// Copying the parsed page is far cheaper than parsing the template for every certificate.
		const [page] = await doc.copyPages(template.doc, [template.pageIndex]);
		doc.addPage(page);
		const canvas = new PageCanvas(doc, page, template.firstFreeMcid);
		canvases = [canvas];
		drawTemplateFields(canvas, cert, positions);
		// Field positions come in any order: read them as laid out, top to bottom.
		canvas.finish(true, 'topDown');
		templateVersion = template.version;
	}
	setMetadata(doc, cert, templateVersion);
	const embedded = await embedFiles(doc, files, new Date(cert.issuedAt));
	const pdf = await doc.save({
		useObjectStreams: false,
		objectsPerTick: Infinity,
		updateFieldAppearances: false,
	});
	const missing = [...new Set(canvases.flatMap((canvas) => [...canvas.missing]))];
	return {
		pdf,
		record: {
			certificateId: cert.certificateId,
			verificationUrl: cert.verificationUrl,
			recipientName: cert.recipientName,
			recipientEmail: cert.recipientEmail,
			recipientId: cert.recipientId,
			courseTitle: cert.courseTitle,
			courseId: cert.courseId,
			credits: cert.credits.map((c) => ({
				credits: String(c.credits),
				fieldOfStudy: c.fieldOfStudy,
			})),
			sessions: cert.sessions?.map((session) => ({
				...session,
				credits: sumCredits([session.credits]),
			})),
			totalCredits: totalCredits(cert),
			creditUnit: cert.creditUnit,
			deliveryMethod: cert.deliveryMethod,
			deliveryMethodLabel: deliveryMethodLabel(cert.deliveryMethod),
			completedOn: cert.completedOn,
			startedOn: cert.startedOn,
			location: cert.location,
			sponsorName: cert.sponsorName,
			sponsorContact: cert.sponsorContact,
			sponsorRegistryId: cert.sponsorRegistryId,
			signerName: cert.signerName,
			signerTitle: cert.signerTitle,
			statements: cert.statements,
			title: cert.title,
			language: cert.language,
			issuedAt: cert.issuedAt,
			decisionRef: cert.decisionRef,
			supersedes: cert.supersedes,
			design: design.kind === 'builtIn' ? 'built-in' : 'template',
			templateVersion,
			fileName: `certificate-${cert.certificateId}.pdf`,
			byteLength: pdf.length,
			sha256: createHash('sha256').update(pdf).digest('hex'),
			...(embedded.length ? { embeddedFiles: embedded } : {}),
			...(missing.length ? { missingCharacters: missing } : {}),
		},
	};
}

function setMetadata(doc: PDFDocument, cert: Certificate, templateVersion: string): void {
	writeDocumentMetadata(doc, {
		title: `${cert.title}: ${cert.courseTitle} – ${cert.recipientName}`,
		author: cert.sponsorName,
		subject: `Certificate ${cert.certificateId} for ${cert.recipientName}; verify at ${cert.verificationUrl}`,
		keywords: [
			'certificate',
			cert.certificateId,
			cert.courseId,
			cert.supersedes && `supersedes ${cert.supersedes.certificateId}`,
		].filter((k): k is string => Boolean(k)),
		language: cert.language,
		producer: PRODUCER,
		creator: templateVersion,
		created: new Date(cert.issuedAt),
		identity: [cert.certificateId, cert.issuedAt, templateVersion, cert.recipientName].join('\n'),
	});
}
