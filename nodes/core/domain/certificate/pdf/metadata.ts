import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import type { PDFDocument } from 'pdf-lib';

import { SRGB_PROFILE } from './srgb-profile';

const SRGB_COMPRESSED = deflateSync(SRGB_PROFILE);

/** What the document says about itself, written once to the Info dictionary and to XMP. */
export interface DocumentFacts {
	title: string;
	author: string;
	subject: string;
	keywords: string[];
	language: string;
	producer: string;
	creator: string;
	created: Date;
	/** Stable input for the file identifier, so the same certificate renders the same bytes. */
	identity: string;
}

/**
 * Writes the document information dictionary, the same facts as an XMP metadata stream (which
 * archival readers and PDF/A tools read instead), an sRGB output intent and a file identifier.
 */
export function writeDocumentMetadata(doc: PDFDocument, facts: DocumentFacts): void {
	doc.setTitle(facts.title, { showInWindowTitleBar: true });
	doc.setAuthor(facts.author);
	doc.setSubject(facts.subject);
	doc.setKeywords(facts.keywords);
	doc.setLanguage(facts.language);
	doc.setProducer(facts.producer);
	doc.setCreator(facts.creator);
	doc.setCreationDate(facts.created);
	doc.setModificationDate(facts.created);
	const ctx = doc.context;
	const xmp = ctx.register(
		PDFRawStream.of(
			ctx.obj({ Type: 'Metadata', Subtype: 'XML' }),
			Buffer.from(xmpPacket(facts), 'utf8'),
		),
	);
	doc.catalog.set(PDFName.of('Metadata'), xmp);
	writeOutputIntent(doc);
	const id = createHash('sha256').update(facts.identity).digest('hex').slice(0, 32);
	ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}

/**
 * Declares sRGB as the colour space the page's DeviceRGB colours are meant in (an output intent
 * with an embedded profile), so an archive or printer does not have to guess.
 */
function writeOutputIntent(doc: PDFDocument): void {
	const ctx = doc.context;
	const profile = ctx.register(
		PDFRawStream.of(ctx.obj({ N: 3, Filter: 'FlateDecode' }), SRGB_COMPRESSED),
	);
	const intent = ctx.obj({
		Type: 'OutputIntent',
		S: 'GTS_PDFA1',
		OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
		Info: PDFString.of('sRGB IEC61966-2.1'),
		DestOutputProfile: profile,
	});
	doc.catalog.set(PDFName.of('OutputIntents'), ctx.obj([intent]));
}

const xml = (value: string) =>
	value
		// Characters XML 1.0 cannot carry at all (matching them is the point here).
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');

/** XMP as pdf-lib writes the Info dictionary: keywords space-separated, dates to the second. */
function xmpPacket(facts: DocumentFacts): string {
	const date = facts.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
	const alt = (value: string) =>
		`<rdf:Alt><rdf:li xml:lang="x-default">${xml(value)}</rdf:li></rdf:Alt>`;
	return [
		'<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
		'<x:xmpmeta xmlns:x="adobe:ns:meta/">',
		'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
		'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
		'<dc:format>application/pdf</dc:format>',
		`<dc:title>${alt(facts.title)}</dc:title>`,
		`<dc:creator><rdf:Seq><rdf:li>${xml(facts.author)}</rdf:li></rdf:Seq></dc:creator>`,
		`<dc:description>${alt(facts.subject)}</dc:description>`,
		`<dc:language><rdf:Bag><rdf:li>${xml(facts.language)}</rdf:li></rdf:Bag></dc:language>`,
		`<pdf:Keywords>${xml(facts.keywords.join(' '))}</pdf:Keywords>`,
		`<pdf:Producer>${xml(facts.producer)}</pdf:Producer>`,
		`<xmp:CreatorTool>${xml(facts.creator)}</xmp:CreatorTool>`,
		`<xmp:CreateDate>${date}</xmp:CreateDate>`,
		`<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
		`<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
		'</rdf:Description>',
		'</rdf:RDF>',
		'</x:xmpmeta>',
		'<?xpacket end="r"?>',
	].join('\n');
}
