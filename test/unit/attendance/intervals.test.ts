import {
	intersectIntervals,
	mergeIntervals,
	subtractIntervals,
	totalLength,
	type Interval,
} from '../../../nodes/core/domain/attendance';
import { seededRandom, shuffled } from '../credit/seeded-random';

const iv = (start: number, end: number): Interval => ({ start, end });

describe('interval arithmetic', () => {
	it('merges overlapping and touching intervals, ignoring empty and reversed ones', () => {
		expect(
			mergeIntervals([iv(5, 8), iv(1, 3), iv(3, 4), iv(7, 10), iv(12, 12), iv(20, 15)]),
		).toEqual([iv(1, 4), iv(5, 10)]);
	});

	it('intersects and subtracts sorted lists', () => {
		expect(intersectIntervals([iv(0, 10), iv(20, 30)], [iv(5, 25)])).toEqual([
			iv(5, 10),
			iv(20, 25),
		]);
		expect(subtractIntervals([iv(0, 100)], [iv(10, 20), iv(50, 60), iv(95, 120)])).toEqual([
			iv(0, 10),
			iv(20, 50),
			iv(60, 95),
		]);
		expect(totalLength([iv(0, 10), iv(20, 25)])).toBe(15);
	});

	it('property: merging does not depend on the order of the input (500 seeded cases)', () => {
		const random = seededRandom(7);
		for (let run = 0; run < 500; run++) {
			const intervals = Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
				const start = Math.floor(random() * 1000);
				return iv(start, start + Math.floor(random() * 200) - 20);
			});
			const reordered = shuffled(intervals, random);
			const merged = mergeIntervals(intervals);
			expect(mergeIntervals(reordered)).toEqual(merged);
			// The union covers each input and nothing else: its length never exceeds the sum.
			const sum = intervals.reduce((total, i) => total + Math.max(0, i.end - i.start), 0);
			expect(totalLength(merged)).toBeLessThanOrEqual(sum);
			for (const i of intervals.filter((x) => x.end > x.start))
				expect(totalLength(intersectIntervals(merged, [i]))).toBe(i.end - i.start);
		}
	});
});
