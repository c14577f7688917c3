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

/** Levenshtein distance counted in code points, so an emoji or astral letter is one edit. */
export function levenshtein(a: string, b: string): number {
	const left = Array.from(a);
	const right = Array.from(b);
	if (left.length === 0) return right.length;
	if (right.length === 0) return left.length;
	let previous = Array.from({ length: right.length + 1 }, (_, j) => j);
	for (let i = 1; i <= left.length; i++) {
		const current = [i];
		for (let j = 1; j <= right.length; j++) {
			const substitution = previous[j - 1] + (left[i - 1] === right[j - 1] ? 0 : 1);
			current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
		}
		previous = current;
	}
	return previous[right.length];
}

/** Edits between two names after normalisation. */
export function nameDistance(a: string, b: string): number {
	return levenshtein(normalizeName(a), normalizeName(b));
}
