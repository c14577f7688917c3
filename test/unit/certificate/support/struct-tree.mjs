// Prints the structure tree of each PDF's first page as PDF.js reads it (through unpdf), with the
// text of each marked-content id, as JSON. A child process because PDF.js is an ES module.
import { readFile } from 'node:fs/promises';
import { getDocumentProxy } from 'unpdf';

const out = [];
for (const file of process.argv.slice(2)) {
	const pdf = await getDocumentProxy(new Uint8Array(await readFile(file)));
	const page = await pdf.getPage(1);
	const tree = await page.getStructTree();
	const content = await page.getTextContent({ includeMarkedContent: true });
	const textById = {};
	let current = [];
	for (const item of content.items) {
		if (item.type === 'beginMarkedContentProps' && item.id) {
			current.push(item.id);
			textById[item.id] = '';
		} else if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
			current.push(null);
		} else if (item.type === 'endMarkedContent') {
			current.pop();
		} else if (typeof item.str === 'string') {
			const id = current.findLast((c) => c);
			if (id) textById[id] += item.str;
		}
	}
	out.push({ tree, textById });
}
process.stdout.write(JSON.stringify(out));
