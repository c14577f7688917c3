import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';

/**
 * Every regular expression in the package's source, run on 1 MB adversarial strings. A regex
 * that backtracks (a leading `x+` without an anchor, `[^>]*` before a ">" that never comes,
 * `\s+$`...) turns one long webhook field into minutes of a blocked n8n process.
 *
 * The list is the source itself: every regex literal under nodes/ and credentials/ is found with
 * the TypeScript scanner, so a new one is covered the day it is written. A regex that only ever
 * sees the package's own bounded values may be listed in NOT_USER_FACING with the reason; the list
 * must stay true (an entry whose literal is gone fails the test). `new RegExp(...)` is refused:
 * a pattern built at run time cannot be checked here.
 */

const ROOT = join(__dirname, '..', '..', '..');
const SOURCE_FOLDERS = ['nodes', 'credentials'];

const NOT_USER_FACING: Record<string, string> = {
	'/\\.?0+$/': 'trims Number#toFixed output while drawing PDFs: tens of characters, never input',
};

// A linear pass over 1 MB takes milliseconds to tens of milliseconds; a quadratic one needs about
// 10^12 steps (minutes). A pass over the bound is timed again on an eighth of the input: a linear
// regex then takes about an eighth of the time (a busy machine slows both alike), a quadratic one
// a sixty-fourth. So a loaded machine never fails a linear regex, and a slow one fails by growth.
const BOUND_MS = 1000;
const MAX_GROWTH = 20;
// A regex that has not answered by then is stuck whatever the load.
const STUCK_MS = 30_000;
const MB = 1 << 20;

/** Units repeated to 1 MB: letters, digits, spaces and the punctuation patterns wait for. */
const BASE_UNITS = [
	'a',
	'0',
	' ',
	'\t',
	'\n',
	'@',
	'.',
	'/',
	'<',
	'>',
	';',
	',',
	':',
	'-',
	'"',
	'\\',
	'a@',
	'a.',
	'a@a.',
	'0:',
	'0.',
	'0 ',
	'a ',
	'<a ',
	'é',
	'😀',
];
/** What follows a run: a character most patterns accept, and one most refuse. */
const ENDINGS = ['!', ' '];
/** Beginnings that get an anchored pattern past its first part (an e-mail's "name@", a tag). */
const PREFIXES = ['a@', '<a ', 'a:'];
const PREFIXED_UNITS = ['a', 'a.', '.', ' ', '0'];

/** [prefix, unit, ending]: the input is prefix + unit repeated to 1 MB + ending. */
type Shape = [string, string, string];

/** The shapes for one regex: the base units and the punctuation it names, plus prefixed runs. */
function shapesFor(literal: string): Shape[] {
	const own = literal.slice(1, literal.lastIndexOf('/')).replace(/[A-Za-z0-9]/g, '');
	const units = [...new Set([...BASE_UNITS, ...Array.from(own)])];
	return [
		...units.flatMap((unit) => ENDINGS.map((ending): Shape => ['', unit, ending])),
		...PREFIXES.flatMap((prefix) =>
			PREFIXED_UNITS.flatMap((unit) => ENDINGS.map((ending): Shape => [prefix, unit, ending])),
		),
	];
}

interface FoundRegex {
	literal: string;
	where: string;
}

function sourceFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

/** Regex literals and RegExp constructor calls, with file:line. */
function collect(): { literals: FoundRegex[]; constructed: string[] } {
	const literals: FoundRegex[] = [];
	const constructed: string[] = [];
	for (const file of SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)))) {
		const source = ts.createSourceFile(
			file,
			readFileSync(file, 'utf8'),
			ts.ScriptTarget.Latest,
			true,
		);
		const where = (node: ts.Node) =>
			`${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
		const visit = (node: ts.Node): void => {
			if (ts.isRegularExpressionLiteral(node))
				literals.push({ literal: node.text, where: where(node) });
			if (
				(ts.isNewExpression(node) || ts.isCallExpression(node)) &&
				ts.isIdentifier(node.expression) &&
				node.expression.text === 'RegExp'
			) {
				constructed.push(where(node));
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	return { literals, constructed };
}

// Runs in a worker so that a regex that never finishes can be stopped (terminate() interrupts
// a running match; a timer on the main thread could not). Reports the time of each input.
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ source, flags, shapes, size, bound }) => {
	// Global, so every match position is tried, as replace, split and matchAll do.
	const regex = new RegExp(source, flags.includes('g') ? flags : flags + 'g');
	const time = ([prefix, unit, ending], length) => {
		const text = prefix + unit.repeat(Math.ceil(length / unit.length)).slice(0, length) + ending;
		const started = performance.now();
		text.replace(regex, '');
		return performance.now() - started;
	};
	shapes.forEach((shape, index) => {
		let ms = time(shape, size);
		let eighthMs;
		if (ms > bound) {
			eighthMs = time(shape, size / 8);
			ms = time(shape, size);
		}
		parentPort.postMessage({ index, ms, eighthMs });
	});
	parentPort.postMessage({ done: true });
});`;

interface Report {
	index?: number;
	ms?: number;
	/** The time on an eighth of the input, measured when `ms` is over the bound. */
	eighthMs?: number;
	done?: boolean;
}

/** Over the bound, and growing faster than the input: eight times the input, far more time. */
function superlinear({ ms = 0, eighthMs }: Report): boolean {
	return ms > BOUND_MS && (eighthMs === undefined || ms / Math.max(eighthMs, 1) > MAX_GROWTH);
}

function describeShape([prefix, unit, ending]: Shape): string {
	const start = prefix ? `${JSON.stringify(prefix)} + ` : '';
	return `${start}1 MB of ${JSON.stringify(unit)} + ${JSON.stringify(ending)}`;
}

class RegexRunner {
	private worker = new Worker(WORKER, { eval: true });

	/** What made `literal` slow (the first shape over the bound), or undefined. */
	async slowestOver(literal: string, shapes: Shape[]): Promise<string | undefined> {
		const [, source, flags] = /^\/(.*)\/([a-z]*)$/s.exec(literal) as RegExpExecArray;
		return new Promise((resolve) => {
			let running = 0;
			let slow: string | undefined;
			let timer: NodeJS.Timeout;
			const watch = () => {
				clearTimeout(timer);
				timer = setTimeout(() => {
					this.worker.removeAllListeners('message');
					void this.worker.terminate();
					this.worker = new Worker(WORKER, { eval: true });
					resolve(`did not finish within ${STUCK_MS} ms on ${describeShape(shapes[running])}`);
				}, STUCK_MS);
			};
			this.worker.on('message', (report: Report) => {
				if (report.done) {
					clearTimeout(timer);
					this.worker.removeAllListeners('message');
					resolve(slow);
					return;
				}
				const { index = 0, ms = 0, eighthMs = 0 } = report;
				if (superlinear(report) && !slow)
					slow = `took ${Math.round(ms)} ms on ${describeShape(shapes[index])} and ${Math.round(eighthMs)} ms on an eighth of it`;
				running = index + 1;
				watch();
			});
			watch();
			this.worker.postMessage({ source, flags, shapes, size: MB, bound: BOUND_MS });
		});
	}

	async close(): Promise<void> {
		await this.worker.terminate();
	}
}

describe('regular expressions on 1 MB adversarial input', () => {
	const { literals, constructed } = collect();

	it('finds the regex literals of the package and no RegExp built at run time', () => {
		expect(literals.length).toBeGreaterThan(100);
		expect(constructed).toEqual([]);
	});

	it('lists only regexes that still exist as not user-facing', () => {
		const present = new Set(literals.map((found) => found.literal));
		expect(Object.keys(NOT_USER_FACING).filter((literal) => !present.has(literal))).toEqual([]);
	});

	it(`runs every other regex in under ${BOUND_MS} ms per input, or in time linear in it`, async () => {
		const byLiteral = new Map<string, string[]>();
		for (const { literal, where } of literals) {
			if (literal in NOT_USER_FACING) continue;
			byLiteral.set(literal, [...(byLiteral.get(literal) ?? []), where]);
		}
		const runner = new RegexRunner();
		const slow: string[] = [];
		try {
			for (const [literal, places] of byLiteral) {
				const problem = await runner.slowestOver(literal, shapesFor(literal));
				if (problem) slow.push(`${literal} (${places.join(', ')}) ${problem}`);
			}
		} finally {
			await runner.close();
		}
		expect(slow).toEqual([]);
	}, 600_000);
});
