/** A half-open stretch of time [start, end) in epoch milliseconds. */
export interface Interval {
	start: number;
	end: number;
}

/**
 * Sorted, disjoint union of the intervals; touching intervals join. Empty and reversed
 * intervals contribute nothing. The result does not depend on the input order.
 */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
	const usable = intervals.filter((interval) => interval.end > interval.start);
	if (usable.length < 2) return usable.map(({ start, end }) => ({ start, end }));
	usable.sort((a, b) => a.start - b.start || a.end - b.end);
	const merged: Interval[] = [{ start: usable[0].start, end: usable[0].end }];
	for (let i = 1; i < usable.length; i++) {
		const last = merged[merged.length - 1];
		const next = usable[i];
		if (next.start <= last.end) {
			if (next.end > last.end) last.end = next.end;
		} else {
			merged.push({ start: next.start, end: next.end });
		}
	}
	return merged;
}

/** Intersection of two sorted, disjoint interval lists. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
	const out: Interval[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		const start = Math.max(a[i].start, b[j].start);
		const end = Math.min(a[i].end, b[j].end);
		if (end > start) out.push({ start, end });
		if (a[i].end < b[j].end) i++;
		else j++;
	}
	return out;
}

/** Parts of sorted, disjoint `a` not covered by sorted, disjoint `b`. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
	const out: Interval[] = [];
	let j = 0;
	for (const interval of a) {
		let start = interval.start;
		while (j < b.length && b[j].end <= start) j++;
		let k = j;
		while (k < b.length && b[k].start < interval.end) {
			if (b[k].start > start) out.push({ start, end: b[k].start });
			start = Math.max(start, b[k].end);
			k++;
		}
		if (start < interval.end) out.push({ start, end: interval.end });
	}
	return out;
}

/** Total length in milliseconds of disjoint intervals. */
export function totalLength(intervals: readonly Interval[]): number {
	let total = 0;
	for (const interval of intervals) total += interval.end - interval.start;
	return total;
}

/** The longest single interval, 0 for none. */
export function longestLength(intervals: readonly Interval[]): number {
	let longest = 0;
	for (const interval of intervals) longest = Math.max(longest, interval.end - interval.start);
	return longest;
}

/** A merged stretch of presence and the sources that reported any part of it. */
export interface SourcedWindow extends Interval {
	sources: string[];
}

// One shared, never-mutated list per source name: most windows have a single source.
const singleSource = new Map<string, string[]>();
function sourcesOf(source: string): string[] {
	let list = singleSource.get(source);
	if (!list) {
		list = [source];
		if (singleSource.size < 10_000) singleSource.set(source, list);
	}
	return list;
}

/**
 * Like mergeIntervals, keeping the sorted, distinct sources of each merged stretch. Source lists
 * may be shared between windows: treat them as read-only.
 */
export function mergeSourced(
	intervals: ReadonlyArray<Interval & { source: string }>,
): SourcedWindow[] {
	if (intervals.length === 1) {
		const only = intervals[0];
		return only.end > only.start
			? [{ start: only.start, end: only.end, sources: sourcesOf(only.source) }]
			: [];
	}
	const usable = intervals.filter((interval) => interval.end > interval.start);
	usable.sort((a, b) => a.start - b.start || a.end - b.end);
	const merged: SourcedWindow[] = [];
	for (const next of usable) {
		const last = merged[merged.length - 1];
		if (last && next.start <= last.end) {
			if (next.end > last.end) last.end = next.end;
			if (!last.sources.includes(next.source)) last.sources = [...last.sources, next.source].sort();
		} else {
			merged.push({ start: next.start, end: next.end, sources: sourcesOf(next.source) });
		}
	}
	return merged;
}

/** Sourced windows cut to sorted, disjoint `limits` (e.g. the session's content blocks). */
export function clipSourced(
	windows: readonly SourcedWindow[],
	limits: readonly Interval[],
): SourcedWindow[] {
	const out: SourcedWindow[] = [];
	for (const window of windows) {
		for (const limit of limits) {
			const start = Math.max(window.start, limit.start);
			const end = Math.min(window.end, limit.end);
			if (end <= start) continue;
			out.push(
				start === window.start && end === window.end
					? window
					: { start, end, sources: window.sources },
			);
		}
	}
	return out;
}
