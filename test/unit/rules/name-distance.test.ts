import { levenshtein, nameDistance, normalizeName } from '../../../nodes/core/domain/rules';

describe('levenshtein', () => {
	it.each<[string, string, number]>([
		['', '', 0],
		['', 'abc', 3],
		['abc', '', 3],
		['abc', 'abc', 0],
		['kitten', 'sitting', 3],
		['flaw', 'lawn', 2],
		['intention', 'execution', 5],
		['ab', 'ba', 2],
		['ada lovelace', 'grace hopper', 11],
		['a😀b', 'ab', 1],
		['😀', '😃', 1],
	])('%j vs %j is %d', (a, b, distance) => {
		expect(levenshtein(a, b)).toBe(distance);
		expect(levenshtein(b, a)).toBe(distance);
	});
});

describe('normalizeName', () => {
	it.each<[string, string]>([
		['  Ada   Lovelace ', 'ada lovelace'],
		['JOSÉ ÁLVAREZ', 'jose alvarez'],
		['Zoe\u0308', 'zoe'],
		['Ｆｕｌｌ', 'full'],
		['Anne\tMarie\nSmith', 'anne marie smith'],
		['Nguyễn Văn An', 'nguyen van an'],
		['Łukasz', 'łukasz'],
	])('%j -> %j', (name, normalised) => {
		expect(normalizeName(name)).toBe(normalised);
	});
});

describe('nameDistance', () => {
	it('compares normalised names', () => {
		expect(nameDistance('José Álvarez', 'jose  alvarez')).toBe(0);
		expect(nameDistance('Jose Alvarez', 'Jose Alvares')).toBe(1);
	});
});

/** The plain full-matrix distance, to check the banded one against. */
function fullMatrixDistance(a: string, b: string): number {
	const left = Array.from(a);
	const right = Array.from(b);
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

describe('levenshtein with a limit', () => {
	it('is exact up to the limit and limit + 1 beyond, on 5,000 random pairs', () => {
		let seed = 7;
		const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		const word = () =>
			Array.from(
				{ length: Math.floor(random() * 10) },
				() => 'ab😀'[Math.floor(random() * 3)],
			).join('');
		const mismatches: string[] = [];
		for (let k = 0; k < 5000; k++) {
			const [a, b] = [word(), word()];
			const exact = fullMatrixDistance(a, b);
			for (const limit of [0, 1, 2, 3, 5, Number.POSITIVE_INFINITY]) {
				const expected = exact <= limit ? exact : limit + 1;
				if (levenshtein(a, b, limit) !== expected) mismatches.push(`${a}|${b}|${limit}`);
			}
		}
		expect(mismatches).toEqual([]);
	});

	it.each<[string, string, string, number, number]>([
		['a long name vs a short one', 'x'.repeat(100_000), 'Ada Lovelace', 2, 3],
		['two equal long names', 'a'.repeat(100_000), 'a'.repeat(100_000), 2, 0],
		['two long names one edit apart', 'ab'.repeat(50_000), 'ab'.repeat(49_999) + 'aa', 2, 1],
		['two long names far apart', 'a'.repeat(100_000), 'b'.repeat(100_000), 2, 3],
		['two long names shifted by one', 'ab'.repeat(50_000), 'ba'.repeat(50_000), 2, 2],
		['two long names, a wider limit', 'ab'.repeat(50_000), 'ba'.repeat(50_000), 16, 2],
	])('answers %s (100,000 characters) quickly', (_name, a, b, limit, distance) => {
		const started = performance.now();
		expect(levenshtein(a, b, limit)).toBe(distance);
		// The band is a few million cell updates at most (milliseconds); the full matrix of two
		// 100,000-character names is 10^10 cells and runs for minutes.
		expect(performance.now() - started).toBeLessThan(1000);
	});

	it('keeps name comparison fast on 100,000-character names', () => {
		const started = performance.now();
		expect(nameDistance('Ada '.repeat(25_000), 'Grace Hopper', 2)).toBe(3);
		expect(nameDistance('Ádá '.repeat(25_000), 'ada '.repeat(25_000), 2)).toBe(0);
		expect(performance.now() - started).toBeLessThan(1000);
	});
});
