// Prints the text of each PDF named on the command line as a JSON array, using PDF.js (through
// unpdf). Run as a child process because PDF.js ships as an ES module.
import { readFile } from 'node:fs/promises';
import { extractText, getDocumentProxy } from 'unpdf';

const texts = [];
for (const file of process.argv.slice(2)) {
	const pdf = await getDocumentProxy(new Uint8Array(await readFile(file)));
	const { text } = await extractText(pdf, { mergePages: true });
	texts.push(text);
}
process.stdout.write(JSON.stringify(texts));
