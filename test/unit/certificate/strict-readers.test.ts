import { renderCertificate } from '../../../nodes/core/domain/certificate';
import { sampleInput } from './fixtures';
import { DESIGNS, type ColourProbe } from './support/designs';
import { compareRasters, inkCoverage, pixelsOfColour } from './support/raster';
import { DPI, readStrictly, type StrictReading } from './support/strict-readers';

/**
 * Every design is read by Poppler and Ghostscript (not only by PDF.js, which skips a malformed
 * operator silently): no complaint on stderr, the same picture from both renderers, the text
 * extractable, and the configured colours where they are drawn.
 */
describe.each(DESIGNS)('$name design read by strict independent readers', (testDesign) => {
	const input = sampleInput();
	let reading: StrictReading;

	beforeAll(async () => {
		const { pdf } = await renderCertificate(input, await testDesign.design());
		reading = readStrictly(`${testDesign.name}-latin`, pdf);
	}, 60_000);

	it('passes qpdf --check and opens in pdfinfo as one page', () => {
		expect(reading.info.Pages).toBe('1');
		expect(reading.info.Producer).toBe('n8n-nodes-certificate-delivery');
	});

	it('extracts the name, course, id and URL with pdftotext', () => {
		for (const expected of [
			input.recipientName,
			input.courseTitle,
			input.certificateId,
			input.verificationUrl,
		])
			expect(reading.text).toContain(expected);
	});

	it('is not blank in either renderer', () => {
		expect(inkCoverage(reading.poppler)).toBeGreaterThan(0.01);
		expect(inkCoverage(reading.ghostscript)).toBeGreaterThan(0.01);
	});

	it('looks the same in Poppler and Ghostscript', () => {
		const { mean, differing } = compareRasters(reading.poppler, reading.ghostscript);
		expect(mean).toBeLessThan(3);
		expect(differing).toBeLessThan(0.01);
	});

	it.each(testDesign.probes.map((p) => [p.what, p]))('shows the %s in its colour', (_, probe) => {
		const { box, colour, minPixels } = probe as ColourProbe;
		expect(pixelsOfColour(reading.poppler, DPI, box, colour)).toBeGreaterThanOrEqual(minPixels);
		expect(pixelsOfColour(reading.ghostscript, DPI, box, colour)).toBeGreaterThanOrEqual(minPixels);
	});
});
