import { createHash } from 'node:crypto';
import { AFRelationship, type PDFDocument } from 'pdf-lib';

import { CertificateError } from './errors';

/** How an embedded file relates to the certificate (PDF 2.0 / PDF/A-3 AFRelationship). */
export const EMBEDDED_FILE_RELATIONSHIPS = [
	'Data',
	'Source',
	'Alternative',
	'Supplement',
	'Unspecified',
] as const;
export type EmbeddedFileRelationship = (typeof EMBEDDED_FILE_RELATIONSHIPS)[number];

/** A file carried inside the certificate PDF, e.g. the signed Open Badge credential. */
export interface EmbeddedFile {
	name: string;
	bytes: Uint8Array;
	mimeType: string;
	description?: string;
	relationship?: EmbeddedFileRelationship;
}

/** What the certificate record says about each embedded file, so a reader can check it. */
export interface EmbeddedFileRecord {
	name: string;
	mimeType: string;
	byteLength: number;
	sha256: string;
}

const MIME_TYPE = /^[\w.+-]+\/[\w.+-]+$/;
const FIELD = 'embeddedFiles';

function checkFile(file: EmbeddedFile, index: number, seen: Set<string>): void {
	const where = `Embedded file ${index + 1}`;
	const fail = (message: string) => {
		throw new CertificateError(FIELD, `${where}: ${message}`);
	};
	if (!file.name.trim() || /[/\\]/.test(file.name))
		fail('give a file name without folders, e.g. badge.json');
	if (seen.has(file.name)) fail(`the name "${file.name}" is used twice; give each file its own`);
	if (!MIME_TYPE.test(file.mimeType))
		fail(`"${file.mimeType}" is not a MIME type; use e.g. application/ld+json`);
	if (file.bytes.length === 0) fail(`"${file.name}" is empty; map the field that holds its content`);
	if (file.relationship && !EMBEDDED_FILE_RELATIONSHIPS.includes(file.relationship))
		fail(`relationship "${file.relationship}" is not one of ${EMBEDDED_FILE_RELATIONSHIPS.join(', ')}`);
	seen.add(file.name);
}

/**
 * Attaches the files as document-level embedded files, each listed in the catalog's AF array
 * (pdf-lib does this when a relationship is given), so PDF/A-3 style readers list them.
 * Dates are the issue time, so the same certificate renders to the same bytes.
 */
export async function embedFiles(
	doc: PDFDocument,
	files: readonly EmbeddedFile[],
	issuedAt: Date,
): Promise<EmbeddedFileRecord[]> {
	const seen = new Set<string>();
	files.forEach((file, index) => checkFile(file, index, seen));
	for (const file of files)
		await doc.attach(file.bytes, file.name, {
			mimeType: file.mimeType,
			description: file.description,
			creationDate: issuedAt,
			modificationDate: issuedAt,
			afRelationship: AFRelationship[file.relationship ?? 'Data'],
		});
	return files.map((file) => ({
		name: file.name,
		mimeType: file.mimeType,
		byteLength: file.bytes.length,
		sha256: createHash('sha256').update(file.bytes).digest('hex'),
	}));
}
