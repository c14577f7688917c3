import { crc32, deflateSync } from 'node:zlib';

/** An RGB image, 3 bytes a pixel, rows top to bottom. */
export interface Raster {
	width: number;
	height: number;
	rgb: Buffer;
}

/** Reads a binary PPM (P6, maxval 255), the output of pdftoppm and Ghostscript's ppmraw. */
export function parsePpm(bytes: Buffer): Raster {
	const header: string[] = [];
	let i = 0;
	while (header.length < 4) {
		while (/\s/.test(String.fromCharCode(bytes[i]))) i++;
		if (bytes[i] === 0x23) {
			while (bytes[i] !== 0x0a) i++;
			continue;
		}
		const start = i;
		while (!/\s/.test(String.fromCharCode(bytes[i]))) i++;
		header.push(bytes.subarray(start, i).toString('latin1'));
	}
	const [magic, width, height, max] = header;
	if (magic !== 'P6' || max !== '255') throw new Error(`not an 8-bit binary PPM (${magic} ${max})`);
	const w = Number(width);
	const h = Number(height);
	const rgb = bytes.subarray(i + 1, i + 1 + w * h * 3);
	if (rgb.length !== w * h * 3) throw new Error('truncated PPM');
	return { width: w, height: h, rgb: Buffer.from(rgb) };
}

/** A PNG of the raster (colour type 2, no filtering), so a render can be looked at. */
export function encodePng({ width, height, rgb }: Raster): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body));
		return Buffer.concat([length, body, crc]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 2, 0, 0, 0], 8);
	const rows = Buffer.alloc((width * 3 + 1) * height);
	for (let y = 0; y < height; y++)
		rgb.copy(rows, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(rows)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

export function pixel(r: Raster, x: number, y: number): [number, number, number] {
	const at = (y * r.width + x) * 3;
	return [r.rgb[at], r.rgb[at + 1], r.rgb[at + 2]];
}

const distance = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

/** Share of pixels that are not (near) white: 0 for a blank page. */
export function inkCoverage(r: Raster): number {
	let ink = 0;
	for (let i = 0; i < r.rgb.length; i += 3)
		if (r.rgb[i] < 235 || r.rgb[i + 1] < 235 || r.rgb[i + 2] < 235) ink++;
	return ink / (r.width * r.height);
}

/**
 * Pixels within `tolerance` (per channel, 0–255) of the colour inside a box given in PDF points
 * (origin bottom left), at the raster's resolution.
 */
export function pixelsOfColour(
	r: Raster,
	dpi: number,
	box: { x: number; y: number; w: number; h: number },
	colour: [number, number, number],
	tolerance = 12,
): number {
	const scale = dpi / 72;
	const x0 = Math.max(0, Math.floor(box.x * scale));
	const x1 = Math.min(r.width, Math.ceil((box.x + box.w) * scale));
	const y0 = Math.max(0, Math.floor(r.height - (box.y + box.h) * scale));
	const y1 = Math.min(r.height, Math.ceil(r.height - box.y * scale));
	let count = 0;
	for (let y = y0; y < y1; y++)
		for (let x = x0; x < x1; x++) if (distance(pixel(r, x, y), colour) <= tolerance) count++;
	return count;
}

/**
 * How far two renders of one page differ, on 4 × 4 pixel block averages so that renderers'
 * different anti-aliasing of glyph edges does not count: the mean block difference (0–255) and
 * the share of blocks that differ by more than 48 in some channel.
 */
export function compareRasters(a: Raster, b: Raster): { mean: number; differing: number } {
	if (Math.abs(a.width - b.width) > 1 || Math.abs(a.height - b.height) > 1)
		throw new Error(`raster sizes differ: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
	const block = 4;
	const w = Math.floor(Math.min(a.width, b.width) / block);
	const h = Math.floor(Math.min(a.height, b.height) / block);
	const average = (r: Raster, bx: number, by: number) => {
		const sum = [0, 0, 0];
		for (let y = by * block; y < (by + 1) * block; y++)
			for (let x = bx * block; x < (bx + 1) * block; x++)
				pixel(r, x, y).forEach((v, c) => (sum[c] += v));
		return sum.map((v) => v / (block * block));
	};
	let total = 0;
	let differing = 0;
	for (let by = 0; by < h; by++)
		for (let bx = 0; bx < w; bx++) {
			const d = distance(average(a, bx, by), average(b, bx, by));
			total += d;
			if (d > 48) differing++;
		}
	return { mean: total / (w * h), differing: differing / (w * h) };
}
