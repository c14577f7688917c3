// Certificates rendered per second on one core: a template PDF background, a Unicode name
// (accented Latin, CJK, Arabic, Hebrew in turn), the batch's course fields and a vector QR code,
// against a baseline of the barest pdf-lib document (one page, one line of a standard font).
// The template is parsed once and its page copied per certificate; fonts are parsed once and
// only the subsets are embedded, the shared ones from a cache.
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { execFileSync } = require('node:child_process');
const { PDFDocument, StandardFonts, rgb } = require('pdf-lib');

const { report } = require('./support');

const certificate = require(path.resolve(__dirname, '../dist/nodes/core/domain/certificate'));

const NAMES = [
	'José Álvarez-Núñez',
	'Zoë Łukasiewicz',
	'王小明',
	'山田 花子',
	'김민준',
	'محمد عبد الله',
	'שרה כהן',
	'Nguyễn Thị Minh Khai',
];
const SECONDS = 4;

async function makeTemplate() {
	const doc = await PDFDocument.create();
	const page = doc.addPage([841.89, 595.28]);
	const font = await doc.embedFont(StandardFonts.TimesRomanBold);
	page.drawRectangle({
		x: 20,
		y: 20,
		width: 801.89,
		height: 555.28,
		borderColor: rgb(0.1, 0.2, 0.4),
		borderWidth: 3,
	});
	page.drawText('Certificate of Attendance', {
		x: 230,
		y: 480,
		size: 34,
		font,
		color: rgb(0.1, 0.2, 0.4),
	});
	page.drawText('Annual Accounting Conference 2026', { x: 260, y: 440, size: 18, font });
	return doc.save();
}

async function measure(fn) {
	for (let i = 0; i < 40; i++) await fn(i); // warm-up: fonts, tables, caches
	if (global.gc) global.gc();
	let count = 0;
	const start = performance.now();
	while (performance.now() - start < SECONDS * 1000) await fn(count++);
	return count / ((performance.now() - start) / 1000);
}

async function main() {
	const templatePdf = await makeTemplate();
	const design = {
		kind: 'template',
		templatePdf,
		positions: [
			{ field: 'recipientName', x: 420.9, y: 360, size: 28, align: 'center', maxWidth: 600 },
			{ field: 'courseTitle', x: 420.9, y: 320, size: 14, align: 'center' },
			{ field: 'credits', x: 420.9, y: 295, size: 11, align: 'center' },
			{ field: 'dates', x: 420.9, y: 278, size: 11, align: 'center' },
			{ field: 'sponsorRegistryId', x: 60, y: 60, size: 8 },
			{ field: 'certificateId', x: 60, y: 48, size: 8 },
			{ field: 'qrCode', x: 700, y: 40, size: 90 },
		],
	};
	let bytes = 0;
	const render = async (i) => {
		const id = certificate.deriveCertificateId(['bench', i]);
		const { pdf } = await certificate.renderCertificate(
			{
				recipientName: NAMES[i % NAMES.length],
				courseTitle: 'Revenue Recognition Update: ASC 606 in Practice',
				credits: [{ credits: '2.8', fieldOfStudy: 'Accounting' }],
				deliveryMethod: 'group-live',
				completedOn: '2026-05-14',
				sponsorName: 'Example CPE Institute',
				sponsorRegistryId: '123456',
				certificateId: id,
				verificationUrl: certificate.verificationUrlFor('https://verify.example.org/c/{id}', id),
				issuedAt: '2026-05-15T09:00:00Z',
			},
			design,
		);
		bytes += pdf.length;
	};
	const baselineRender = async () => {
		const doc = await PDFDocument.create();
		const font = await doc.embedFont(StandardFonts.Helvetica);
		doc.addPage([841.89, 595.28]).drawText('Certificate', { x: 50, y: 500, size: 24, font });
		bytes += (await doc.save()).length;
	};
	const perSecond = await measure(render);
	const baseline = await measure(baselineRender);
	if (bytes === 0) throw new Error('benchmark did no work');
	report('certificates-per-second', perSecond, 'certificates/s', baseline);
	htmlFigure(perSecond);
}

// Only where Chromium is installed (the test set-up installs it): the same certificate as HTML
// printed to PDF, the usual alternative to drawing it, against our renderer measured above.
function htmlFigure(oursPerSecond) {
	const candidates = ['chromium', 'chromium-browser', 'google-chrome'];
	const browser = candidates.find((name) => {
		try {
			execFileSync('which', [name], { stdio: 'ignore' });
			return true;
		} catch {
			return false;
		}
	});
	if (!browser) return;
	const fs = require('node:fs');
	const os = require('node:os');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cert-html-'));
	const html = path.join(dir, 'c.html');
	fs.writeFileSync(
		html,
		'<html><body><h1>Certificate of Attendance</h1><p>José Álvarez 王小明</p></body></html>',
	);
	const runs = 5;
	const start = performance.now();
	for (let i = 0; i < runs; i++)
		execFileSync(
			browser,
			[
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				`--print-to-pdf=${path.join(dir, `c${i}.pdf`)}`,
				html,
			],
			{ stdio: 'ignore' },
		);
	const perSecond = runs / ((performance.now() - start) / 1000);
	fs.rmSync(dir, { recursive: true, force: true });
	// One headless Chromium process per certificate, as an HTML-to-PDF service would start.
	report('certificates-html-chromium', perSecond, 'certificates/s', oursPerSecond);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
