import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

import { renderCertificate } from '../../../nodes/core/domain/certificate';
import { num } from '../../../nodes/core/domain/certificate/pdf/qr';
import { sampleInput } from './fixtures';
import { pageContent } from './support/pdf-tools';

/** Operand count of every operator the writer (or pdf-lib, for a template) emits. */
const OPERANDS: Record<string, number> = {
	q: 0,
	Q: 0,
	cm: 6,
	w: 1,
	d: 2,
	RG: 3,
	rg: 3,
	m: 2,
	l: 2,
	re: 4,
	S: 0,
	f: 0,
	n: 0,
	h: 0,
	B: 0,
	c: 6,
	TL: 1,
	'T*': 0,
	Tc: 1,
	Tw: 1,
	Tz: 1,
	Ts: 1,
	Tr: 1,
	Do: 1,
	gs: 1,
	BT: 0,
	ET: 0,
	Tm: 6,
	Td: 2,
	Tf: 2,
	Tj: 1,
	TJ: 1,
	BDC: 2,
	BMC: 1,
	EMC: 0,
};

type Token = { kind: 'operand' | 'operator'; text: string };

/** A small content-stream tokenizer: strings, hex strings, arrays and dictionaries are one operand. */
function tokenize(content: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	const skipBalanced = (open: string, close: string) => {
		let depth = 0;
		do {
			const c = content[i];
			if (c === '\\' && open === '(') i++;
			else if (content.startsWith(open, i)) depth++;
			else if (content.startsWith(close, i)) depth--;
			i += depth === 0 ? close.length : 1;
		} while (depth > 0 && i < content.length);
	};
	while (i < content.length) {
		const c = content[i];
		const start = i;
		if (/\s/.test(c)) i++;
		else if (c === '(') skipBalanced('(', ')');
		else if (content.startsWith('<<', i)) skipBalanced('<<', '>>');
		else if (c === '<') i = content.indexOf('>', i) + 1;
		else if (c === '[') skipBalanced('[', ']');
		else {
			while ((i < content.length && !/[\s()<>[\]/]/.test(content[i])) || i === start) i++;
			const text = content.slice(start, i);
			const operand = /^[/+\-.\d]/.test(text) || text === 'true' || text === 'false';
			tokens.push({ kind: operand ? 'operand' : 'operator', text });
			continue;
		}
		if (i > start && !/\s/.test(c)) tokens.push({ kind: 'operand', text: content.slice(start, i) });
	}
	return tokens;
}

/** Each operator with the operands before it; fails on a malformed number or wrong count. */
function checkOperators(content: string): Array<{ op: string; args: string[] }> {
	const found: Array<{ op: string; args: string[] }> = [];
	let args: string[] = [];
	for (const token of tokenize(content)) {
		if (token.kind === 'operand') {
			if (/^[+\-.\d]/.test(token.text) && !/^-?(\d+\.?\d*|\.\d+)$/.test(token.text))
				throw new Error(`malformed number "${token.text}" in content stream`);
			args.push(token.text);
			continue;
		}
		const expected = OPERANDS[token.text];
		if (expected === undefined) throw new Error(`unexpected operator ${token.text}`);
		if (args.length !== expected)
			throw new Error(
				`${token.text} takes ${expected} operands, got ${args.length}: ${args.join(' ')}`,
			);
		found.push({ op: token.text, args });
		args = [];
	}
	if (args.length) throw new Error(`operands without an operator at the end: ${args.join(' ')}`);
	return found;
}

async function template(): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	const font = await doc.embedFont(StandardFonts.Helvetica);
	const page = doc.addPage([792, 612]);
	page.drawRectangle({ x: 20, y: 20, width: 752, height: 572, borderColor: rgb(0.1, 0.2, 0.4) });
	page.drawText('ARTWORK', { x: 300, y: 540, size: 20, font });
	return doc.save();
}

describe('content stream operators', () => {
	it('gives every colour operator three well-formed operands (navy frame 0.12 0.23 0.37)', async () => {
		const { pdf } = await renderCertificate(sampleInput({ recipientName: 'محمد عبد الله' }));
		const ops = checkOperators(await pageContent(pdf));
		const strokes = ops.filter((o) => o.op === 'RG').map((o) => o.args.join(' '));
		expect(strokes[0]).toBe('0.12 0.23 0.37');
		expect(ops.filter((o) => o.op === 'TJ').length).toBeGreaterThan(10);
	});

	it('writes well-formed operators over a template page', async () => {
		const { pdf } = await renderCertificate(sampleInput(), {
			kind: 'template',
			templatePdf: await template(),
			positions: [
				{ field: 'recipientName', x: 396, y: 330, size: 26, align: 'center', color: '#1f3a5f' },
				{ field: 'credits', x: 396, y: 265, size: 11, align: 'center' },
				{ field: 'qrCode', x: 660, y: 40, size: 90 },
			],
		});
		const ops = checkOperators(await pageContent(pdf));
		expect(ops.filter((o) => o.op === 'rg').map((o) => o.args.join(' '))).toContain(
			'0.122 0.227 0.373',
		);
	});

	it.each([
		[0.12, 3, '0.12'],
		[0.1234, 3, '0.123'],
		[100, 3, '100'],
		[10.5, 2, '10.5'],
		[-0.0001, 3, '0'],
		[0.5, 0, '1'],
		[841.89, 3, '841.89'],
	])('num(%p, %p) is %p', (value, decimals, expected) => {
		expect(num(value, decimals)).toBe(expected);
	});

	it('refuses a number PDF cannot write', () => {
		expect(() => num(Number.NaN)).toThrow('finite');
		expect(() => num(1, 0.5)).toThrow('decimals');
	});
});
