/**
 * Name comparison for the identity check. Names on credentials and in LMS profiles differ in
 * accents, case and spacing far more often than in actual identity, so those are normalised away
 * before counting edits.
 */

/** NFKD, combining marks removed, lower case, whitespace collapsed and trimmed. */
export function normalizeName(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/\s+/gu, ' ')
		.trim();
}

/**
 * Levenshtein distance counted in code points, so an emoji or astral letter is one edit.
 * With a `limit`, only the diagonal band of cells within `limit` edits is computed and the
 * search stops as soon as a whole row exceeds it: the answer is exact up to the limit and
 * `limit + 1` beyond, and the work is length x (2 x limit + 1) instead of length squared, so a
 * 100,000-character name cannot stall the process.
 */
export function levenshtein(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
	let shorter = Array.from(a);
	let longer = Array.from(b);
	if (shorter.length > longer.length) [shorter, longer] = [longer, shorter];
	const n = shorter.length;
	const m = longer.length;
	if (m - n > limit) return limit + 1;
	if (n === 0) return m;
	const band = Math.min(limit, m);
	const beyond = limit + 1; // stands for every cell outside the band
	let previous = new Float64Array(m + 1).fill(beyond);
	let current = new Float64Array(m + 1).fill(beyond);
	for (let j = 0; j <= band; j++) previous[j] = j;
	for (let i = 1; i <= n; i++) {
		const from = Math.max(1, i - band);
		const to = Math.min(m, i + band);
		current[from - 1] = from === 1 && i <= band ? i : beyond;
		let rowMin = current[from - 1];
		const letter = shorter[i - 1];
		// Plain comparisons rather than a three-argument Math.min: several times faster here.
		for (let j = from; j <= to; j++) {
			let cell = previous[j - 1] + (letter === longer[j - 1] ? 0 : 1);
			if (previous[j] + 1 < cell) cell = previous[j] + 1;
			if (current[j - 1] + 1 < cell) cell = current[j - 1] + 1;
			current[j] = cell;
			if (cell < rowMin) rowMin = cell;
		}
		if (rowMin > limit) return beyond;
		const done = previous;
		previous = current;
		current = done;
	}
	return Math.min(previous[m], beyond);
}

/** Edits between two names after normalisation; exact up to `limit`, `limit + 1` beyond. */
export function nameDistance(a: string, b: string, limit?: number): number {
	return levenshtein(normalizeName(a), normalizeName(b), limit);
}
