import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { renderCertificate, type EmbeddedFile } from '../../../nodes/core/domain/certificate';
import { sampleInput } from './fixtures';
import { OUTPUT_DIR, runReader } from './support/strict-readers';

// A signed badge has non-ASCII text and a proof; the bytes must survive unchanged.
const badgeJson = Buffer.from(
	`${JSON.stringify(
		{
			'@context': ['https://www.w3.org/ns/credentials/v2'],
			type: ['VerifiableCredential', 'OpenBadgeCredential'],
			name: 'Revenue Recognition – José Müller-Łukasiewicz',
			proof: { proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk' },
		},
		null,
		2,
	)}\n`,
	'utf8',
);
// Every byte value once: a binary file must not pass through any text encoding.
const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);

const files: EmbeddedFile[] = [
	{
		name: 'badge.json',
		bytes: badgeJson,
		mimeType: 'application/ld+json',
		description: 'Open Badges 3.0 credential',
	},
	{ name: 'raw.bin', bytes: everyByte, mimeType: 'application/octet-stream', relationship: 'Source' },
];

describe('embedding files in the certificate PDF', () => {
	let file: string;
	let record: Awaited<ReturnType<typeof renderCertificate>>['record'];
	let pdf: Uint8Array;
	beforeAll(async () => {
		({ pdf, record } = await renderCertificate(sampleInput(), { kind: 'builtIn' }, files));
		mkdirSync(OUTPUT_DIR, { recursive: true });
		file = join(OUTPUT_DIR, 'embedded-files.pdf');
		writeFileSync(file, pdf);
	});

	it('qpdf lists each attachment with its MIME type and description', () => {
		expect(runReader('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors');
		const listing = runReader('qpdf', ['--list-attachments', '--verbose', file]);
		expect(listing).toMatch(/badge\.json ->/);
		expect(listing).toMatch(/raw\.bin ->/);
		expect(listing).toContain('mime type: application/ld+json');
		expect(listing).toContain('mime type: application/octet-stream');
		expect(listing).toContain('Open Badges 3.0 credential');
	});

	it('qpdf extracts the badge JSON byte for byte', () => {
		const shown = runReader('qpdf', ['--show-attachment=badge.json', file]);
		expect(Buffer.from(shown, 'utf8').equals(badgeJson)).toBe(true);
	});

	it('Poppler pdfdetach saves both files byte for byte', () => {
		const dir = mkdtempSync(join(OUTPUT_DIR, 'detach-'));
		try {
			expect(runReader('pdfdetach', ['-list', file])).toContain('2 embedded files');
			runReader('pdfdetach', ['-saveall', '-o', dir, file]);
			expect(readFileSync(join(dir, 'badge.json')).equals(badgeJson)).toBe(true);
			expect(readFileSync(join(dir, 'raw.bin')).equals(Buffer.from(everyByte))).toBe(true);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('lists the files as associated files (catalog /AF) with their relationship', () => {
		const json = JSON.parse(runReader('qpdf', ['--json', '--json-key=qpdf', file])) as {
			qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
		};
		const objects = Object.values(json.qpdf[1]).map((o) => o.value ?? {});
		const catalog = objects.find((o) => o['/Type'] === '/Catalog');
		expect(catalog?.['/AF']).toHaveLength(2);
		const relationships = objects
			.filter((o) => o['/Type'] === '/Filespec')
			.map((o) => o['/AFRelationship'])
			.sort();
		expect(relationships).toEqual(['/Data', '/Source']);
	});

	it('records each file with its size and SHA-256', () => {
		expect(record.embeddedFiles).toEqual([
			{
				name: 'badge.json',
				mimeType: 'application/ld+json',
				byteLength: badgeJson.length,
				sha256: createHash('sha256').update(badgeJson).digest('hex'),
			},
			{
				name: 'raw.bin',
				mimeType: 'application/octet-stream',
				byteLength: 256,
				sha256: createHash('sha256').update(everyByte).digest('hex'),
			},
		]);
	});

	it('renders the same bytes twice (the file dates are the issue time)', async () => {
		const again = await renderCertificate(sampleInput(), { kind: 'builtIn' }, files);
		expect(Buffer.from(again.pdf).equals(Buffer.from(pdf))).toBe(true);
	});

	it('leaves a certificate without files unchanged (no record entry, no attachments)', async () => {
		const plain = await renderCertificate(sampleInput());
		expect(plain.record.embeddedFiles).toBeUndefined();
		const plainFile = join(OUTPUT_DIR, 'no-embedded-files.pdf');
		writeFileSync(plainFile, plain.pdf);
		expect(runReader('qpdf', ['--list-attachments', plainFile])).toContain('no embedded files');
	});

	it.each([
		[{ ...files[0], name: '' }, /Embedded file 1: give a file name/],
		[{ ...files[0], name: 'a/b.json' }, /without folders/],
		[{ ...files[0], mimeType: 'json' }, /"json" is not a MIME type/],
		[{ ...files[0], bytes: new Uint8Array() }, /"badge.json" is empty/],
	])('rejects a bad file with a message naming the fix (%#)', async (bad, message) => {
		await expect(renderCertificate(sampleInput(), { kind: 'builtIn' }, [bad])).rejects.toThrow(
			message,
		);
	});

	it('rejects two files with the same name', async () => {
		await expect(
			renderCertificate(sampleInput(), { kind: 'builtIn' }, [files[0], files[0]]),
		).rejects.toMatchObject({ field: 'embeddedFiles', message: expect.stringMatching(/used twice/) });
	});
});
