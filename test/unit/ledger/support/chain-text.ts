import type { StoredLine } from '../../../../nodes/core/domain/ledger';

/** A chain held as text, read the way a store reads its file (for third-party style checks). */
export function linesOf(text: string): () => AsyncIterable<StoredLine[]> {
	const lines: StoredLine[] = [];
	let offset = 0;
	let lineNumber = 1;
	while (offset < text.length) {
		const end = text.indexOf('\n', offset);
		const complete = end !== -1;
		const line = text.slice(offset, complete ? end : text.length);
		lines.push({
			text: line,
			offset: Buffer.byteLength(text.slice(0, offset)),
			lineNumber: lineNumber++,
			complete,
		});
		offset = complete ? end + 1 : text.length;
	}
	return async function* () {
		yield lines;
	};
}
