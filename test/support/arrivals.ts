/**
 * The most times in any span of `windowMs` (each span starts at one of them): over a platform's
 * limit per window, a fixed window placed there would have refused one, however windows align.
 */
export function busiestWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	for (let first = 0, last = 0; first < sorted.length; first++) {
		while (last < sorted.length && sorted[last] < sorted[first] + windowMs) last++;
		most = Math.max(most, last - first);
	}
	return most;
}
