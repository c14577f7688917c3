import { open } from 'node:fs/promises';

import type { StoredLine } from '../../../domain/ledger/store';

const CHUNK = 1 << 20;
const NEWLINE = 10;

/**
 * Lines of a chain file from byte `from` to `until` (default: the end), in batches of one read
 * chunk. A last piece without a line end is yielded with complete: false.
 */
export async function* readChainLines(
	path: string,
	options: { from?: number; until?: number; firstLineNumber?: number } = {},
): AsyncGenerator<StoredLine[]> {
	const handle = await open(path, 'r');
	try {
		const until = options.until ?? Number.POSITIVE_INFINITY;
		let lineNumber = options.firstLineNumber ?? 1;
		let buffer = Buffer.allocUnsafe(CHUNK);
		let filled = 0;
		let bufferOffset = options.from ?? 0;
		for (;;) {
			if (filled === buffer.length) {
				// One line longer than the buffer: grow instead of splitting it.
				const bigger = Buffer.allocUnsafe(buffer.length * 2);
				buffer.copy(bigger, 0, 0, filled);
				buffer = bigger;
			}
			const want = Math.min(buffer.length - filled, until - bufferOffset - filled);
			if (want <= 0) break;
			const { bytesRead } = await handle.read(buffer, filled, want, bufferOffset + filled);
			if (bytesRead === 0) break;
			filled += bytesRead;
			const view = buffer.subarray(0, filled);
			const lines: StoredLine[] = [];
			let start = 0;
			for (let end = view.indexOf(NEWLINE, start); end !== -1; end = view.indexOf(NEWLINE, start)) {
				lines.push({
					text: view.toString('utf8', start, end),
					offset: bufferOffset + start,
					lineNumber: lineNumber++,
					complete: true,
				});
				start = end + 1;
			}
			if (lines.length > 0) yield lines;
			buffer.copy(buffer, 0, start, filled);
			bufferOffset += start;
			filled -= start;
		}
		if (filled > 0) {
			yield [
				{
					text: buffer.toString('utf8', 0, filled),
					offset: bufferOffset,
					lineNumber,
					complete: false,
				},
			];
		}
	} finally {
		await handle.close();
	}
}
