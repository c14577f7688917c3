// Spreadsheets run cells starting with these as formulas (CSV injection); a leading apostrophe
// makes them plain text, as OWASP recommends.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV cell: formula starts neutralised, quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
	const safe = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 text: CRLF line ends, every cell through csvCell. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
	return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
