import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFNull, PDFString } from 'pdf-lib';

import { renderCertificate } from '../../../nodes/core/domain/certificate';
import { sampleInput } from './fixtures';
import { DESIGNS } from './support/designs';
import { pageContent, readStructure, type ReadElement } from './support/pdf-tools';
import { runReader, readStrictly } from './support/strict-readers';

const input = sampleInput();

/** Index of the first element whose text contains the snippet; fails when there is none. */
function position(elements: ReadElement[], snippet: string): number {
	const index = elements.findIndex((e) => e.text.includes(snippet));
	if (index < 0) throw new Error(`no structure element reads "${snippet}"`);
	return index;
}

describe.each(DESIGNS)('tagged PDF: $name design', (testDesign) => {
	let pdf: Uint8Array;
	let structure: ReturnType<typeof readStructure>;
	beforeAll(async () => {
		({ pdf } = await renderCertificate(input, await testDesign.design()));
		structure = readStructure(pdf);
	}, 60_000);

	it('is marked as tagged, with language and the title shown in the window', async () => {
		const doc = await PDFDocument.load(pdf, { updateMetadata: false });
		const markInfo = doc.catalog.lookup(PDFName.of('MarkInfo'), PDFDict);
		expect(markInfo.get(PDFName.of('Marked'))).toBe(PDFBool.True);
		const lang = doc.catalog.get(PDFName.of('Lang'));
		expect(lang instanceof PDFString ? lang.decodeText() : String(lang)).toBe('en');
		const prefs = doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
		expect(prefs.get(PDFName.of('DisplayDocTitle'))).toBe(PDFBool.True);
		expect(doc.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
	});

	it('puts every marked-content id of the page in the structure tree exactly once', async () => {
		const content = await pageContent(pdf);
		const drawn = [...content.matchAll(/<<\/MCID (\d+)>> BDC/g)].map((m) => Number(m[1]));
		const inTree = structure.elements.flatMap((e) =>
			e.mcids.map((id) => Number(/mc(\d+)$/.exec(id)?.[1])),
		);
		expect(structure.root).toEqual(['Document']);
		expect(drawn.length).toBeGreaterThan(5);
		expect([...inTree].sort((a, b) => a - b)).toEqual([...drawn].sort((a, b) => a - b));
	});

	it('gives the QR code a figure whose alternative text names the verification URL', () => {
		const figures = structure.elements.filter((e) => e.role === 'Figure');
		expect(figures).toHaveLength(1);
		expect(figures[0].alt).toBe(
			`QR code linking to the verification page ${input.verificationUrl}`,
		);
	});

	it('reads as Poppler sees it too (pdfinfo -struct-text)', () => {
		const { file } = readStrictly(`${testDesign.name}-tagged`, pdf);
		const tree = runReader('pdfinfo', ['-struct-text', file]);
		expect(tree).toMatch(/^Document\n/);
		expect(tree).toContain(`"${input.recipientName}"`);
		expect(tree).toContain('Figure');
	});
});

describe('reading order', () => {
	it('built-in: heading, name, course, details, statement, sponsor, signature, QR, footer', async () => {
		const { pdf } = await renderCertificate(input);
		const { elements } = readStructure(pdf);
		expect(elements.filter((e) => e.role !== 'P').map((e) => [e.role, e.text])).toEqual([
			['H1', 'Certificate of Completion'],
			['H2', input.recipientName],
			['H2', input.courseTitle],
			['Figure', ''],
		]);
		const order = [
			'EXAMPLE CPE INSTITUTE',
			'Certificate of Completion',
			'This certifies that',
			input.recipientName,
			input.courseTitle,
			'Date May 14, 2026',
			'Credits 2.8 CPE credits · Accounting 1 CPE credit · Taxes',
			'50-minute hour',
			'Example CPE Institute 100 Main Street',
			'Dana Lee Director of Continuing Education',
			'Verify this certificate',
			`Certificate ID ${input.certificateId}`,
		].map((snippet) => position(elements, snippet));
		expect(order).toEqual([...order].sort((a, b) => a - b));
		expect(elements.findIndex((e) => e.role === 'Figure')).toBeLessThan(order[order.length - 2]);
	});

	it('template: fields top to bottom, whatever order the positions are listed in', async () => {
		const framed = DESIGNS.find((d) => d.name === 'framed-template');
		const design = await framed!.design();
		if (design.kind !== 'template') throw new Error('expected a template design');
		const { pdf } = await renderCertificate(input, {
			...design,
			positions: [...design.positions].reverse(),
		});
		const { elements } = readStructure(pdf);
		expect(elements.map((e) => e.role)).toEqual(['H1', 'H2', 'P', 'P', 'Figure', 'P', 'P']);
		expect(elements[0].text).toBe(input.recipientName);
		expect(elements[5].text).toBe(input.certificateId);
		expect(elements[6].text).toBe(input.verificationUrl);
	});
});

/** A template whose page already numbers marked content 0 and 1, as tagged exports do. */
async function taggedTemplate(): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	const page = doc.addPage([792, 612]);
	const ctx = doc.context;
	const artwork = [
		'/Figure <</MCID 0>> BDC 0.1 0.2 0.4 rg 20 20 40 40 re f EMC',
		'/P <</MCID 1>> BDC 0.6 0.1 0.1 rg 700 540 40 40 re f EMC',
	].join('\n');
	page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream(artwork)));
	return doc.save();
}

describe('a tagged template', () => {
	it('keeps its own marked-content ids: the fields continue after them', async () => {
		const { pdf } = await renderCertificate(input, {
			kind: 'template',
			templatePdf: await taggedTemplate(),
			positions: [
				{ field: 'recipientName', x: 396, y: 330, size: 26, align: 'center' },
				{ field: 'qrCode', x: 660, y: 40, size: 90 },
			],
		});
		const content = await pageContent(pdf);
		const ids = [...content.matchAll(/<<\/MCID (\d+)>> BDC/g)].map((m) => Number(m[1]));
		expect(ids).toEqual([0, 1, 2, 3]);
		const doc = await PDFDocument.load(pdf);
		const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
		const nums = root
			.lookup(PDFName.of('ParentTree'), PDFDict)
			.lookup(PDFName.of('Nums'), PDFArray);
		const parents = nums.lookup(1, PDFArray).asArray();
		expect(parents.slice(0, 2)).toEqual([PDFNull, PDFNull]);
		expect(parents).toHaveLength(4);
		const { elements } = readStructure(pdf);
		expect(elements.map((e) => [e.role, e.text])).toEqual([
			['H1', input.recipientName],
			['Figure', ''],
		]);
		readStrictly('tagged-template', pdf);
	});
});
