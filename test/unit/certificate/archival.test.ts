import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString } from 'pdf-lib';

import { renderCertificate } from '../../../nodes/core/domain/certificate';
import { sampleInput } from './fixtures';
import { DESIGNS } from './support/designs';
import { parsePpm, pixelsOfColour } from './support/raster';
import { DPI, OUTPUT_DIR, readStrictly, runReader } from './support/strict-readers';

const unescapeXml = (value: string) =>
	value
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');

/** One XMP property's text (inside rdf:li when it is a list or alternative). */
function xmpValue(xmp: string, property: string): string | undefined {
	const match = new RegExp(`<${property}>(?:<rdf:(?:Alt|Seq|Bag)><rdf:li[^>]*>)?([^<]*)<`).exec(
		xmp,
	);
	return match ? unescapeXml(match[1]) : undefined;
}

// Characters XML must escape, in the fields that reach the metadata.
const input = sampleInput({
	recipientName: 'Ana "Nan" O\'Brien & <Söhne>',
	courseTitle: 'Ethics & Independence <2026>',
});

describe.each(DESIGNS)('archival checks: $name design', (testDesign) => {
	let pdf: Uint8Array;
	let file: string;
	beforeAll(async () => {
		({ pdf } = await renderCertificate(input, await testDesign.design()));
		({ file } = readStrictly(`${testDesign.name}-archival`, pdf));
	}, 60_000);

	it('carries XMP metadata that says what the Info dictionary says (read by Poppler)', async () => {
		const xmp = runReader('pdfinfo', ['-meta', file]);
		const doc = await PDFDocument.load(pdf, { updateMetadata: false });
		const created = doc.getCreationDate()?.toISOString().replace('.000Z', 'Z');
		expect({
			title: xmpValue(xmp, 'dc:title'),
			author: xmpValue(xmp, 'dc:creator'),
			subject: xmpValue(xmp, 'dc:description'),
			keywords: xmpValue(xmp, 'pdf:Keywords'),
			producer: xmpValue(xmp, 'pdf:Producer'),
			creator: xmpValue(xmp, 'xmp:CreatorTool'),
			created: xmpValue(xmp, 'xmp:CreateDate'),
			modified: xmpValue(xmp, 'xmp:ModifyDate'),
			language: xmpValue(xmp, 'dc:language'),
		}).toEqual({
			title: doc.getTitle(),
			author: doc.getAuthor(),
			subject: doc.getSubject(),
			keywords: doc.getKeywords(),
			producer: doc.getProducer(),
			creator: doc.getCreator(),
			created,
			modified: doc.getModificationDate()?.toISOString().replace('.000Z', 'Z'),
			language: 'en',
		});
		expect(doc.getTitle()).toContain(input.recipientName);
		// No conformance claim: nothing here validates PDF/A, so the file must not say it is.
		expect(xmp).not.toContain('pdfaid');
	});

	it('embeds every font it draws with (pdffonts)', () => {
		const rows = runReader('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
		const ours = rows.filter((row) => /^[A-Z]{6}\+Noto/.test(row));
		expect(ours.length).toBeGreaterThan(0);
		for (const row of ours) expect(row).toMatch(/CID TrueType\s+Identity-H\s+yes yes yes/);
		if (testDesign.name === 'built-in') expect(ours).toHaveLength(rows.length);
	});

	it('opens in MuPDF without a complaint and has a file identifier', () => {
		runReader('mutool', ['info', file]);
		expect(runReader('qpdf', ['--show-object=trailer', file])).toMatch(/\/ID \[ <[0-9a-f]{32}> /);
	});

	it('declares sRGB as output intent, the profile embedded, and renders through it', async () => {
		const doc = await PDFDocument.load(pdf, { updateMetadata: false });
		const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
		expect(intents.size()).toBe(1);
		const intent = intents.lookup(0, PDFDict);
		expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
		expect(intent.lookup(PDFName.of('OutputConditionIdentifier'), PDFString).decodeText()).toBe(
			'sRGB IEC61966-2.1',
		);
		const stream = intent.lookup(PDFName.of('DestOutputProfile'));
		if (!(stream instanceof PDFRawStream)) throw new Error('no embedded output profile');
		const profile = inflateSync(stream.contents);
		expect(createHash('sha256').update(profile).digest('hex')).toBe(
			'af4efe28f6d311799865f325ba39184a2e978b113ca74124d60af7de22b105f4',
		);
		expect(profile.subarray(36, 40).toString('latin1')).toBe('acsp');
		expect(profile.subarray(16, 20).toString('latin1')).toBe('RGB ');
		// Ghostscript renders with the embedded profile as its output profile: no complaint, and
		// the colours the design asks for still come out.
		const ppm = `${OUTPUT_DIR}/${testDesign.name}-intent.ppm`;
		runReader('gs', [
			'-q',
			'-dSAFER',
			'-dBATCH',
			'-dNOPAUSE',
			'-sstdout=%stderr',
			'-dUsePDFX3Profile',
			'-sDEVICE=ppmraw',
			`-r${DPI}`,
			`-sOutputFile=${ppm}`,
			file,
		]);
		const raster = parsePpm(readFileSync(ppm));
		rmSync(ppm);
		for (const probe of testDesign.probes)
			expect(pixelsOfColour(raster, DPI, probe.box, probe.colour)).toBeGreaterThanOrEqual(
				probe.minPixels,
			);
	});

	it('refers to nothing outside the file (no links, launches, scripts or remote targets)', () => {
		const uncompressed = runReader('qpdf', ['--qdf', '--object-streams=disable', file, '-']);
		expect(uncompressed).toContain('/StructTreeRoot');
		for (const name of [
			'/URI',
			'/Launch',
			'/GoToR',
			'/GoToE',
			'/ImportData',
			'/JavaScript',
			'/JS ',
			'/SubmitForm',
			'/FileSpec',
		])
			expect(uncompressed).not.toContain(name);
		// pdf-lib gives template pages an empty annotation list; no page may carry annotations.
		expect(uncompressed).not.toMatch(/\/Annots (\d+ 0 R|\[\s*[^\]\s])/);
	});
});
