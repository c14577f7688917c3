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

// A linear pass over 1 MB takes milliseconds to tens of milliseconds even on a loaded machine; a
// quadratic one needs about 10^12 steps (minutes). The bound only has to separate the two.
const BOUND_MS = 1000;
const MB = 1 << 20;

/** Strings each regex meets: runs of one unit, 1 MB long, with and without a breaking "!". */
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
parentPort.on('message', ({ source, flags, units, size }) => {
	// Global, so every match position is tried, as replace, split and matchAll do.
	const regex = new RegExp(source, flags.includes('g') ? flags : flags + 'g');
	units.forEach((unit, index) => {
		const run = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
		for (const text of [run, run + '!']) {
			const started = performance.now();
			text.replace(regex, '');
			parentPort.postMessage({ index, ms: performance.now() - started, broken: text !== run });
		}
	});
	parentPort.postMessage({ done: true });
});`;

interface Report {
	index?: number;
	ms?: number;
	broken?: boolean;
	done?: boolean;
}

class RegexRunner {
	private worker = new Worker(WORKER, { eval: true });

	/** The slowest input of `literal`, or undefined when all finish within the bound. */
	async slowestOver(literal: string, units: string[]): Promise<string | undefined> {
		const [, source, flags] = /^\/(.*)\/([a-z]*)$/s.exec(literal) as RegExpExecArray;
		const describe = (index: number, broken: boolean) =>
			`1 MB of ${JSON.stringify(units[index])}${broken ? ' + "!"' : ''}`;
		return new Promise((resolve) => {
			let next = { index: 0, broken: false };
			let slow: string | undefined;
			let timer: NodeJS.Timeout;
			const watch = () => {
				clearTimeout(timer);
				timer = setTimeout(() => {
					this.worker.removeAllListeners('message');
					void this.worker.terminate();
					this.worker = new Worker(WORKER, { eval: true });
					resolve(`did not finish within ${BOUND_MS} ms on ${describe(next.index, next.broken)}`);
				}, BOUND_MS + 250);
			};
			this.worker.on('message', (report: Report) => {
				if (report.done) {
					clearTimeout(timer);
					this.worker.removeAllListeners('message');
					resolve(slow);
					return;
				}
				const { index = 0, ms = 0, broken = false } = report;
				if (ms > BOUND_MS && !slow)
					slow = `took ${Math.round(ms)} ms on ${describe(index, broken)}`;
				next = broken ? { index: index + 1, broken: false } : { index, broken: true };
				watch();
			});
			watch();
			this.worker.postMessage({ source, flags, units, size: MB });
		});
	}

	async close(): Promise<void> {
		await this.worker.terminate();
	}
}

/** The base units plus every punctuation character the regex names. */
function unitsFor(literal: string): string[] {
	const own = literal.slice(1, literal.lastIndexOf('/')).replace(/[A-Za-z0-9]/g, '');
	return [...new Set([...BASE_UNITS, ...Array.from(own)])];
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

	it(`runs every other regex in under ${BOUND_MS} ms per input`, async () => {
		const byLiteral = new Map<string, string[]>();
		for (const { literal, where } of literals) {
			if (literal in NOT_USER_FACING) continue;
			byLiteral.set(literal, [...(byLiteral.get(literal) ?? []), where]);
		}
		const runner = new RegexRunner();
		const slow: string[] = [];
		try {
			for (const [literal, places] of byLiteral) {
				const problem = await runner.slowestOver(literal, unitsFor(literal));
				if (problem) slow.push(`${literal} (${places.join(', ')}) ${problem}`);
			}
		} finally {
			await runner.close();
		}
		expect(slow).toEqual([]);
	}, 600_000);
});
