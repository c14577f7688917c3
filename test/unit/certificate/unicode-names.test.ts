import { renderCertificate } from '../../../nodes/core/domain/certificate';
import { sampleInput } from './fixtures';
import { DESIGNS } from './support/designs';
import { extractTexts } from './support/pdf-tools';
import { compareRasters } from './support/raster';
import { readStrictly, type StrictReading } from './support/strict-readers';

const NAMES: Array<[string, string]> = [
	['accents', 'José Müller-Łukasiewicz'],
	['german', 'Jürgen Groß'],
	['chinese', '王小明'],
	['japanese', '山田 花子'],
	['korean', '김민준'],
	['arabic', 'محمد عبد الله'],
	['hebrew', 'שרה כהן'],
	['combining', 'Nguye\u0302\u0303n Thi\u0323 A\u0301nh'],
	['vietnamese', 'Nguyễn Thị Ánh'],
	['yoruba', 'Ọlá Adébáyọ̀'],
];

const nfc = (s: string) => s.normalize('NFC');

describe.each(DESIGNS.filter((d) => d.name !== 'two-page-template'))(
	'Unicode names on the $name design',
	(testDesign) => {
		let readings: StrictReading[];
		let poppler: string[];
		let pdfjs: string[];
		beforeAll(async () => {
			const design = await testDesign.design();
			const pdfs: Uint8Array[] = [];
			for (const [label, name] of NAMES) {
				const { pdf, record } = await renderCertificate(
					sampleInput({ recipientName: name }),
					design,
				);
				expect(record.missingCharacters).toBeUndefined();
				pdfs.push(pdf);
				void label;
			}
			readings = pdfs.map((pdf, i) => readStrictly(`${testDesign.name}-${NAMES[i][0]}`, pdf));
			poppler = readings.map((r) => r.text);
			pdfjs = extractTexts(pdfs);
		}, 120_000);

		it.each(NAMES.map(([label, name], i) => [label, name, i] as const))(
			'%s: %s extracts in Poppler and PDF.js',
			(_, name, i) => {
				expect(nfc(poppler[i])).toContain(nfc(name));
				// PDF.js puts a space before a mark that has no precomposed form with its base (it is
				// drawn as a glyph of its own, shifted onto the base); Poppler reads it whole.
				expect(nfc(pdfjs[i]).replace(/\s+(?=\p{M})/gu, '')).toContain(nfc(name));
			},
		);

		it('draws every name alike in Poppler and Ghostscript', () => {
			for (const reading of readings) {
				const { mean, differing } = compareRasters(reading.poppler, reading.ghostscript);
				expect({ file: reading.file, close: mean < 3 && differing < 0.01 }).toEqual({
					file: reading.file,
					close: true,
				});
			}
		});
	},
);

describe('characters no bundled font has', () => {
	it('reports an emoji, draws the rest and still extracts the name', async () => {
		const name = 'Ana 🎓 Silva';
		const { pdf, record } = await renderCertificate(sampleInput({ recipientName: name }));
		expect(record.missingCharacters).toEqual(['🎓']);
		const { text } = readStrictly('built-in-emoji', pdf);
		expect(text).toContain(name);
		expect(extractTexts([pdf])[0]).toContain(name);
	});
});

describe('text extraction across a batch', () => {
	it('maps each glyph to the characters it stands for in this certificate, not an earlier one', async () => {
		// "ọ̀" is shaped as "o" + combining dot below + grave: fontkit caches the "o" glyph with
		// the code point it first met, which must not leak into later certificates' text maps.
		const first = await renderCertificate(sampleInput({ recipientName: 'Ọlá Adébáyọ̀ olo' }));
		const second = await renderCertificate(sampleInput({ recipientName: 'Bob Boyo' }));
		const [a, b] = [first, second].map((r, i) => readStrictly(`batch-${i}`, r.pdf).text);
		expect(nfc(a)).toContain(nfc('Ọlá Adébáyọ̀ olo'));
		expect(b).toContain('Bob Boyo');
		expect(b).toContain('Revenue Recognition Update');
		expect(extractTexts([second.pdf])[0]).toContain('Bob Boyo');
	});
});
