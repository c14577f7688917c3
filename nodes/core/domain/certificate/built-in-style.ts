import type { Certificate } from './model';
import type { PageCanvas, Rgb } from './pdf/canvas';

/** A4 landscape, in points. */
export const BUILT_IN_PAGE_SIZE: [number, number] = [841.89, 595.28];

export const NAVY: Rgb = [0.12, 0.23, 0.37];
export const GOLD: Rgb = [0.69, 0.55, 0.34];
export const INK: Rgb = [0.13, 0.13, 0.15];
export const MUTED: Rgb = [0.38, 0.4, 0.44];
export const ALERT: Rgb = [0.62, 0.12, 0.12];

export const STATEMENT_SIZE = 8.5;
export const STATEMENT_LEADING = 11;
const STATEMENT_WIDTH = 560;

/** The double frame every page of the built-in design has. */
export function drawFrame(canvas: PageCanvas): void {
	const [width, height] = BUILT_IN_PAGE_SIZE;
	canvas.rect(18, 18, width - 36, height - 36, NAVY, 2.5);
	canvas.rect(26, 26, width - 52, height - 52, GOLD, 0.8);
}

/** How many lines the statements take, wrapped as drawStatements wraps them. */
export function statementLineCount(canvas: PageCanvas, cert: Certificate): number {
	return cert.statements.reduce(
		(lines, statement) => lines + canvas.wrap(statement, STATEMENT_SIZE, STATEMENT_WIDTH).length,
		0,
	);
}

/** The statements (e.g. NASBA's 50-minute hour), centred, one paragraph each, from `top` down. */
export function drawStatements(canvas: PageCanvas, cert: Certificate, top: number): void {
	const centre = BUILT_IN_PAGE_SIZE[0] / 2;
	let y = top;
	for (const statement of cert.statements) {
		const paragraph = canvas.element('P', centre, y);
		for (const line of canvas.wrap(statement, STATEMENT_SIZE, STATEMENT_WIDTH)) {
			canvas.text(line, centre, y, {
				element: paragraph,
				size: STATEMENT_SIZE,
				color: MUTED,
				align: 'center',
			});
			y -= STATEMENT_LEADING;
		}
	}
}
