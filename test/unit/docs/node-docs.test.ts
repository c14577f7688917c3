import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { anchorsOf, linksOf } from './support/markdown';

// n8n opens a node's documentation from its codex (primaryDocumentation) and a credential's from
// its documentationUrl: each must point at the page for that node or credential in docs/, the
// page must exist, and the README must stay a short entry page that links every node page.
const ROOT = join(__dirname, '../../..');
const DOCS_BASE =
	'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main';
const README_LIMIT_BYTES = 15_360;

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};
const nameOf = (distPath: string, suffix: string) =>
	distPath.slice(distPath.lastIndexOf('/') + 1, -suffix.length);
const nodeNames = pkg.n8n.nodes.map((p) => nameOf(p, '.node.js'));
const credentialNames = pkg.n8n.credentials.map((p) => nameOf(p, '.credentials.js'));

/** Source files under the given folders, wherever the service folders put them. */
function filesUnder(...folders: string[]): string[] {
	const found: string[] = [];
	const visit = (dir: string) => {
		for (const entry of readdirSync(dir)) {
			const full = join(dir, entry);
			if (statSync(full).isDirectory()) visit(full);
			else found.push(full);
		}
	};
	for (const folder of folders) visit(join(ROOT, folder));
	return found;
}
const sources = filesUnder('nodes', 'credentials');

function sourceOf(fileName: string): string {
	const matches = sources.filter((file) => file.endsWith(`/${fileName}`));
	if (matches.length !== 1) {
		throw new Error(
			`expected one ${fileName} under nodes/ or credentials/, found ${matches.length}`,
		);
	}
	return matches[0];
}

const markdownFiles = [
	join(ROOT, 'README.md'),
	...filesUnder('docs').filter((file) => file.endsWith('.md')),
];

describe('node documentation links', () => {
	it.each(nodeNames)('%s links to docs/nodes/%s.md from its codex', (name) => {
		const codex = JSON.parse(readFileSync(sourceOf(`${name}.node.json`), 'utf8'));
		const url = codex.resources?.primaryDocumentation?.[0]?.url;
		expect(url).toBe(`${DOCS_BASE}/docs/nodes/${name}.md`);
		expect(existsSync(join(ROOT, 'docs/nodes', `${name}.md`))).toBe(true);
	});

	it.each(credentialNames)('%s links to docs/credentials/%s.md', async (name) => {
		const module = (await import(sourceOf(`${name}.credentials.ts`))) as Record<
			string,
			new () => { documentationUrl?: string }
		>;
		expect(new module[name]().documentationUrl).toBe(`${DOCS_BASE}/docs/credentials/${name}.md`);
		expect(existsSync(join(ROOT, 'docs/credentials', `${name}.md`))).toBe(true);
	});

	it('has a page for nothing the package does not ship', () => {
		const pages = (folder: string) =>
			readdirSync(join(ROOT, folder))
				.filter((file) => /^[A-Z].*\.md$/.test(file))
				.map((file) => file.slice(0, -3))
				.sort();
		expect(pages('docs/nodes')).toEqual([...nodeNames].sort());
		expect(pages('docs/credentials')).toEqual([...credentialNames].sort());
	});
});

describe('README', () => {
	const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

	it(`stays under ${README_LIMIT_BYTES} bytes`, () => {
		expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(README_LIMIT_BYTES);
	});

	it.each(readdirSync(join(ROOT, 'docs/nodes')).filter((file) => file.endsWith('.md')))(
		'links docs/nodes/%s',
		(page) => {
			expect(linksOf(readme)).toContain(`docs/nodes/${page}`);
		},
	);
});

describe('links inside the documentation', () => {
	it.each(markdownFiles.map((file) => [relative(ROOT, file), file]))(
		'%s links only to files and headings that exist',
		(_name, file) => {
			const broken: string[] = [];
			for (const link of linksOf(readFileSync(file, 'utf8'))) {
				if (/^[a-z]+:/.test(link)) continue;
				const [target, anchor] = link.split('#');
				const path = target ? resolve(dirname(file), target) : file;
				if (!existsSync(path)) broken.push(`${link} (no such file)`);
				else if (
					anchor &&
					path.endsWith('.md') &&
					!anchorsOf(readFileSync(path, 'utf8')).has(anchor)
				) {
					broken.push(`${link} (no such heading)`);
				}
			}
			expect(broken).toEqual([]);
		},
	);
});
