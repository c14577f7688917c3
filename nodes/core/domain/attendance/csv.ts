import { isReservedKey, reservedKeyMessage } from '../safe-keys';

export interface CsvTable {
	header: string[];
	/** Data rows as header -> cell; row numbers are 1-based indexes into this list. */
	rows: Array<Record<string, string>>;
}

export type CsvParseResult =
	| ({ ok: true } & CsvTable)
	| { ok: false; row: number; column: string; message: string };

/**
 * RFC 4180 CSV as exported by badge scanners, kiosks and Zoom: UTF-8 BOM removed, comma, semicolon
 * (European Excel) or tab detected from the header line, quoted fields with "" escapes and line
 * breaks, CRLF or LF. Blank lines are skipped. Repeated header names are refused because a
 * lookup by name would silently read only one of them.
 */
export function parseCsv(text: string): CsvParseResult {
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const delimiter = detectDelimiter(source);
	const records = splitRecords(source, delimiter);
	if ('message' in records)
		return { ok: false, row: records.row, column: '', message: records.message };
	const nonEmpty = records.lines.filter(
		(line) => !(line.cells.length === 1 && line.cells[0].trim() === ''),
	);
	if (nonEmpty.length === 0) {
		return {
			ok: false,
			row: 0,
			column: '',
			message: 'received no header line; expected CSV with a header',
		};
	}
	const header = nonEmpty[0].cells.map((cell) => cell.trim());
	const seen = new Set<string>();
	for (const name of header) {
		// Header names become the keys of every row object.
		if (isReservedKey(name)) {
			return { ok: false, row: 0, column: name, message: reservedKeyMessage(name) };
		}
		if (name !== '' && seen.has(name)) {
			return {
				ok: false,
				row: 0,
				column: name,
				message: `column "${name}" appears twice in the header`,
			};
		}
		seen.add(name);
	}
	const rows = nonEmpty.slice(1).map((line) => {
		const row: Record<string, string> = {};
		header.forEach((name, index) => {
			if (name !== '') row[name] = line.cells[index] ?? '';
		});
		return row;
	});
	return { ok: true, header, rows };
}

function detectDelimiter(text: string): string {
	const firstLine = text.slice(0, text.search(/\r?\n|$/));
	const counts = [',', ';', '\t'].map((d) => ({ d, n: countOutsideQuotes(firstLine, d) }));
	counts.sort((a, b) => b.n - a.n);
	return counts[0].n > 0 ? counts[0].d : ',';
}

function countOutsideQuotes(line: string, delimiter: string): number {
	let inQuotes = false;
	let count = 0;
	for (const ch of line) {
		if (ch === '"') inQuotes = !inQuotes;
		else if (ch === delimiter && !inQuotes) count++;
	}
	return count;
}

interface Line {
	cells: string[];
}

function splitRecords(
	text: string,
	delimiter: string,
): { lines: Line[] } | { row: number; message: string } {
	const lines: Line[] = [];
	let cells: string[] = [];
	let cell = '';
	let inQuotes = false;
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (inQuotes) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') inQuotes = false;
			else cell += ch;
		} else if (ch === '"' && cell.trim() === '' && !quoted) {
			inQuotes = true;
			quoted = true;
			cell = '';
		} else if (ch === delimiter) {
			cells.push(cell);
			cell = '';
			quoted = false;
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			cells.push(cell);
			lines.push({ cells });
			cells = [];
			cell = '';
			quoted = false;
		} else {
			cell += ch;
		}
	}
	if (inQuotes) {
		return { row: Math.max(lines.length, 1), message: 'a quoted field is never closed' };
	}
	if (cell !== '' || cells.length > 0) {
		cells.push(cell);
		lines.push({ cells });
	}
	return { lines };
}
