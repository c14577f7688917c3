import { levenshtein, nameDistance, normalizeName } from '../../../nodes/credentialing/rules';

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
