import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { encodePng, parsePpm, type Raster } from './raster';

/** Renders are kept here (gitignored) for a person to look at: the PDF and both PNGs. */
export const OUTPUT_DIR = resolve(__dirname, '../../../../test-output/pdf-readers');
export const DPI = 72;

/**
 * Runs one reader and returns its stdout. Anything on stderr ("Syntax Error", "Syntax Warning",
 * Ghostscript's "**** Error") fails, as does a missing tool: these checks never skip.
 */
export function runReader(cmd: string, args: string[]): string {
	// Test-only: the readers are the independent judges of the PDF, so they run as processes.
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions
	const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
	if (res.error)
		throw new Error(
			`${cmd} could not run (${res.error.message}): install poppler-utils, ghostscript, qpdf and mupdf-tools (bash scripts/pdf-readers/ensure.sh)`,
		);
	const stderr = res.stderr.trim();
	if (res.status !== 0 || stderr)
		throw new Error(`${cmd} ${args.join(' ')} exited ${res.status} with: ${stderr || res.stdout}`);
	return res.stdout;
}

export interface StrictReading {
	file: string;
	/** pdftotext's text, whitespace collapsed. */
	text: string;
	/** pdfinfo's fields. */
	info: Record<string, string>;
	poppler: Raster;
	ghostscript: Raster;
}

function rasterise(base: string, cmd: string, args: string[], ppm: string, png: string): Raster {
	runReader(cmd, args);
	const raster = parsePpm(readFileSync(ppm));
	writeFileSync(`${base}.${png}.png`, encodePng(raster));
	rmSync(ppm);
	return raster;
}

/**
 * Reads a PDF with Poppler (pdfinfo, pdftotext, pdftoppm), rasterises it again with Ghostscript
 * and checks it with qpdf; every tool must finish without a word on stderr.
 */
export function readStrictly(name: string, pdf: Uint8Array): StrictReading {
	mkdirSync(OUTPUT_DIR, { recursive: true });
	const base = join(OUTPUT_DIR, name.replace(/[^\w.-]+/g, '_'));
	const file = `${base}.pdf`;
	writeFileSync(file, pdf);
	const qpdf = runReader('qpdf', ['--check', file]);
	if (!qpdf.includes('No syntax or stream encoding errors found'))
		throw new Error(`qpdf --check: ${qpdf}`);
	const info: Record<string, string> = {};
	for (const line of runReader('pdfinfo', ['-isodates', file]).split('\n')) {
		const match = /^([^:]+):\s*(.*)$/.exec(line);
		if (match) info[match[1]] = match[2];
	}
	const text = runReader('pdftotext', ['-enc', 'UTF-8', file, '-']).replace(/\s+/g, ' ').trim();
	const poppler = rasterise(
		base,
		'pdftoppm',
		['-r', String(DPI), '-singlefile', file, `${base}.poppler`],
		`${base}.poppler.ppm`,
		'poppler',
	);
	const gsPpm = `${base}.gs.ppm`;
	const ghostscript = rasterise(
		base,
		'gs',
		['-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-sstdout=%stderr', '-sDEVICE=ppmraw'].concat([
			'-dTextAlphaBits=4',
			'-dGraphicsAlphaBits=4',
			`-r${DPI}`,
			`-sOutputFile=${gsPpm}`,
			file,
		]),
		gsPpm,
		'ghostscript',
	);
	return { file, text, info, poppler, ghostscript };
}
