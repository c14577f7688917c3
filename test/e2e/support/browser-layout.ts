// Opens a page in headless Chromium (Debian's, installed by scripts/browser/ensure.sh when
// missing), keeps a screenshot for a person to look over, and reads back what the browser laid
// out: a probe script added at the end of the page measures every table row and the page width
// after the browser's own layout, so a test asserts on what a reader sees, not on the HTML text.
// Asynchronously: the simulators run in the test's process and must keep answering meanwhile,
// and a blocked process lets n8n close the kept-alive connections the next request would reuse.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { REPO_ROOT } from './harness';

/** One table row as laid out: its cells' text and its box in CSS pixels. */
export interface RenderedRow {
	cells: string[];
	left: number;
	right: number;
	top: number;
	height: number;
}

export interface RenderedLayout {
	viewportWidth: number;
	/** The page's full width: more than the viewport means a reader has to scroll sideways. */
	pageWidth: number;
	/** Every element whose right edge lies past the viewport, as "tag.class". */
	overflowing: string[];
	headings: string[];
	/** Each table's rows, header row first. */
	tables: RenderedRow[][];
	text: string;
}

// Runs in the page: synchronous at the end of <body>, after the stylesheets it waited for.
const PROBE = `(() => {
	const box = (el) => el.getBoundingClientRect();
	const width = document.documentElement.clientWidth;
	const overflowing = [...document.body.querySelectorAll('*')]
		.filter((el) => box(el).width > 0 && box(el).right > width + 0.5)
		.map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''));
	const tables = [...document.querySelectorAll('table')].map((table) =>
		[...table.rows].map((row) => {
			const r = box(row);
			return { cells: [...row.cells].map((c) => c.innerText.trim()), left: r.left, right: r.right, top: r.top, height: r.height };
		}),
	);
	const layout = {
		viewportWidth: width,
		pageWidth: document.documentElement.scrollWidth,
		overflowing,
		headings: [...document.querySelectorAll('h1,h2,h3')].map((h) => h.innerText.trim()),
		tables,
		text: document.body.innerText,
	};
	const out = document.createElement('script');
	out.type = 'application/json';
	out.id = 'layout-probe';
	out.textContent = JSON.stringify(layout).replace(/</g, '\\\\u003c');
	document.body.appendChild(out);
})();`;

let browser: string | undefined;

/** The browser's path; installs it when missing, and fails (never skips) when it cannot. */
export async function ensureBrowser(): Promise<string> {
	browser ??= (
		await runTool('bash', [path.join(REPO_ROOT, 'scripts', 'browser', 'ensure.sh')])
	).trim();
	return browser;
}

/** Runs a tool (the browser, its install script) and returns what it printed. */
async function runTool(file: string, args: string[]): Promise<string> {
	const { stdout } = await promisify(execFile)(file, args, { encoding: 'utf8', timeout: 60_000 });
	return stdout;
}

/**
 * Renders `html` (a whole page) at `width`×`height`: writes it beside its screenshot with the
 * probe added, saves `<name>.png` in `folder`, and returns the layout the browser measured.
 * `baseUrl` lets a page fetched from a server load its own stylesheets.
 */
export async function renderPage(
	html: string,
	options: { folder: string; name: string; width: number; height: number; baseUrl?: string },
): Promise<RenderedLayout> {
	const chromium = await ensureBrowser();
	const base = options.baseUrl ? `<base href="${options.baseUrl}">` : '';
	const withBase = base ? html.replace(/<head[^>]*>/i, (head) => `${head}${base}`) : html;
	const probed = withBase.replace(
		/<\/body>(?![\s\S]*<\/body>)/i,
		`<script>${PROBE}</script></body>`,
	);
	if (probed === withBase) throw new Error(`${options.name}: the page has no </body> to probe`);
	const file = path.join(options.folder, `${options.name}.html`);
	writeFileSync(file, probed);
	const common = [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--hide-scrollbars',
		`--window-size=${options.width},${options.height}`,
	];
	const run = (args: string[]) => runTool(chromium, [...common, ...args, `file://${file}`]);
	await run([`--screenshot=${path.join(options.folder, `${options.name}.png`)}`]);
	const dom = await run(['--dump-dom']);
	const probe = /<script type="application\/json" id="layout-probe">([\s\S]*?)<\/script>/.exec(dom);
	if (!probe) throw new Error(`${options.name}: the browser ran no layout probe`);
	return JSON.parse(probe[1]) as RenderedLayout;
}
